/**
 * Execution history in the shape of GetExecutionHistory: `{ id, previousEventId, timestamp, type,
 * <typeCamel>EventDetails }`.
 *
 * Recording is cheap and reading pays: while the execution runs, an event is a few array slots
 * (type, previous id, time as a number, details or two values holding payloads as values), so a
 * Map of 100,000 items keeps no Date, no event object and no JSON text per event. The events, with their payload
 * text, are built the first time `events` is read. Payload values are never mutated by the
 * executor (every state builds new values), so the text written later is the text of that moment.
 *
 * A STANDARD execution's history holds at most 25,000 events (AWS's quota): the event that would
 * be the 25,000th, unless it is ExecutionSucceeded, calls `onLimit` instead of being recorded, and
 * the execution ends with ExecutionFailed as that event.
 */
import { toJson } from './payload-size.js';

export type HistoryEventType =
  | 'ExecutionStarted' | 'ExecutionSucceeded' | 'ExecutionFailed' | 'ExecutionTimedOut' | 'ExecutionAborted'
  | 'PassStateEntered' | 'PassStateExited' | 'TaskStateEntered' | 'TaskStateExited'
  | 'ChoiceStateEntered' | 'ChoiceStateExited' | 'WaitStateEntered' | 'WaitStateExited'
  | 'SucceedStateEntered' | 'SucceedStateExited' | 'FailStateEntered'
  | 'ParallelStateEntered' | 'ParallelStateExited' | 'ParallelStateStarted' | 'ParallelStateSucceeded' | 'ParallelStateFailed' | 'ParallelStateAborted'
  | 'MapStateEntered' | 'MapStateExited' | 'MapStateStarted' | 'MapStateSucceeded' | 'MapStateFailed' | 'MapStateAborted'
  | 'MapIterationStarted' | 'MapIterationSucceeded' | 'MapIterationFailed' | 'MapIterationAborted'
  | 'MapRunStarted' | 'MapRunSucceeded' | 'MapRunFailed' | 'MapRunAborted'
  | 'TaskScheduled' | 'TaskStarted' | 'TaskSubmitted' | 'TaskSucceeded' | 'TaskFailed' | 'TaskTimedOut'
  | 'EvaluationFailed'
  | 'LambdaFunctionScheduled' | 'LambdaFunctionStarted' | 'LambdaFunctionSucceeded' | 'LambdaFunctionFailed' | 'LambdaFunctionTimedOut';

export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: HistoryEventType;
  [details: `${string}EventDetails`]: Record<string, unknown> | undefined;
}

/**
 * What a state records: plain values. `input`, `output` and `parameters` hold the payload as a
 * JSON value (written as text, with `inputDetails` / `outputDetails`, when the history is read);
 * `assignedVariables` holds the assigned values by name.
 */
export type EventDetails = Record<string, unknown>;

/** Payload text written when it was recorded (the execution's input: the caller still owns that value). */
export class JsonText {
  constructor(readonly text: string) {}
}

/** `{ truncated: false }`: AWS's marker that the payload text is complete. */
export const NOT_TRUNCATED = Object.freeze({ truncated: false });

export interface HistoryOptions {
  /** At most this many events (AWS: 25,000 for STANDARD); unlimited when undefined. */
  limit?: number;
  /** Called once, when an event other than ExecutionSucceeded would be event number `limit`. */
  onLimit?: () => void;
}

/** The common events whose details are two values, by type: what the two values are. */
type PairShape = readonly [first: string | undefined, second: string];
const PAIR_SHAPES = new Map<HistoryEventType, PairShape>();
for (const type of ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']) {
  PAIR_SHAPES.set(`${type}StateEntered` as HistoryEventType, ['name', 'input']);
  PAIR_SHAPES.set(`${type}StateExited` as HistoryEventType, ['name', 'output']);
}
for (const type of ['MapIterationStarted', 'MapIterationSucceeded', 'MapIterationFailed', 'MapIterationAborted'] as const) PAIR_SHAPES.set(type, ['name', 'index']);
PAIR_SHAPES.set('LambdaFunctionScheduled', ['resource', 'input']);
PAIR_SHAPES.set('LambdaFunctionSucceeded', [undefined, 'output']);
PAIR_SHAPES.set('LambdaFunctionFailed', ['error', 'cause']);
PAIR_SHAPES.set('LambdaFunctionTimedOut', ['error', 'cause']);
PAIR_SHAPES.set('TaskStarted', ['resourceType', 'resource']);

/** Marks an event recorded with `addPair`: its details are in the two value columns. */
const PAIR: EventDetails = Object.freeze({});

/**
 * Events are kept in chunks of a fixed size, each a flat array (type, previous id, details, two
 * values per event) and a Float64Array of times: a chunk is allocated young and mostly points at
 * values as young as itself, where one ever-growing array would live in the old generation and make
 * every recorded value an old-to-new pointer for the garbage collector to track (that doubled the
 * cost of a retry-heavy run).
 */
const CHUNK = 1024;
const STRIDE = 5;

class Chunk {
  readonly slots: unknown[] = [];
  readonly times = new Float64Array(CHUNK);
}

