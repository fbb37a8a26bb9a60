/**
 * Task tokens of `.waitForTaskToken` tasks waiting for SendTaskSuccess / SendTaskFailure /
 * SendTaskHeartbeat. A token answered, timed out or left by its ended execution answers
 * TaskTimedOut afterwards, as AWS does; its execution forgets it when the execution is dropped.
 */
import type { JsonValue } from '../model/asl.js';
import type { TaskCallback, TaskCallbacks } from '../engine/index.js';
import { errors } from './errors.js';

type Answer = { Return: JsonValue } | { Throw: { Error: string; Cause?: string } };

interface Waiting {
  state: 'waiting' | 'timed-out' | 'closed';
  answer: (a: Answer) => void;
  heartbeat: () => void;
}

export class TaskTokens {
  private readonly tokens = new Map<string, Waiting>();

  /** The engine's `callbacks` for one execution; its tokens are added to `owned`. */
  callbacksFor(owned: Set<string>): TaskCallbacks {
    return ({ token }): TaskCallback => {
      let answer!: (a: Answer) => void;
      const response = new Promise<Answer>((resolve) => (answer = resolve));
      const entry: Waiting = { state: 'waiting', answer, heartbeat: () => {} };
      this.tokens.set(token, entry);
      owned.add(token);
      return {
        response,
        onHeartbeat: (listener) => (entry.heartbeat = listener),
        close: (reason) => (entry.state = reason),
      };
    };
  }

  succeed(token: string, output: string): void {
    let value: JsonValue;
    try {
      value = JSON.parse(output) as JsonValue;
    } catch (e) {
      throw errors.invalidOutput((e as Error).message);
    }
    this.take(token).answer({ Return: value });
  }

  fail(token: string, error: string | undefined, cause: string | undefined): void {
    this.take(token).answer({ Throw: { Error: error ?? '', ...(cause !== undefined ? { Cause: cause } : {}) } });
  }

  heartbeat(token: string): void {
    this.waiting(token).heartbeat();
  }

  /** Its execution ended: the task cannot be answered any more. */
  closeAll(owned: Iterable<string>): void {
    for (const token of owned) {
      const entry = this.tokens.get(token);
      if (entry && entry.state === 'waiting') entry.state = 'closed';
    }
  }

  /** Its execution was dropped from memory. */
  forget(owned: Iterable<string>): void {
    for (const token of owned) this.tokens.delete(token);
  }

  private waiting(token: string): Waiting {
    const entry = this.tokens.get(token);
    if (!entry) throw errors.invalidToken();
    if (entry.state !== 'waiting') throw errors.taskTimedOut();
    return entry;
  }

  private take(token: string): Waiting {
    const entry = this.waiting(token);
    entry.state = 'closed';
    return entry;
  }
}
