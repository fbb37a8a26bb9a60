/**
 * Execution history in the shape of GetExecutionHistory: `{ id, previousEventId, timestamp, type,
 * <typeCamel>EventDetails }`. Events are appended (never copied), so a long run stays O(n).
 * Payloads are stored as JSON text, as AWS does; that text also gives the payload size for the
 * 256 KiB limit without serializing twice.
 */

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

/** `{ truncated: false }`: AWS's marker that the payload text is complete. */
export const NOT_TRUNCATED = Object.freeze({ truncated: false });

export class History {
  readonly events: HistoryEvent[] = [];

  constructor(private readonly now: () => number) {}

  /** The id the next event will get (AWS causes cite "entered at the event id #N"). */
  get nextId(): number {
    return this.events.length + 1;
  }

  private closed = false;

  /** After the execution's last event: a branch still finishing its step cannot append more. */
  close(): void {
    this.closed = true;
  }

  add(type: HistoryEventType, previousEventId: number, details?: Record<string, unknown>): number {
    const id = this.events.length + 1;
    if (this.closed) return id;
    const event: HistoryEvent = { id, previousEventId, timestamp: new Date(this.now()), type };
    if (details) event[detailsKey(type)] = details;
    this.events.push(event);
    return id;
  }
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