export class History {
  private readonly chunks: Chunk[] = [];
  private count = 0;
  private readonly built: HistoryEvent[] = [];
  private closed = false;
  private limitReached = false;

  constructor(
    private readonly now: () => number,
    private readonly options: HistoryOptions = {},
  ) {}

  /** How many events are recorded. */
  get length(): number {
    return this.count;
  }

  /** The id the next event will get (AWS causes cite "entered at the event id #N"). */
  get nextId(): number {
    return this.count + 1;
  }

  /** After the execution's last event: a branch still finishing its step cannot append more. */
  close(): void {
    this.closed = true;
  }

  add(type: HistoryEventType, previousEventId: number, details?: EventDetails): number {
    return this.record(type, previousEventId, details, undefined, undefined);
  }

  /**
   * The common events (a state entered or exited, a Map iteration, a Lambda call) as their two
   * values, with no details object: what a Map of 100,000 items records most. See PAIR_SHAPES.
   */
  addPair(type: HistoryEventType, previousEventId: number, first: unknown, second: unknown): number {
    return this.record(type, previousEventId, PAIR, first, second);
  }

  private record(type: HistoryEventType, previousEventId: number, details: EventDetails | undefined, first: unknown, second: unknown): number {
    const id = this.count + 1;
    if (this.closed) return id;
    const limit = this.options.limit;
    if (limit !== undefined && id >= limit && type !== 'ExecutionSucceeded' && !this.limitReached) {
      // The quota's last slot is kept for the execution's own end (ExecutionFailed).
      this.limitReached = true;
      this.closed = true;
      this.options.onLimit?.();
      return id;
    }
    const at = this.count % CHUNK;
    if (at === 0) this.chunks.push(new Chunk());
    const chunk = this.chunks[this.chunks.length - 1]!;
    chunk.slots.push(type, previousEventId, details, first, second);
    chunk.times[at] = this.now();
    this.count = id;
    return id;
  }

  /** Records the execution's last event, even after `close()` or at the quota. */
  finish(type: HistoryEventType, previousEventId: number, details?: EventDetails): number {
    // After the quota, the thread's last event may be one that was never recorded.
    previousEventId = Math.min(previousEventId, this.count);
    this.closed = false;
    this.limitReached = true; // nothing counts against the quota any more
    const id = this.add(type, previousEventId, details);
    this.closed = true;
    return id;
  }

  /** The events, built on first read (and extended if more were recorded since). */
  get events(): HistoryEvent[] {
    for (let i = this.built.length; i < this.count; i++) this.built.push(this.build(i));
    return this.built;
  }

  private build(i: number): HistoryEvent {
    const chunk = this.chunks[Math.floor(i / CHUNK)]!;
    const at = (i % CHUNK) * STRIDE;
    const type = chunk.slots[at] as HistoryEventType;
    const event: HistoryEvent = { id: i + 1, previousEventId: chunk.slots[at + 1] as number, timestamp: new Date(chunk.times[i % CHUNK]!), type };
    const details = chunk.slots[at + 2] as EventDetails | undefined;
    if (details === PAIR) {
      const [first, second] = PAIR_SHAPES.get(type)!;
      const pair: EventDetails = {};
      if (first !== undefined) pair[first] = chunk.slots[at + 3];
      pair[second] = chunk.slots[at + 4];
      event[detailsKey(type)] = writeDetails(pair);
    } else if (details) event[detailsKey(type)] = writeDetails(details);
    return event;
  }
}

/** Payload values become their JSON text, as GetExecutionHistory returns them. */
function writeDetails(details: EventDetails): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(details)) {
    const value = details[key];
    if (key === 'input' || key === 'output') {
      out[key] = value instanceof JsonText ? value.text : toJson(value);
      out[`${key}Details`] = NOT_TRUNCATED;
    } else if (key === 'parameters') {
      out[key] = toJson(value);
    } else if (key === 'assignedVariables') {
      const assigned = value as Record<string, unknown>;
      const texts: Record<string, string> = {};
      for (const name of Object.keys(assigned)) Object.defineProperty(texts, name, { value: toJson(assigned[name]), enumerable: true, writable: true, configurable: true });
      out[key] = texts;
      out.assignedVariablesDetails = NOT_TRUNCATED;
    } else {
      out[key] = value;
    }
  }
  return out;
}

const detailsKeys = new Map<HistoryEventType, `${string}EventDetails`>();

/** `TaskStateEntered` → `stateEnteredEventDetails`; `MapIterationStarted` → `mapIterationStartedEventDetails`. */
export function detailsKey(type: HistoryEventType): `${string}EventDetails` {
  let key = detailsKeys.get(type);
  if (key === undefined) {
    key = computeDetailsKey(type);
    detailsKeys.set(type, key);
  }
  return key;
}

function computeDetailsKey(type: HistoryEventType): `${string}EventDetails` {
  const stateEvent = /^(?:Pass|Task|Choice|Wait|Succeed|Fail|Parallel|Map)State(Entered|Exited)$/.exec(type);
  const base = stateEvent ? `State${stateEvent[1]}` : type;
  return `${base[0]!.toLowerCase()}${base.slice(1)}EventDetails`;
}
