/**
 * Task tokens answered from outside the engine. A `.waitForTaskToken` Task without a mock, in a
 * run given `callbacks`, does not fail as unmocked: it hands its token to the caller and waits
 * for SendTaskSuccess / SendTaskFailure (the local endpoint's API), with SendTaskHeartbeat
 * resetting HeartbeatSeconds. TimeoutSeconds and HeartbeatSeconds run on the execution's clock;
 * on a virtual clock (scale 0) time does not move while a callback is awaited, since nothing but
 * the caller can end the wait.
 */
import type { JsonValue } from '../model/asl.js';
import type { VirtualClock } from './clock.js';

/** What a waiting task hands out. */
export interface TaskTokenRequest {
  token: string;
  /** The Task state's name. */
  state: string;
  resource: string;
  /** The effective Parameters / Arguments (what the real call would have sent, token included). */
  input: JsonValue;
}

/** How the task learns the outcome; the caller creates one per request. */
export interface TaskCallback {
  /** Settles with SendTaskSuccess's output ({ Return }) or SendTaskFailure's error ({ Throw }). */
  readonly response: Promise<{ Return: JsonValue } | { Throw: { Error: string; Cause?: string } }>;
  /** Registers the task's listener for SendTaskHeartbeat. */
  onHeartbeat(listener: () => void): void;
  /** The task stopped waiting: its timeout fired, or the execution ended. Later calls with the token fail. */
  close(reason: 'timed-out' | 'closed'): void;
}

export type TaskCallbacks = (request: TaskTokenRequest) => TaskCallback;

export type CallbackOutcome =
  | { kind: 'response'; response: { Return: JsonValue } | { Throw: { Error: string; Cause?: string } } }
  | { kind: 'timeout'; error: 'States.Timeout' | 'States.HeartbeatTimeout' };

/** Waits for the callback, the task's TimeoutSeconds, or HeartbeatSeconds without a heartbeat, whichever comes first. */
export async function awaitCallback(clock: VirtualClock, callback: TaskCallback, limits: { timeout: number | undefined; heartbeat: number | undefined }): Promise<CallbackOutcome> {
  const timers: { cancel: () => void }[] = [];
  let heartbeatTimer: { promise: Promise<void>; cancel: () => void } | undefined;
  let onTimeout!: (outcome: CallbackOutcome) => void;
  const timedOut = new Promise<CallbackOutcome>((resolve) => (onTimeout = resolve));
  if (limits.timeout !== undefined) {
    const t = clock.timer(limits.timeout);
    timers.push(t);
    void t.promise.then(() => onTimeout({ kind: 'timeout', error: 'States.Timeout' }));
  }
  const armHeartbeat = () => {
    if (limits.heartbeat === undefined) return;
    heartbeatTimer?.cancel();
    const t = clock.timer(limits.heartbeat);
    heartbeatTimer = t;
    void t.promise.then(() => {
      if (heartbeatTimer === t) onTimeout({ kind: 'timeout', error: 'States.HeartbeatTimeout' });
    });
  };
  armHeartbeat();
  callback.onHeartbeat(armHeartbeat);
  try {
    const answered = clock.track(callback.response).then((response): CallbackOutcome => ({ kind: 'response', response }));
    const outcome = await Promise.race([answered, timedOut]);
    callback.close(outcome.kind === 'timeout' ? 'timed-out' : 'closed');
    return outcome;
  } finally {
    for (const t of timers) t.cancel();
    heartbeatTimer?.cancel();
  }
}
