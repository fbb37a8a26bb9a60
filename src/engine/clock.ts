/**
 * The virtual clock. Waits, retry intervals and timeouts advance it instead of sleeping, so a
 * workflow that waits a day finishes in microseconds and its history still shows the day passing.
 *
 * Concurrent branches (Parallel, Map) are ordinary promises. A pending `sleep` only fires once
 * nothing else can run: all microtasks are drained (we check from `setImmediate`) and no user mock
 * is still working on a real promise. Then time jumps to the earliest timer. That makes a branch
 * that waits 5s finish after one that waits 1s, exactly as on AWS, with no real waiting.
 *
 * With `scale` > 0 the clock follows real time instead (the local endpoint's default, as AWS
 * waits): a timer fires after `seconds × scale` real seconds, and `now()` advances with the wall
 * clock divided by the scale. Nothing then depends on the pump.
 *
 * A run that never waits would never give the event loop a turn (promises only queue microtasks),
 * so `pace()` lets it breathe every so often: real timers, an AbortSignal and a wall-clock budget
 * then fire, while virtual time stands still (the pause counts as busy). On a scaled clock the
 * pause is as needed: its own timers are real ones and fire only in such a turn.
 */

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
  cancelled: boolean;
  /** The real timer behind it, on a scaled clock. */
  handle?: NodeJS.Timeout;
}

export interface ClockOptions {
  /** Execution start time: a Date, epoch milliseconds or an ISO-8601 string. Default 2024-01-01T00:00:00Z. */
  start?: Date | number | string;
  /**
   * Real seconds per virtual second: 0 (the default) never waits, time jumps to the next timer;
   * 1 waits in real time, as AWS does; 0.01 makes a one-hour Wait take 36 real seconds.
   */
  scale?: number;
}

