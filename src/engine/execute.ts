/**
 * `execute(definition, input, options)`: runs an ASL state machine to completion on the virtual
 * clock and returns its status, output or error, and its history in GetExecutionHistory's shape.
 * AWS's quotas on an execution apply (limits.ts); a run also ends on `signal` or `maxWallMs`.
 */
import type { JsonValue, StateMachineDefinition, StateMachineType } from '../model/asl.js';
import { StepwrightError } from '../model/errors.js';
import { sites } from '../model/walk.js';
import { VirtualClock, type ClockOptions } from './clock.js';
import { buildExecutionContext, type ContextOverrides } from './context.js';
import type { JsonataGuard } from './expressions/jsonata.js';
import { History, JsonText, type HistoryEvent } from './history.js';
import { HISTORY_LIMIT_CAUSE, HISTORY_LIMIT_ERROR, MAX_EXECUTION_INPUT_BYTES, MAX_EXPRESS_SECONDS, MAX_HISTORY_EVENTS, MAX_STANDARD_SECONDS } from './limits.js';
import { MockRegistry, type Mocks } from './mocks.js';
import { toJson } from './payload-size.js';
import { seededRandom } from './random.js';
import { runFrame } from './run.js';
import { BranchStopped, type Frame, type ItemReaders, type Runtime, type StopReason } from './runtime.js';
import { StatesError } from './states-error.js';
import type { TaskCallbacks } from './callbacks.js';

export type ExecutionStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** Error of a run stopped by `maxWallMs`. Not matched by States.ALL: nothing in the machine can catch it. */
export const MAX_WALL_TIME_EXCEEDED = 'stepwright.MaxWallTimeExceeded';

export interface ExecuteOptions {
  /** Task responses by state name (see mocks.ts). A Task without one fails with `stepwright.UnmockedTask`. */
  mocks?: Mocks;
  /** The execution's start time (`{ start }`, a Date, epoch ms or ISO string). Default 2024-01-01T00:00:00Z. */
  clock?: ClockOptions | Date | number | string;
  /** Overrides for the context object: `{ Execution: { Name }, StateMachine: { Name } }`. */
  context?: ContextOverrides;
  /** STANDARD (default) or EXPRESS. */
  type?: StateMachineType;
  /** Items for Map states with an ItemReader, by state name: an array, or CSV / JSONL / JSON text. */
  itemReaders?: ItemReaders;
  /** Seed for FULL jitter, generated names and task tokens. Same seed, same run. */
  seed?: number | string;
  /** Stops the execution (status ABORTED), like StopExecution. */
  signal?: AbortSignal;
  /**
   * A budget of real (wall-clock) time in milliseconds: past it the run ends FAILED with
   * `stepwright.MaxWallTimeExceeded`. For loops that never reach a Wait (EXPRESS executions
   * have no history quota to end them). Default: none.
   */
  maxWallMs?: number;
  /**
   * Where `.waitForTaskToken` tasks without a mock send their task tokens, to wait for
   * SendTaskSuccess / SendTaskFailure from outside (see callbacks.ts). Without it they fail as unmocked.
   */
  callbacks?: TaskCallbacks;
  /** Called once as the execution starts, before `execute` returns its promise: a live view of the run. */
  observe?: (execution: RunningExecution) => void;
}

/** A running execution, as `observe` sees it. */
export interface RunningExecution {
  /** `$$.Execution.Name` and `$$.Execution.Id`. */
  readonly name: string;
  readonly executionArn: string;
  /**
   * The events recorded so far. The history is kept lazily (history.ts); each call builds the
   * events recorded since the last one, so call it again for a newer view.
   */
  history(): readonly HistoryEvent[];
}

export interface ExecutionResult {
  status: ExecutionStatus;
  output?: JsonValue;
  error?: string;
  cause?: string;
  /** Built when first read (payload text included), so runs that never read it do not pay for it. */
  history: HistoryEvent[];
  startDate: Date;
  stopDate: Date;
}

/**
 * StartExecution's refusal: the execution never starts (no history, no status), as AWS answers
 * the API call with an error. `code` and `awsMessage` are what the API returns.
 */
export class StartExecutionError extends StepwrightError {
  constructor(
    readonly code: string,
    readonly awsMessage: string,
    fix: string,
  ) {
    super({ field: 'input', message: `StartExecution would fail with ${code}: ${awsMessage}`, fix });
    this.name = 'StartExecutionError';
  }
}

