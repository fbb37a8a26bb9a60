/**
 * `pollUntil`: the loop for services without `.sync` (Glue crawlers, DMS, DataSync, Redshift Data,
 * Flink, Glue Data Quality, AppFlow). Start → Wait → check → Choice (done → Pass; failed → Fail; polls
 * exhausted → Fail; else → Wait). Without a start call (to wait for work something else started),
 * the loop checks at once: begin → check → Choice (... else → Wait → check). The loop's states use
 * JSONata (allowed in any machine), keep the state input unchanged, and hold what they need in
 * variables named after the loop, so two loops never share one.
 */
import { StepwrightError } from '../model/errors.js';
import { toSeconds, type Duration } from '../dsl/duration.js';
import { expr, type JsonataExpression } from '../dsl/expressions.js';
import { Chain, type Target } from '../dsl/state.js';
import type { CatchOptions } from '../dsl/recoverable.js';
import type { RetryOptions } from '../dsl/retry.js';
import { choice } from '../dsl/states/choice.js';
import { pass } from '../dsl/states/pass.js';
import { task } from '../dsl/states/task.js';
import { fail } from '../dsl/states/terminal.js';
import { wait } from '../dsl/states/wait.js';
import { recordCallSite } from './call-site.js';

/** Options every polled builder shares with its users. */
export interface PollOptions {
  /** State names are derived from this prefix (`<name>: start`, `<name>: wait`, ...). */
  name?: string;
  /** Time between polls. */
  pollEvery?: Duration;
  /** Give up after this many polls, failing with the loop's timeout error. */
  maxPolls?: number;
  /** Retry the start and check calls (e.g. `retries.throttling()`). */
  retry?: RetryOptions;
  /** Where to go when a call fails: a state or chain, or `{ handler, ...CatchOptions }`. */
  catch?: Target | ({ handler: Target } & CatchOptions);
  /**
   * The loop's output (default: its input, unchanged), built from the loop's variables, e.g.
   * `(v) => expr(\`$merge([$states.input, { "runId": ${v.runId} }])\`)`.
   */
  output?: (vars: PollVariables) => unknown;
}

/** The loop's variables as JSONata references (`$polls_Load_runId`): `status`, `polls` and each kept value. */
export type PollVariables = Record<string, string> & { status: string; polls: string };

export interface PollUntilOptions extends PollOptions {
  name: string;
  /**
   * The call that starts the work. Leave it out to wait for work already under way (a task someone
   * else started): the loop then begins with a Pass (`<name>: begin`) and checks at once.
   */
  start?: {
    resource: string;
    arguments: unknown;
    /** Values of the start result the check needs, as JSONata over `$states.result`: `{ id: '$states.result.Id' }`. */
    keep?: Record<string, string>;
  };
  /** The call that reads the work's status; its request may use the kept values. */
  check: { resource: string; arguments: (vars: PollVariables) => unknown };
  /**
   * JSONata over the check's `$states.result` giving the status; a function when it needs the
   * loop's variables (the run the start call began, among several the check lists).
   */
  status: string | ((vars: PollVariables) => string);
  /** Statuses that mean the work is done. */
  succeeded: string[];
  /** Statuses that mean it failed (the loop ends in a Fail state). */
  failed?: string[];
  /** JSONata over the check's `$states.result` giving a failure's reason, used as the Fail's Cause. */
  reason?: string | ((vars: PollVariables) => string);
  /** Error names: `{ failed: 'DMS.ReplicationTaskFailed', timeout: 'DMS.ReplicationTaskTimeout' }`. */
  errors: { failed?: string; timeout: string };
  /** The timeout Fail's Cause. */
  timeoutCause: string;
  /** Labels of the done Pass and the Choice (default `done` and `done?`). */
  labels?: { done?: string; check?: string; failed?: string };
}

const JSONATA = { queryLanguage: 'JSONata' as const };

function statusTest(variable: string, statuses: string[]): JsonataExpression {
  const quoted = statuses.map((s) => `'${s.replace(/'/g, "\\'")}'`);
  return expr(quoted.length === 1 ? `$${variable} = ${quoted[0]}` : `$${variable} in [${quoted.join(', ')}]`);
}

/**
 * Where the loop goes when the work failed or polls ran out. Without a catcher: a Fail state. With
 * one that would match the error, the same place a caught task error goes, with the same error
 * output (`{ Error, Cause }`, placed at ResultPath when one is given), so a failed crawl notifies
 * like a failed call does. A catcher with its own Output or Assign cannot be replayed outside a
 * Catch (they read `$states.errorOutput`), so those loops end in a Fail state.
 */
function failure(stateName: string, error: string, cause: { literal: string } | { expression: string }, caught: ({ handler: Target } & CatchOptions) | undefined) {
  const causeExpression = 'literal' in cause ? JSON.stringify(cause.literal) : cause.expression;
  const matches = caught && (!caught.errors || caught.errors.includes('States.ALL') || caught.errors.includes(error));
  const replayable = caught && caught.output === undefined && caught.assign === undefined && (caught.resultPath === undefined || caught.resultPath === null || /^\$\.[A-Za-z_]\w*$/.test(caught.resultPath));
  if (!caught || !matches || !replayable) return fail(stateName, { ...JSONATA, error, cause: 'literal' in cause ? cause.literal : expr(cause.expression) });
  const errorOutput = `{ "Error": "${error}", "Cause": ${causeExpression} }`;
  const output =
    caught.resultPath === null ? '$states.input' : caught.resultPath ? `$merge([$states.input, { "${caught.resultPath.slice(2)}": ${errorOutput} }])` : errorOutput;
  return pass(stateName, { ...JSONATA, comment: `${error}: continues where the loop's Catch goes`, output: expr(output) }).next(caught.handler);
}

