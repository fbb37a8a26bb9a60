/**
 * `schedule({...})` and `rule({...})`: typed builders that check a spec as the YAML loader does and
 * return it unchanged, so workflows-as-code and YAML files produce the same values.
 */
import { StepwrightError, type Problem } from '../model/errors.js';
import { checkRule, checkSchedule, formatPath, type FieldProblem } from './check.js';
import type { RuleSpec, ScheduleSpec } from './model.js';

/** Where in a file a field is: its line and column. */
export type Position = { line: number; column: number };

/** Problems → StepwrightError problems naming the schedule or rule (or, unnamed, its entry) and the field. */
export function toProblems(
  problems: FieldProblem[],
  entry: { kind: 'schedule' | 'rule'; name?: unknown; label: string; file?: string; position?: (path: FieldProblem['path']) => Position | undefined },
): Problem[] {
  return problems.map((p) => {
    const position = entry.file ? entry.position?.(p.path) : undefined;
    return {
      ...(entry.file ? { file: entry.file } : {}),
      ...(position ?? {}),
      ...(typeof entry.name === 'string' ? { [entry.kind]: entry.name } : { entry: entry.label }),
      ...(p.path.length > 0 ? { field: formatPath(p.path) } : {}),
      message: p.message,
      ...(p.fix ? { fix: p.fix } : {}),
    };
  });
}

/** An EventBridge Scheduler schedule that starts a workflow. Throws StepwrightError listing every problem. */
export function schedule<const T extends ScheduleSpec>(spec: T): T {
  const problems = checkSchedule(spec);
  if (problems.length > 0) throw new StepwrightError(toProblems(problems, { kind: 'schedule', name: spec.name, label: 'schedule' }));
  return spec;
}

/** An EventBridge rule (event pattern or schedule) with its targets. Throws StepwrightError listing every problem. */
export function rule<const T extends RuleSpec>(spec: T): T {
  const problems = checkRule(spec);
  if (problems.length > 0) throw new StepwrightError(toProblems(problems, { kind: 'rule', name: spec.name, label: 'rule' }));
  return spec;
}
