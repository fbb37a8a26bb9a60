/** AWS Lambda Invoke through the optimised integration (the result is the whole Invoke response). */
import type { RetryOptions } from '../dsl/retry.js';
import type { Task } from '../dsl/states/task.js';
import { derivedName, integrationTask, serviceResource, type IntegrationOptions, type NamedArgs } from './integration.js';
import { retryPreset } from './retry-presets.js';

export interface InvokeRequest {
  FunctionName: string;
  Payload?: unknown;
  InvocationType?: 'RequestResponse' | 'Event' | 'DryRun';
  Qualifier?: string;
  ClientContext?: string;
}

export interface InvokeOptions extends IntegrationOptions {
  pattern?: 'requestResponse' | 'waitForTaskToken';
  /**
   * Retry Lambda's own transient errors, as the Step Functions console recommends for every
   * Lambda task (default true). Set false to handle them yourself.
   */
  retryOnServiceExceptions?: boolean;
}

/** The retrier the Step Functions console adds to Lambda tasks. */
export const LAMBDA_SERVICE_RETRY = {
  errors: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'],
  interval: 1,
  maxAttempts: 3,
  backoffRate: 2,
  jitter: 'FULL' as const,
};

export const lambda = {
  invoke(...args: NamedArgs<InvokeRequest, InvokeOptions>): Task {
    let retry = true;
    const state = integrationTask(args, (r) => derivedName('Invoke', r.FunctionName), (request, options) => {
      retry = options.retryOnServiceExceptions ?? true;
      return { resource: serviceResource('lambda', 'invoke', options.pattern ?? 'requestResponse'), request };
    });
    return retry ? state.retry(LAMBDA_SERVICE_RETRY) : state;
  },
  retries: {
    /** Concurrency limits and throttling (on top of the service-exception retrier every invoke has). */
    throttling: (overrides: RetryOptions = {}): RetryOptions =>
      retryPreset(['Lambda.TooManyRequestsException', 'Lambda.EC2ThrottledException'], 'lambda throttling', overrides),
  },
};
