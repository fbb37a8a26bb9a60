/**
 * `execute(definition, input, options)`: runs an ASL state machine to completion on the virtual
 * clock and returns its status, output or error, and its history in GetExecutionHistory's shape.
 */
import type { JsonValue, State, StateMachineDefinition, StateMachineType } from '../model/asl.js';
import { StepwrightError } from '../model/errors.js';
import { VirtualClock, type ClockOptions } from './clock.js';
import { buildExecutionContext, type ContextOverrides } from './context.js';
import { History, NOT_TRUNCATED, type HistoryEvent } from './history.js';
import { MockRegistry, type Mocks } from './mocks.js';
import { toJson } from './payload-size.js';
import { seededRandom } from './random.js';
import { runFrame } from './run.js';
import { BranchStopped, type Frame, type ItemReaders, type Runtime } from './runtime.js';
import { StatesError } from './states-error.js';
import type { TaskCallbacks } from './callbacks.js';
import { sites } from '../model/walk.js';

export type ExecutionStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

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
  /** The events recorded so far (the array grows while the execution runs). */
  history(): readonly HistoryEvent[];
}

export interface ExecutionResult {
  status: ExecutionStatus;
  output?: JsonValue;
  error?: string;
  cause?: string;
  history: HistoryEvent[];
  startDate: Date;
  stopDate: Date;
}

export async function execute(definition: StateMachineDefinition, input: JsonValue = {}, options: ExecuteOptions = {}): Promise<ExecutionResult> {
  const clock = new VirtualClock(clockOptions(options.clock));
  const random = seededRandom(options.seed ?? 0);
  const history = new History(() => clock.now());
  const type = options.type ?? 'STANDARD';
  const mocks = new MockRegistry(options.mocks, definition);
  checkItemReaders(options.itemReaders, definition);
  const startMs = clock.now();
  const runtime: Runtime = {
    clock,
    history,
    mocks,
    random,
    context: buildExecutionContext(input, startMs, type, random, options.context),
    type,
    itemReaders: options.itemReaders ?? {},
    queryLanguage: definition.QueryLanguage ?? 'JSONPath',
    halt: { cancelled: false },
    ...(options.callbacks ? { callbacks: options.callbacks } : {}),
  };
  const started = history.add('ExecutionStarted', 0, {
    input: toJson(input),
    inputDetails: NOT_TRUNCATED,
    roleArn: runtime.context.Execution.RoleArn,
  });
  const frame: Frame = { runtime, states: definition.States, startAt: definition.StartAt, variables: {}, lastEventId: started, cancel: runtime.halt };
  options.observe?.({ name: String(runtime.context.Execution.Name), executionArn: String(runtime.context.Execution.Id), history: () => history.events });

  const finish = (result: Omit<ExecutionResult, 'history' | 'startDate' | 'stopDate'>): ExecutionResult => {
    runtime.halt.cancelled = true;
    clock.cancelAll();
    history.close();
    return { ...result, history: history.events, startDate: new Date(startMs), stopDate: new Date(clock.now()) };
  };

  type Outcome = { kind: 'done'; output: JsonValue } | { kind: 'error'; error: unknown } | { kind: 'timeout' } | { kind: 'aborted' };
  const running: Promise<Outcome> = runFrame(frame, input).then(
    (output): Outcome => ({ kind: 'done', output }),
    (error: unknown): Outcome => ({ kind: 'error', error }),
  );
  const racers: Promise<Outcome>[] = [running];
  const timer = definition.TimeoutSeconds !== undefined ? clock.timer(definition.TimeoutSeconds) : undefined;
  if (timer) racers.push(timer.promise.then((): Outcome => ({ kind: 'timeout' })));
  const signal = options.signal;
  let onAbort: (() => void) | undefined;
  if (signal) {
    racers.push(
      new Promise<Outcome>((resolve) => {
        onAbort = () => resolve({ kind: 'aborted' });
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      }),
    );
  }
  const outcome = await Promise.race(racers);
  timer?.cancel();
  if (signal && onAbort) signal.removeEventListener('abort', onAbort);

  if (outcome.kind === 'aborted') {
    history.add('ExecutionAborted', frame.lastEventId);
    return finish({ status: 'ABORTED' });
  }
  if (outcome.kind === 'timeout') {
    history.add('ExecutionTimedOut', frame.lastEventId, { error: 'States.Timeout' });
    return finish({ status: 'TIMED_OUT', error: 'States.Timeout' });
  }
  if (outcome.kind === 'done') {
    history.add('ExecutionSucceeded', frame.lastEventId, { output: toJson(outcome.output), outputDetails: NOT_TRUNCATED });
    return finish({ status: 'SUCCEEDED', output: outcome.output });
  }
  const e = outcome.error;
  if (e instanceof StatesError) {
    const details: Record<string, string> = {};
    if (e.error) details.error = e.error;
    if (e.cause) details.cause = e.cause;
    history.add('ExecutionFailed', frame.lastEventId, details);
    return finish({ status: 'FAILED', ...(e.error ? { error: e.error } : {}), ...(e.cause ? { cause: e.cause } : {}) });
  }
  if (e instanceof BranchStopped) {
    history.add('ExecutionAborted', frame.lastEventId);
    return finish({ status: 'ABORTED' });
  }
  finish({ status: 'ABORTED' });
  throw e;
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