export async function execute(definition: StateMachineDefinition, input: JsonValue = {}, options: ExecuteOptions = {}): Promise<ExecutionResult> {
  const type = options.type ?? 'STANDARD';
  const inputText = checkInput(input);
  const clock = new VirtualClock(clockOptions(options.clock));
  const random = seededRandom(options.seed ?? 0);
  const mocks = new MockRegistry(options.mocks, definition);
  checkItemReaders(options.itemReaders, definition);
  checkMaxWallMs(options.maxWallMs);
  const startMs = clock.now();

  let resolveStop!: (reason: StopReason) => void;
  const stopped = new Promise<StopReason>((resolve) => (resolveStop = resolve));
  const halt = { cancelled: false };
  const stop = (reason: StopReason): void => {
    if (runtime.stopped) return;
    runtime.stopped = reason;
    halt.cancelled = true;
    resolveStop(reason);
  };
  const history = new History(() => clock.now(), type === 'STANDARD' ? { limit: MAX_HISTORY_EVENTS, onLimit: () => stop('history-limit') } : {});
  const runtime: Runtime = {
    clock,
    history,
    mocks,
    random,
    context: buildExecutionContext(input, startMs, type, random, options.context),
    type,
    itemReaders: options.itemReaders ?? {},
    queryLanguage: definition.QueryLanguage ?? 'JSONPath',
    halt,
    stop,
    ...(options.callbacks ? { callbacks: options.callbacks } : {}),
  };
  if (options.maxWallMs !== undefined) runtime.guard = wallClockGuard(runtime, performance.now() + options.maxWallMs);
  const started = history.add('ExecutionStarted', 0, { input: new JsonText(inputText), roleArn: runtime.context.Execution.RoleArn });
  const frame: Frame = { runtime, states: definition.States, startAt: definition.StartAt, variables: {}, lastEventId: started, cancel: runtime.halt };
  options.observe?.({ name: String(runtime.context.Execution.Name), executionArn: String(runtime.context.Execution.Id), history: () => history.events });

  // The longest an execution may run: its TimeoutSeconds, never more than AWS's maximum for its type.
  const maxSeconds = type === 'EXPRESS' ? MAX_EXPRESS_SECONDS : MAX_STANDARD_SECONDS;
  const timer = clock.timer(Math.min(definition.TimeoutSeconds ?? maxSeconds, maxSeconds));
  void timer.promise.then(() => stop('timed-out'));
  const signal = options.signal;
  const onAbort = (): void => stop('aborted');
  if (signal) {
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  }
  const wall = options.maxWallMs !== undefined ? setTimeout(() => stop('wall-time'), options.maxWallMs) : undefined;
  // AWS ends an EXPRESS execution after five minutes of real time. On a virtual clock a loop that
  // never waits never moves virtual time, so the same five minutes are also counted for real.
  const expressWall = type === 'EXPRESS' ? setTimeout(() => stop('timed-out'), MAX_EXPRESS_SECONDS * 1000) : undefined;

  type Outcome = { kind: 'done'; output: JsonValue } | { kind: 'error'; error: unknown } | { kind: 'stopped'; reason: StopReason };
  const running: Promise<Outcome> = runFrame(frame, input).then(
    (output): Outcome => ({ kind: 'done', output }),
    (error: unknown): Outcome => ({ kind: 'error', error }),
  );
  const raced = await Promise.race([running, stopped.then((reason): Outcome => ({ kind: 'stopped', reason }))]);
  // A stop wins over what the states were doing when it came (they were halted by it).
  const outcome: Outcome = runtime.stopped ? { kind: 'stopped', reason: runtime.stopped } : raced;
  timer.cancel();
  if (wall) clearTimeout(wall);
  if (expressWall) clearTimeout(expressWall);
  if (signal) signal.removeEventListener('abort', onAbort);

  const finish = (result: Omit<ExecutionResult, 'history' | 'startDate' | 'stopDate'>, type: Parameters<History['finish']>[0], details?: Record<string, unknown>): ExecutionResult => {
    halt.cancelled = true;
    clock.cancelAll();
    history.finish(type, frame.lastEventId, details);
    const done = { ...result } as ExecutionResult;
    Object.defineProperty(done, 'history', { get: () => history.events, enumerable: true, configurable: true });
    done.startDate = new Date(startMs);
    done.stopDate = new Date(clock.now());
    return done;
  };
  const failed = (error: string, cause: string): ExecutionResult => {
    const details: Record<string, string> = {};
    if (error) details.error = error;
    if (cause) details.cause = cause;
    return finish({ status: 'FAILED', ...(error ? { error } : {}), ...(cause ? { cause } : {}) }, 'ExecutionFailed', details);
  };

  if (outcome.kind === 'stopped') {
    switch (outcome.reason) {
      case 'aborted':
        return finish({ status: 'ABORTED' }, 'ExecutionAborted');
      case 'timed-out':
        return finish({ status: 'TIMED_OUT', error: 'States.Timeout' }, 'ExecutionTimedOut', { error: 'States.Timeout' });
      case 'history-limit':
        return failed(HISTORY_LIMIT_ERROR, HISTORY_LIMIT_CAUSE);
      case 'wall-time':
        return failed(
          MAX_WALL_TIME_EXCEEDED,
          `The execution ran longer than maxWallMs (${options.maxWallMs} ms) of real time and was stopped; look for a loop that never reaches a Wait or an end, or raise maxWallMs.`,
        );
    }
  }
  if (outcome.kind === 'done') return finish({ status: 'SUCCEEDED', output: outcome.output }, 'ExecutionSucceeded', { output: outcome.output });
  const e = outcome.error;
  if (e instanceof StatesError) return failed(e.error, e.cause);
  if (e instanceof BranchStopped) return finish({ status: 'ABORTED' }, 'ExecutionAborted');
  finish({ status: 'ABORTED' }, 'ExecutionAborted');
  throw e;
}