/** setTimeout's longest delay (about 24.8 days); longer real waits are re-armed in steps. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export const DEFAULT_START = Date.UTC(2024, 0, 1);

export class VirtualClock {
  private nowMs: number;
  private timers: Timer[] = [];
  private seq = 0;
  private busy = 0;
  private pumpScheduled = false;
  /** Real seconds per virtual second; 0 for a purely virtual clock. */
  private readonly scale: number;
  /** performance.now() when the clock started, on a scaled clock. */
  private readonly realStart: number;
  private readonly startMs: number;
  /** A scaled clock's armed real timers, so `cancelAll` can clear them. */
  private readonly live = new Set<Timer>();
  private steps = 0;
  private lastBreath = performance.now();
  private breathing: Promise<void> | undefined;

  constructor(options: ClockOptions = {}) {
    const start = options.start;
    this.nowMs = start === undefined ? DEFAULT_START : start instanceof Date ? start.getTime() : typeof start === 'number' ? start : Date.parse(start);
    if (!Number.isFinite(this.nowMs)) throw new Error(`clock.start is not a valid time: ${String(start)}`);
    const scale = options.scale ?? 0;
    if (!(scale >= 0 && Number.isFinite(scale))) throw new Error(`clock.scale must be a number of 0 or more: ${String(options.scale)}`);
    this.scale = scale;
    this.startMs = this.nowMs;
    this.realStart = performance.now();
  }

  /** Current virtual time, epoch milliseconds. */
  now(): number {
    if (this.scale > 0) this.nowMs = Math.max(this.nowMs, this.startMs + Math.floor((performance.now() - this.realStart) / this.scale));
    return this.nowMs;
  }

  /** A timer that resolves after `seconds` of virtual time; `cancel` keeps it from advancing the clock later. */
  timer(seconds: number): { promise: Promise<void>; cancel: () => void } {
    let timer!: Timer;
    const promise = new Promise<void>((resolve) => {
      timer = this.schedule(seconds, resolve);
    });
    return {
      promise,
      cancel: () => {
        timer.cancelled = true;
        if (timer.handle) clearTimeout(timer.handle);
        this.live.delete(timer);
      },
    };
  }

  /** Resolves after `seconds` of virtual time (a retry interval, a Wait): a timer nobody cancels. */
  sleep(seconds: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.schedule(seconds, resolve);
    });
  }

  private schedule(seconds: number, fire: () => void): Timer {
    // A wait longer than any execution may last (1e300 s) stays a finite, far-away time.
    const at = Math.min(this.now() + Math.max(0, seconds) * 1000, FAR_FUTURE);
    const timer: Timer = { at: Number.isNaN(at) ? FAR_FUTURE : at, seq: this.seq++, fire, cancelled: false };
    if (this.scale > 0) this.arm(timer);
    else {
      this.insert(timer);
      this.schedulePump();
    }
    return timer;
  }

  /** Scaled clock: a real timer for the virtual delay, re-armed while longer than setTimeout allows. */
  private arm(timer: Timer): void {
    this.live.add(timer);
    const wait = (timer.at - this.now()) * this.scale;
    timer.handle = setTimeout(() => {
      if (timer.cancelled) return;
      if (wait > MAX_TIMEOUT_MS) return this.arm(timer);
      this.live.delete(timer);
      this.nowMs = Math.max(this.nowMs, timer.at);
      timer.fire();
    }, Math.min(Math.max(0, wait), MAX_TIMEOUT_MS));
  }

  /** Waits for real async work (a user's mock function) without letting virtual time move meanwhile. */
  track<T>(work: PromiseLike<T>): Promise<T> {
    // On a scaled clock time moves on regardless, as it does on AWS while a Lambda runs.
    if (this.scale > 0) return Promise.resolve(work);
    this.busy++;
    const done = (): void => {
      this.busy--;
      this.schedulePump();
    };
    return Promise.resolve(work).then(
      (value) => {
        done();
        return value;
      },
      (error: unknown) => {
        done();
        throw error;
      },
    );
  }

  /**
   * Called at every state: returns a promise to wait on when the run should give the event loop a
   * turn (every 1,000 states, or 10 ms of real time), undefined otherwise. Concurrent branches
   * share one pause, so they all stop and the event loop really runs.
   */
  pace(): Promise<void> | undefined {
    if (this.breathing) return this.breathing;
    if (++this.steps % 64 !== 0) return undefined;
    const now = performance.now();
    if (this.steps < 1024 && now - this.lastBreath < 10) return undefined;
    this.steps = 0;
    this.busy++;
    this.breathing = new Promise<void>((resolve) =>
      setImmediate(() => {
        this.breathing = undefined;
        this.lastBreath = performance.now();
        this.busy--;
        this.schedulePump();
        resolve();
      }),
    );
    return this.breathing;
  }

  /** Drops every pending timer (the execution ended; nothing should advance the clock any more). */
  cancelAll(): void {
    for (const t of this.timers) t.cancelled = true;
    this.timers = [];
    for (const t of this.live) {
      t.cancelled = true;
      if (t.handle) clearTimeout(t.handle);
    }
    this.live.clear();
  }

  // A binary min-heap on (at, seq): thousands of concurrent waits stay O(log n) each, and equal
  // times fire in creation order.
  private insert(timer: Timer): void {
    const heap = this.timers;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private popEarliest(): Timer | undefined {
    const heap = this.timers;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  }

  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => this.pump());
  }

  private pump(): void {
    this.pumpScheduled = false;
    if (this.busy > 0) return;
    while (this.timers.length > 0 && this.timers[0]!.cancelled) this.popEarliest();
    const first = this.timers[0];
    if (!first) return;
    // Fire every timer due at the earliest time, then let their continuations run before moving on.
    this.nowMs = Math.max(this.nowMs, first.at);
    while (this.timers.length > 0 && this.timers[0]!.at <= this.nowMs) {
      const t = this.popEarliest()!;
      if (!t.cancelled) t.fire();
    }
    if (this.timers.length > 0) this.schedulePump();
  }
}

/** Later than any execution can last (Date's own maximum), so a timer there never fires first. */
const FAR_FUTURE = 8.64e15;

function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

let lastMs = Number.NaN;
let lastIso = '';

/**
 * ISO-8601 with milliseconds, as Step Functions writes `$$.Execution.StartTime` and
 * `$$.State.EnteredTime`. On a virtual clock many evaluations share an instant (every retry of a
 * state sees the same EnteredTime), so the last conversion is kept.
 */
export function isoTime(ms: number): string {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}
