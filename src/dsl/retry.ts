/**
 * Retry policies, in ASL's terms with durations users can read (`interval: '30s'`), and named
 * presets for what data pipelines hit most: throttling and transient service errors.
 */
import type { Retrier } from '../model/asl.js';
import { toSeconds, type Duration } from './duration.js';

export interface RetryOptions {
  /** Error names to retry; defaults to `States.ALL`. */
  errors?: string[];
  /** First wait before retrying (IntervalSeconds, default 1s). */
  interval?: Duration;
  /** Retries after the first attempt (MaxAttempts, default 3; 0 means never). */
  maxAttempts?: number;
  /** Multiplier applied to the interval after each retry (BackoffRate, default 2). */
  backoffRate?: number;
  /** Upper bound on any one wait (MaxDelaySeconds). */
  maxDelay?: Duration;
  /** `FULL` randomises each wait between 0 and the computed interval, so retries spread out. */
  jitter?: 'FULL' | 'NONE';
  comment?: string;
}

export function toRetrier(options: RetryOptions): Retrier {
  const retrier: Retrier = { ErrorEquals: options.errors ?? ['States.ALL'] };
  if (options.interval !== undefined) retrier.IntervalSeconds = toSeconds(options.interval);
  if (options.maxAttempts !== undefined) retrier.MaxAttempts = options.maxAttempts;
  if (options.backoffRate !== undefined) retrier.BackoffRate = options.backoffRate;
  if (options.maxDelay !== undefined) retrier.MaxDelaySeconds = toSeconds(options.maxDelay);
  if (options.jitter !== undefined) retrier.JitterStrategy = options.jitter;
  if (options.comment !== undefined) retrier.Comment = options.comment;
  return retrier;
}

/** Ready-made policies. Each is a function so callers can adjust it: `retries.throttling({ maxAttempts: 8 })`. */
export const retries = {
  /**
   * Throttling and rate limits across the services data pipelines call. Errors of service
   * integrations carry the service's prefix (`Glue.ThrottlingException`, `DynamoDB.…`): for those,
   * prefer the service's own preset (`glue.retries.throttling()`), which names them.
   */
  throttling: (overrides: RetryOptions = {}): RetryOptions => ({
    errors: [
      'ThrottlingException',
      'TooManyRequestsException',
      'Lambda.TooManyRequestsException',
      'Glue.ConcurrentRunsExceededException',
      'Athena.TooManyRequestsException',
      'SageMaker.AmazonSageMakerException',
    ],
    interval: 5,
    maxAttempts: 6,
    backoffRate: 2,
    maxDelay: '5m',
    jitter: 'FULL',
    comment: 'throttling',
    ...overrides,
  }),
  /** Transient failures of the service or of Lambda's own infrastructure. */
  transient: (overrides: RetryOptions = {}): RetryOptions => ({
    errors: [
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
      'Lambda.ClientExecutionTimeoutException',
      'Glue.InternalServiceException',
      'Athena.InternalServerException',
    ],
    interval: 2,
    maxAttempts: 3,
    backoffRate: 2,
    jitter: 'FULL',
    comment: 'transient service errors',
    ...overrides,
  }),
  /** Any error, a few times: for idempotent steps where any failure is worth another try. */
  anyError: (overrides: RetryOptions = {}): RetryOptions => ({
    errors: ['States.ALL'],
    interval: 10,
    maxAttempts: 2,
    backoffRate: 2,
    ...overrides,
  }),
};