/** Inside a JSONata evaluation (where no timer can fire): stop once the execution ended or its budget is spent. */
function wallClockGuard(runtime: Runtime, deadline: number): JsonataGuard {
  return {
    check(): void {
      if (!runtime.halt.cancelled && performance.now() <= deadline) return;
      runtime.stop('wall-time');
      throw new BranchStopped();
    },
  };
}

/** StartExecution refuses an input over 256 KiB of UTF-8, before any execution exists. Returns its text. */
function checkInput(input: JsonValue): string {
  const text = toJson(input);
  if (text.length * 3 > MAX_EXECUTION_INPUT_BYTES && Buffer.byteLength(text, 'utf8') > MAX_EXECUTION_INPUT_BYTES) {
    throw new StartExecutionError(
      'ValidationException',
      `1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to ${MAX_EXECUTION_INPUT_BYTES}`,
      `keep the execution input under 256 KiB (${Buffer.byteLength(text, 'utf8')} bytes given): pass large data by reference, e.g. an S3 key`,
    );
  }
  return text;
}

function checkMaxWallMs(maxWallMs: number | undefined): void {
  if (maxWallMs === undefined || (Number.isFinite(maxWallMs) && maxWallMs > 0)) return;
  throw new StepwrightError({ field: 'maxWallMs', message: `maxWallMs must be a positive number of milliseconds, got ${String(maxWallMs)}`, fix: 'give e.g. maxWallMs: 10_000, or leave it out' });
}

/** itemReaders must name Map states that have an ItemReader: a typo would otherwise surface as a run failure. */
function checkItemReaders(itemReaders: ItemReaders | undefined, definition: StateMachineDefinition): void {
  if (!itemReaders) return;
  const readers = new Set(sites(definition).flatMap(({ name, state }) => (state.Type === 'Map' && state.ItemReader ? [name] : [])));
  for (const name of Object.keys(itemReaders)) {
    if (!readers.has(name)) {
      throw new StepwrightError({
        state: name,
        field: 'itemReaders',
        message: `"${name}" is not a Map state with an ItemReader`,
        fix: readers.size > 0 ? `give items for one of: ${[...readers].join(', ')}` : 'remove itemReaders: no Map state in this machine reads items',
      });
    }
  }
}

function clockOptions(clock: ExecuteOptions['clock']): ClockOptions {
  if (clock === undefined) return {};
  if (clock instanceof Date || typeof clock === 'number' || typeof clock === 'string') return { start: clock };
  return clock;
}
