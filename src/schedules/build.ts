/**
 * `schedule({...})` and `rule({...})`: typed builders that check a spec as the YAML loader does and
 * return it unchanged, so workflows-as-code and YAML files produce the same values.
 */
import { StepwrightError, type Problem } from '../model/errors.js';
import { checkRule, checkSchedule, formatPath, type FieldProblem } from './check.js';
import type { RuleSpec, ScheduleSpec } from './model.js';

/** Problems → StepwrightError problems naming the entry (as `workflow`) and the field. */
export function toProblems(problems: FieldProblem[], entry: { name?: unknown; label: string; file?: string; line?: (path: FieldProblem['path']) => string | undefined }): Problem[] {
  return problems.map((p) => {
    const where = entry.file ? (entry.line?.(p.path) ?? entry.file) : undefined;
    return {
      ...(where ? { file: where } : {}),
      ...(typeof entry.name === 'string' ? { workflow: entry.name } : {}),
      state: entry.label,
      ...(p.path.length > 0 ? { field: formatPath(p.path) } : {}),
      message: p.message,
      ...(p.fix ? { fix: p.fix } : {}),
    };
  });
}

/** An EventBridge Scheduler schedule that starts a workflow. Throws StepwrightError listing every problem. */
export function schedule<const T extends ScheduleSpec>(spec: T): T {
  const problems = checkSchedule(spec);
  if (problems.length > 0) throw new StepwrightError(toProblems(problems, { name: spec.name, label: 'schedule' }));
  return spec;
}

/** An EventBridge rule (event pattern or schedule) with its targets. Throws StepwrightError listing every problem. */
export function rule<const T extends RuleSpec>(spec: T): T {
  const problems = checkRule(spec);
  if (problems.length > 0) throw new StepwrightError(toProblems(problems, { name: spec.name, label: 'rule' }));
  return spec;
}
