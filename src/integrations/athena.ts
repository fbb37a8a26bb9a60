/** Amazon Athena: run a query (`.sync` waits for it to finish) and read its results. */
import type { RetryOptions } from '../dsl/retry.js';
import type { Task } from '../dsl/states/task.js';
import { derivedName, integrationTask, serviceResource, type IntegrationOptions, type NamedArgs } from './integration.js';
import { retryPreset } from './retry-presets.js';

export interface StartQueryExecutionRequest {
  QueryString: string;
  QueryExecutionContext?: { Database?: string; Catalog?: string };
  ResultConfiguration?: { OutputLocation?: string; EncryptionConfiguration?: { EncryptionOption: string; KmsKey?: string } };
  WorkGroup?: string;
  ClientRequestToken?: string;
  ExecutionParameters?: string[];
}

export const athena = {
  startQueryExecution(...args: NamedArgs<StartQueryExecutionRequest, IntegrationOptions & { pattern?: 'sync' | 'requestResponse' }>): Task {
    return integrationTask(args, (r) => derivedName('Query', r.WorkGroup), (request, options) => ({
      resource: serviceResource('athena', 'startQueryExecution', options.pattern ?? 'sync'),
      request,
    }));
  },

  getQueryResults(...args: NamedArgs<{ QueryExecutionId: string; MaxResults?: number; NextToken?: string }>): Task {
    return integrationTask(args, () => 'GetQueryResults', (request) => ({ resource: serviceResource('athena', 'getQueryResults'), request }));
  },
  retries: {
    throttling: (overrides: RetryOptions = {}): RetryOptions =>
      retryPreset(['Athena.TooManyRequestsException', 'Athena.ThrottlingException'], 'athena throttling', overrides),
    transient: (overrides: RetryOptions = {}): RetryOptions => retryPreset(['Athena.InternalServerException'], 'athena transient errors', overrides, 'transient'),
  },
};
