/**
 * `schedules/*.yaml` → checked schedules and rules. Problems name the file with line and column
 * (`schedules/platform.yaml:12:7`), the schedule or rule, the field, and a fix; all problems in a file
 * are reported at once.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { offsetOf } from '../model/json-source.js';
import { sortProblems, StepwrightError, type Problem } from '../model/errors.js';
import { toProblems, type Position } from './build.js';
import { checkRule, checkSchedule, type FieldPath, type FieldProblem } from './check.js';
import type { RuleSpec, ScheduleSpec, SchedulesFile } from './model.js';

const TOP_LEVEL = ['schedules', 'rules'];

/** Reads and checks a schedules YAML file. Throws StepwrightError with every problem found. */
export interface LoadOptions {
  /** The workflows a target may start; without it, target workflow names are not checked. */
  workflows?: ReadonlySet<string>;
}

export function loadSchedulesFile(path: string, options: LoadOptions = {}): SchedulesFile {
  return parseSchedulesYaml(readFileSync(path, 'utf8'), path, options);
}

/** Parses and checks schedules YAML text; `file` is used in problem locations. */
export function parseSchedulesYaml(text: string, file: string, options: LoadOptions = {}): SchedulesFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    throw new StepwrightError(doc.errors.map((e): Problem => ({ file, ...at(e.pos[0]), message: `YAML: ${e.message.split('\n')[0]}`, fix: 'Fix the YAML syntax at that line.' })));
  }
  const locate = (path: FieldPath): Position => at(offsetOf(doc, path));
  const root: unknown = doc.toJS();
  const problems: Problem[] = [];
  if (root === null || root === undefined) return { schedules: [], rules: [] };
  if (typeof root !== 'object' || Array.isArray(root)) {
    throw new StepwrightError({ file, ...locate([]), message: 'a schedules file is a mapping with "schedules:" and/or "rules:" lists', fix: 'Start the file with schedules: or rules:.' });
  }
  const top = root as Record<string, unknown>;
  for (const key of Object.keys(top)) {
    if (!TOP_LEVEL.includes(key)) problems.push({ file, ...locate([key]), field: key, message: `unknown top-level key "${key}"`, fix: 'A schedules file has only schedules: and rules: lists.' });
  }
  const section = (key: 'schedules' | 'rules'): unknown[] => {
    const value = top[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      problems.push({ file, ...locate([key]), field: key, message: `${key} must be a list`, fix: `Write each entry as "- name: ..." under ${key}:.` });
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
      const position = (path: FieldPath) => locate([kind, i, ...path]);
      const entryKind = kind === 'schedules' ? 'schedule' : 'rule';
      problems.push(...toProblems([...checker(entry), ...unknownWorkflows(kind, entry, options.workflows)], { kind: entryKind, name, label, file, position }));
      if (typeof name === 'string') {
        const scope = kind === 'schedules' ? `${(entry as ScheduleSpec).group ?? 'default'}/${name}` : `${(entry as RuleSpec).bus ?? 'default'}/${name}`;
        const first = seen.get(scope);
        if (first !== undefined) {
          problems.push({ file, ...position(['name']), [entryKind]: name, field: 'name', message: `"${name}" is already defined at ${kind}[${first}]`, fix: kind === 'schedules' ? 'Schedule names are unique within a group; rename one.' : 'Rule names are unique on an event bus; rename one.' });
        } else seen.set(scope, i);
      }
    });
  };
  check('schedules', schedules, checkSchedule);
  check('rules', rules, checkRule);
  if (problems.length > 0) throw new StepwrightError(sortProblems(problems));
  return { schedules: schedules as ScheduleSpec[], rules: rules as RuleSpec[] };
}

/** Targets that start a workflow the project does not have. */
function unknownWorkflows(kind: 'schedules' | 'rules', entry: unknown, workflows: ReadonlySet<string> | undefined): FieldProblem[] {
  if (!workflows || entry === null || typeof entry !== 'object') return [];
  const fix = `Use one of: ${[...workflows].sort().join(', ')}.`;
  const unknown = (workflow: unknown) => typeof workflow === 'string' && !workflows.has(workflow);
  if (kind === 'schedules') {
    const workflow = (entry as { target?: { workflow?: unknown } }).target?.workflow;
    return unknown(workflow) ? [{ path: ['target', 'workflow'], message: `starts workflow "${String(workflow)}", which is not in this project`, fix }] : [];
  }
  const targets = (entry as { targets?: unknown }).targets;
  if (!Array.isArray(targets)) return [];
  return targets.flatMap((t, i): FieldProblem[] => {
    const workflow = (t as { workflow?: unknown } | null)?.workflow;
    return unknown(workflow) ? [{ path: ['targets', i, 'workflow'], message: `starts workflow "${String(workflow)}", which is not in this project`, fix }] : [];
  });
}
