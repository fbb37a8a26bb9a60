/**
 * Retry and timeouts → Airflow's per-task settings, saying what does not carry over.
 *
 * Airflow retries a task with one policy: `retries`, `retry_delay`, and with
 * `retry_exponential_backoff` the delay doubles each try, plus a deterministic jitter of up to one
 * more delay, capped by `max_retry_delay` (TaskInstance.next_retry_datetime in Airflow 2.x and 3.0,
 * the versions MWAA runs). Airflow's main branch turned `retry_exponential_backoff` into a float
 * multiplier, where `true` counts as 1.0, no backoff; the YAML is written for MWAA's versions.
 */
import type { JsonValue, Retrier, TaskState } from '../model/asl.js';

const timedelta = (seconds: number): JsonValue => ({ __type__: 'datetime.timedelta', seconds });

/** Retry → retries, retry_delay, retry_exponential_backoff, max_retry_delay (one policy per task). */
export function retryParams(retriers: Retrier[] | undefined, notes: string[]): Record<string, JsonValue> {
  if (!retriers || retriers.length === 0) return {};
  const chosen = retriers.reduce((a, b) => ((b.MaxAttempts ?? 3) > (a.MaxAttempts ?? 3) ? b : a));
  const attempts = chosen.MaxAttempts ?? 3;
  const rate = chosen.BackoffRate ?? 2;
  const out: Record<string, JsonValue> = { retries: attempts, retry_delay: timedelta(chosen.IntervalSeconds ?? 1) };
  if (rate > 1) out.retry_exponential_backoff = true;
  if (chosen.MaxDelaySeconds) out.max_retry_delay = timedelta(chosen.MaxDelaySeconds);
  const lost: string[] = [];
  if (retriers.length > 1) lost.push(`${retriers.length} retriers become one policy (the one with the most attempts)`);
  if (!chosen.ErrorEquals.includes('States.ALL')) lost.push(`retries only ${chosen.ErrorEquals.join(', ')} in Step Functions; Airflow retries any failure`);
  if (rate > 1 && rate !== 2) lost.push(`BackoffRate ${rate}: Airflow's backoff doubles`);
  if (rate < 1) lost.push(`BackoffRate ${rate} below 1`);
  if (chosen.JitterStrategy === 'FULL') lost.push("JitterStrategy FULL: Airflow's exponential backoff adds its own jitter (up to one more interval), not AWS's full jitter");
  notes.push(`Retry → retries ${attempts}, retry_delay ${chosen.IntervalSeconds ?? 1}s${rate > 1 ? ', exponential backoff' : ''}${chosen.MaxDelaySeconds ? `, max_retry_delay ${chosen.MaxDelaySeconds}s` : ''}`, ...lost.map((l) => `not carried over: ${l}`));
  return out;
}

export function retryApproximated(retriers: Retrier[] | undefined): boolean {
  if (!retriers || retriers.length === 0) return false;
  return retriers.length > 1 || retriers.some((r) => !r.ErrorEquals.includes('States.ALL') || (r.BackoffRate ?? 2) !== 2 || r.JitterStrategy === 'FULL');
}

export function timeoutParams(state: Pick<TaskState, 'TimeoutSeconds' | 'TimeoutSecondsPath'>, notes: string[]): Record<string, JsonValue> {
  if (typeof state.TimeoutSeconds === 'number') {
    notes.push(`TimeoutSeconds ${state.TimeoutSeconds} → execution_timeout (per try, as in Step Functions)`);
    return { execution_timeout: timedelta(state.TimeoutSeconds) };
  }
  if (state.TimeoutSeconds !== undefined || state.TimeoutSecondsPath) notes.push('a timeout computed at run time is not carried over');
  return {};
}
