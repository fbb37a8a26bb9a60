/**
 * Problems a user can cause (a bad workflow, a bad schedule, a bad mock file) are values with a
 * location and a fix, printed without a stack trace. Bugs in stepwright are ordinary thrown Errors.
 */

export interface Location {
  /** The file the user edits: a workflow module, a schedules YAML, a mock file, an ASL file. */
  file?: string;
  /** 1-based line and column in `file`, where the format has them (YAML, JSON, a module's stack). */
  line?: number;
  column?: number;
  /** The workflow (state machine) the problem is in. */
  workflow?: string;
  /** The EventBridge Scheduler schedule, or the EventBridge rule, the problem is in. */
  schedule?: string;
  rule?: string;
  /** The scenario of a scenario file. */
  scenario?: string;
  /** The state name. */
  state?: string;
  /** An entry of a file that has no name to show: `schedules[2]`, `scenario 3`. */
  entry?: string;
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

/** `schedules/platform.yaml:12:7 › schedule "nightly" › field target.workflow`: where, as one line. */
export function formatLocation(location: Location): string {
  const where: string[] = [];
  if (location.file) where.push(`${location.file}${location.line !== undefined ? `:${location.line}${location.column !== undefined ? `:${location.column}` : ''}` : ''}`);
  if (location.workflow) where.push(`workflow ${quote(location.workflow)}`);
  if (location.schedule) where.push(`schedule ${quote(location.schedule)}`);
  if (location.rule) where.push(`rule ${quote(location.rule)}`);
  if (location.scenario) where.push(`scenario ${quote(location.scenario)}`);
  if (location.entry) where.push(location.entry);
  if (location.state) where.push(`state ${quote(location.state)}`);
  if (location.field) where.push(`field ${location.field}`);
  return where.join(' › ');
}

/** A name as the user would type it; a newline or a quote in it shows escaped, so the location stays one line and names it. */
function quote(name: string): string {
  return JSON.stringify(name);
}

/** Formats one problem as a single readable line plus an optional fix line. */
export function formatProblem(problem: Problem): string {
  const where = formatLocation(problem);
  const fix = problem.fix ? `\n    fix: ${problem.fix}` : '';
  return `${where ? `${where}: ` : ''}${problem.message}${fix}`;
}

/** Problems in reading order: by file, then line and column; those without a line keep their order. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return problems
    .map((problem, i) => ({ problem, i }))
    .sort((a, b) => {
      const fa = a.problem.file ?? '';
      const fb = b.problem.file ?? '';
      if (fa !== fb) return fa < fb ? -1 : 1;
      const la = a.problem.line ?? Infinity;
      const lb = b.problem.line ?? Infinity;
      if (la !== lb) return la - lb;
      return (a.problem.column ?? 0) - (b.problem.column ?? 0) || a.i - b.i;
    })
    .map(({ problem }) => problem);
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
