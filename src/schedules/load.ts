/**
 * `schedules/*.yaml` → checked schedules and rules. Problems name the file with line and column
 * (`schedules/platform.yaml:12:7`), the schedule or rule, the field, and a fix; all problems in a file
 * are reported at once.
 */
import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { StepwrightError, type Problem } from '../model/errors.js';
import { toProblems } from './build.js';
import { checkRule, checkSchedule, type FieldPath } from './check.js';
import type { RuleSpec, ScheduleSpec, SchedulesFile } from './model.js';

const TOP_LEVEL = ['schedules', 'rules'];

/** Reads and checks a schedules YAML file. Throws StepwrightError with every problem found. */
export function loadSchedulesFile(path: string): SchedulesFile {
  return parseSchedulesYaml(readFileSync(path, 'utf8'), path);
}

/** Parses and checks schedules YAML text; `file` is used in problem locations. */
export function parseSchedulesYaml(text: string, file: string): SchedulesFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): string => {
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    throw new StepwrightError(doc.errors.map((e): Problem => ({ file: at(e.pos[0]), message: `YAML: ${e.message.split('\n')[0]}`, fix: 'Fix the YAML syntax at that line.' })));
  }
  const locate = (path: FieldPath): string => at(offsetOf(doc, path));
  const root: unknown = doc.toJS();
  const problems: Problem[] = [];
  if (root === null || root === undefined) return { schedules: [], rules: [] };
  if (typeof root !== 'object' || Array.isArray(root)) {
    throw new StepwrightError({ file: locate([]), message: 'a schedules file is a mapping with "schedules:" and/or "rules:" lists', fix: 'Start the file with schedules: or rules:.' });
  }
  const top = root as Record<string, unknown>;
  for (const key of Object.keys(top)) {
    if (!TOP_LEVEL.includes(key)) problems.push({ file: locate([key]), field: key, message: `unknown top-level key "${key}"`, fix: 'A schedules file has only schedules: and rules: lists.' });
  }
  const section = (key: 'schedules' | 'rules'): unknown[] => {
    const value = top[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      problems.push({ file: locate([key]), field: key, message: `${key} must be a list`, fix: `Write each entry as "- name: ..." under ${key}:.` });
      return [];
    }
    return value;
  };
  const schedules = section('schedules');
  const rules = section('rules');
  const check = (kind: 'schedules' | 'rules', entries: unknown[], checker: (v: unknown) => ReturnType<typeof checkSchedule>) => {
    const seen = new Map<string, number>();
    entries.forEach((entry, i) => {
      const name = (entry as { name?: unknown } | null)?.name;
      const label = `${kind}[${i}]`;
      const line = (path: FieldPath) => locate([kind, i, ...path]);
      problems.push(...toProblems(checker(entry), { name, label, file, line }));
      if (typeof name === 'string') {
        const scope = kind === 'schedules' ? `${(entry as ScheduleSpec).group ?? 'default'}/${name}` : `${(entry as RuleSpec).bus ?? 'default'}/${name}`;
        const first = seen.get(scope);
        if (first !== undefined) {
          problems.push({ file: line(['name']), workflow: name, state: label, field: 'name', message: `"${name}" is already defined at ${kind}[${first}]`, fix: kind === 'schedules' ? 'Schedule names are unique within a group; rename one.' : 'Rule names are unique on an event bus; rename one.' });
        } else seen.set(scope, i);
      }
    });
  };
  check('schedules', schedules, checkSchedule);
  check('rules', rules, checkRule);
  if (problems.length > 0) throw new StepwrightError(problems);
  return { schedules: schedules as ScheduleSpec[], rules: rules as RuleSpec[] };
}

/** Source offset of the node at `path`, or of its nearest ancestor that exists. */
function offsetOf(doc: Document, path: FieldPath): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      offset = rangeStart(node) ?? offset;
    } else break;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range?.[0];
}
