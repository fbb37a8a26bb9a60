/** AWS Glue DataBrew StartJobRun; `.sync` waits for the run to finish. */
import type { Task } from '../dsl/states/task.js';
import { derivedName, integrationTask, serviceResource, type IntegrationOptions, type NamedArgs } from './integration.js';

export interface DataBrewStartJobRunRequest {
  Name: string;
}

export const databrew = {
  startJobRun(...args: NamedArgs<DataBrewStartJobRunRequest, IntegrationOptions & { pattern?: 'sync' | 'requestResponse' }>): Task {
    return integrationTask(args, (r) => derivedName('DataBrew', r.Name), (request, options) => ({
      resource: serviceResource('databrew', 'startJobRun', options.pattern ?? 'sync'),
      request,
    }));
  },
};
