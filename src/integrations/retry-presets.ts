/**
 * Retry presets per service, built the same way so every service backs off alike: throttling
 * retries wait longer and more often (the service is busy) than transient-error retries.
 */
import type { RetryOptions } from '../dsl/retry.js';

export function retryPreset(errors: string[], comment: string, overrides: RetryOptions = {}, kind: 'throttling' | 'transient' = 'throttling'): RetryOptions {
  const base: RetryOptions =
    kind === 'throttling'
      ? { interval: 5, maxAttempts: 6, backoffRate: 2, maxDelay: '5m', jitter: 'FULL' }
      : { interval: 2, maxAttempts: 3, backoffRate: 2, jitter: 'FULL' };
  return { errors, ...base, comment, ...overrides };
}