/** The variable that counts a loop's polls: `polls_<name>`, the name's other characters as `_`. */
function counterOf(loopName: string): string {
  return `polls_${loopName.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/**
 * A loop's variables as JSONata references, for states outside the loop: e.g. a catch handler that
 * cancels the statement an overrunning `redshiftData` loop started reads `pollVariables('Load', 'statementId').statementId`.
 * `keys` are the values the loop's start call keeps (`statementId`, `runId`, `executionArn`, ...).
 */
export function pollVariables(loopName: string, ...keys: string[]): PollVariables {
  const counter = counterOf(loopName);
  const vars: PollVariables = { polls: `$${counter}`, status: `$${counter}_state` };
  for (const key of keys) vars[key] = `$${counter}_${key}`;
  return vars;
}

/**
 * The loop's calls are JSONata states, where a Catch has no ResultPath. A JSONPath-style
 * `resultPath` (the usual way a JSONPath machine keeps its input and adds the error) becomes the
 * Output that does the same, so the calls' catchers hand over what the failed and timed-out exits
 * do. Anything else is left as given, for the validator to report.
 */
function asJsonataCatch(options: CatchOptions): CatchOptions {
  const { resultPath, ...rest } = options;
  if (resultPath === undefined || rest.output !== undefined) return options;
  if (resultPath === null) return { ...rest, output: expr('$states.input') };
  if (!/^\$\.[A-Za-z_]\w*$/.test(resultPath)) return options;
  return { ...rest, output: expr(`$merge([$states.input, { "${resultPath.slice(2)}": $states.errorOutput }])`) };
}

export function pollUntil(options: PollUntilOptions): Chain {
  const prefix = options.name;
  const maxPolls = options.maxPolls ?? 60;
  let seconds: number;
  try {
    seconds = toSeconds(options.pollEvery ?? '30s');
  } catch (error) {
    throw new StepwrightError({ state: prefix, field: 'pollEvery', message: (error as Error).message });
  }
  if (!Number.isInteger(maxPolls) || maxPolls < 1) {
    throw new StepwrightError({ state: prefix, field: 'maxPolls', message: `must be a whole number of at least 1, got ${maxPolls}` });
  }
  const counter = counterOf(prefix);
  const name = (key: string) => `${counter}_${key}`;
  const vars = pollVariables(prefix, ...Object.keys(options.start?.keep ?? {}));

  const kept = Object.fromEntries(Object.entries(options.start?.keep ?? {}).map(([key, value]) => [name(key), expr(value)]));
  const start = options.start
    ? task(`${prefix}: start`, {
        ...JSONATA,
        resource: options.start.resource,
        arguments: options.start.arguments,
        output: expr('$states.input'),
        assign: { [counter]: 0, ...kept },
      })
    : undefined;
  const begin = start ?? pass(`${prefix}: begin`, { ...JSONATA, assign: { [counter]: 0 } });
  const pause = wait(`${prefix}: wait`, { ...JSONATA, seconds });
  const status = typeof options.status === 'function' ? options.status(vars) : options.status;
  const reason = typeof options.reason === 'function' ? options.reason(vars) : options.reason;
  const check = task(`${prefix}: get state`, {
    ...JSONATA,
    resource: options.check.resource,
    arguments: options.check.arguments(vars),
    output: expr('$states.input'),
    assign: {
      [counter]: expr(`$${counter} + 1`),
      [name('state')]: expr(status),
      // A missing reason must not fail the poll (an undefined Assign value is an error), so default to ''.
      ...(reason ? { [name('reason')]: expr(`$exists(${reason}) ? $string(${reason}) : ''`) } : {}),
    },
  });
  const labels = { done: 'done', check: 'done?', failed: 'failed', ...options.labels };
  const done = pass(`${prefix}: ${labels.done}`, { ...JSONATA, ...(options.output ? { output: options.output(vars) } : {}) });
  const decide = choice(`${prefix}: ${labels.check}`, JSONATA).when(statusTest(name('state'), options.succeeded), done);
  const caught = options.catch === undefined ? undefined : typeof options.catch === 'object' && 'handler' in options.catch ? options.catch : { handler: options.catch };
  if (options.failed && options.failed.length > 0) {
    const cause = reason ? `$${name('reason')}` : `$${name('state')}`;
    decide.when(statusTest(name('state'), options.failed), failure(`${prefix}: ${labels.failed}`, options.errors.failed ?? 'States.TaskFailed', { expression: cause }, caught));
  }
  decide
    .when(expr(`$${counter} >= ${maxPolls}`), failure(`${prefix}: timed out`, options.errors.timeout, { literal: options.timeoutCause }, caught))
    .otherwise(pause);

  for (const call of start ? [start, check] : [check]) {
    if (options.retry) call.retry(options.retry);
    if (caught) {
      const { handler, ...catchOptions } = caught;
      call.catch(handler, asJsonataCatch(catchOptions));
    }
  }
  if (start) {
    start.next(pause).next(check).next(decide);
  } else {
    begin.next(check).next(decide);
    pause.next(check);
  }
  recordCallSite(...(start ? [start.name] : []), check.name);
  return new Chain(begin, done.endStates);
}
