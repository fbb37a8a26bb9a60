/**
 * Problems a user can cause (a bad workflow, a bad schedule, a bad mock file) are values with a
 * location and a fix, printed without a stack trace. Bugs in stepwright are ordinary thrown Errors.
 */

export interface Location {
  /** The file the user edits: a workflow module, a schedules YAML, a mock file, an ASL file. */
  file?: string;
  /** The workflow (state machine), schedule or rule the problem is in. */
  workflow?: string;
  /** The state name, or the entry within a file (a schedule, a rule, a scenario). */
  state?: string;
  /** The field, as AWS spells it: `Next`, `Retry[0].ErrorEquals`, `ScheduleExpression`. */
  field?: string;
}

export interface Problem extends Location {
  message: string;
  /** How to fix it, in one sentence. */
  fix?: string;
  /** Where the problem came from, when it was not our own check (e.g. `asl-validator`). */
  source?: string;
}

/** Formats one problem as a single readable line plus an optional fix line. */
export function formatProblem(problem: Problem): string {
  const where: string[] = [];
  if (problem.file) where.push(problem.file);
  if (problem.workflow) where.push(`workflow "${problem.workflow}"`);
  if (problem.state) where.push(`state "${problem.state}"`);
  if (problem.field) where.push(`field ${problem.field}`);
  const head = where.length > 0 ? `${where.join(' › ')}: ` : '';
  const fix = problem.fix ? `\n    fix: ${problem.fix}` : '';
  return `${head}${problem.message}${fix}`;
}

/** An error a user can fix. The CLI prints its problems and exits non-zero, with no stack trace. */
export class StepwrightError extends Error {
  readonly problems: Problem[];

  constructor(problems: Problem | Problem[]) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.map(formatProblem).join('\n'));
    this.name = 'StepwrightError';
    this.problems = list;
  }

  /** The same problems with a location filled in where they lack one (e.g. the file, once known). */
  at(location: Location): StepwrightError {
    return new StepwrightError(this.problems.map((p): Problem => ({ ...location, ...dropUndefined(p), message: p.message })));
  }
}

export function isStepwrightError(error: unknown): error is StepwrightError {
  return error instanceof StepwrightError || (error instanceof Error && error.name === 'StepwrightError' && Array.isArray((error as StepwrightError).problems));
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
