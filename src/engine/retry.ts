/**
 * Retry: the first Retrier whose ErrorEquals matches decides. Each Retrier counts its own
 * attempts; once it is used up the error goes to Catch (later Retriers are not consulted).
 * Defaults: IntervalSeconds 1, MaxAttempts 3 (0 = never retry), BackoffRate 2.0.
 * Delay = IntervalSeconds × BackoffRate^n, capped by MaxDelaySeconds; JitterStrategy FULL picks
 * uniformly in [0, delay) from the run's seeded random source.
 */
import type { Retrier } from '../model/asl.js';
import { errorMatches } from './errors-match.js';
import type { Random } from './random.js';

export class RetryState {
  private readonly counts: number[];

  constructor(private readonly retriers: readonly Retrier[] | undefined) {
    this.counts = (retriers ?? []).map(() => 0);
  }

  /** Total retries made so far (`$$.State.RetryCount`). */
  total = 0;

  /** Seconds to wait before retrying `error`, or undefined when it must not be retried. */
  next(error: string, random: Random): number | undefined {
    const retriers = this.retriers ?? [];
    let index = 0;
    while (index < retriers.length && !errorMatches(retriers[index]!.ErrorEquals, error)) index++;
    if (index === retriers.length) return undefined;
    const r = retriers[index]!;
    const made = this.counts[index]!;
    if (made >= (r.MaxAttempts ?? 3)) return undefined;
    this.counts[index] = made + 1;
    this.total++;
    let delay = (r.IntervalSeconds ?? 1) * Math.pow(r.BackoffRate ?? 2, made);
    if (r.MaxDelaySeconds !== undefined) delay = Math.min(delay, r.MaxDelaySeconds);
    if (r.JitterStrategy === 'FULL') delay = random.next() * delay;
    return delay;
  }
}
