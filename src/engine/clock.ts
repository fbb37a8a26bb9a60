/**
 * The virtual clock. Waits, retry intervals and timeouts advance it instead of sleeping, so a
 * workflow that waits a day finishes in microseconds and its history still shows the day passing.
 *
 * Concurrent branches (Parallel, Map) are ordinary promises. A pending `sleep` only fires once
 * nothing else can run: all microtasks are drained (we check from `setImmediate`) and no user mock
 * is still working on a real promise. Then time jumps to the earliest timer. That makes a branch
 * that waits 5s finish after one that waits 1s, exactly as on AWS, with no real waiting.
 */

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
  cancelled: boolean;
}

export interface ClockOptions {
  /** Execution start time: a Date, epoch milliseconds or an ISO-8601 string. Default 2024-01-01T00:00:00Z. */
  start?: Date | number | string;
}

export const DEFAULT_START = Date.UTC(2024, 0, 1);

export class VirtualClock {
  private nowMs: number;
  private timers: Timer[] = [];
  private seq = 0;
  private busy = 0;
  private pumpScheduled = false;

  constructor(options: ClockOptions = {}) {
    const start = options.start;
    this.nowMs = start === undefined ? DEFAULT_START : start instanceof Date ? start.getTime() : typeof start === 'number' ? start : Date.parse(start);
    if (!Number.isFinite(this.nowMs)) throw new Error(`clock.start is not a valid time: ${String(start)}`);
  }

  /** Current virtual time, epoch milliseconds. */
  now(): number {
    return this.nowMs;
  }

  /** A timer that resolves after `seconds` of virtual time; `cancel` keeps it from advancing the clock later. */
  timer(seconds: number): { promise: Promise<void>; cancel: () => void } {
    let timer!: Timer;
    const promise = new Promise<void>((resolve) => {
      timer = { at: this.nowMs + Math.max(0, seconds) * 1000, seq: this.seq++, fire: resolve, cancelled: false };
    });
    this.insert(timer);
    this.schedulePump();
    return {
      promise,
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  sleep(seconds: number): Promise<void> {
    return this.timer(seconds).promise;
  }

  /** Runs real async work (a user's mock function) without letting virtual time move meanwhile. */
  async track<T>(work: () => T | Promise<T>): Promise<T> {
    this.busy++;
    try {
      return await work();
    } finally {
      this.busy--;
      this.schedulePump();
    }
  }

  /** Drops every pending timer (the execution ended; nothing should advance the clock any more). */
  cancelAll(): void {
    for (const t of this.timers) t.cancelled = true;
    this.timers = [];
  }

  private insert(timer: Timer): void {
    // Binary search: timers stay sorted by (at, seq) so equal times fire in creation order.
    let lo = 0;
    let hi = this.timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.timers[mid]!;
      if (t.at < timer.at || (t.at === timer.at && t.seq < timer.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.timers.splice(lo, 0, timer);
  }

  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => this.pump());
  }

  private pump(): void {
    this.pumpScheduled = false;
    if (this.busy > 0) return;
    while (this.timers.length > 0 && this.timers[0]!.cancelled) this.timers.shift();
    const first = this.timers[0];
    if (!first) return;
    // Fire every timer due at the earliest time, then let their continuations run before moving on.
    this.nowMs = Math.max(this.nowMs, first.at);
    while (this.timers.length > 0 && this.timers[0]!.at <= this.nowMs) {
      const t = this.timers.shift()!;
      if (!t.cancelled) t.fire();
    }
    if (this.timers.length > 0) this.schedulePump();
  }
}

/** ISO-8601 with milliseconds, as Step Functions writes `$$.Execution.StartTime` and `$$.State.EnteredTime`. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
