/** Amazon Athena: run a query (`.sync` waits for it to finish) and read its results. */
import type { Task } from '../dsl/states/task.js';
import { derivedName, integrationTask, serviceResource, type IntegrationOptions, type NamedArgs } from './integration.js';

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
};
