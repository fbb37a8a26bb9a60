/** AWS Step Functions StartExecution: run another state machine, by default to completion (`.sync:2`, output as JSON). */
import type { Task } from '../dsl/states/task.js';
import { derivedName, lastSegment, integrationTask, serviceResource, type IntegrationOptions, type NamedArgs } from './integration.js';

export interface StartExecutionRequest {
  StateMachineArn: string;
  Input?: unknown;
  Name?: string;
  TraceHeader?: string;
}

export const sfn = {
  startExecution(...args: NamedArgs<StartExecutionRequest, IntegrationOptions & { pattern?: 'sync:2' | 'sync' | 'requestResponse' | 'waitForTaskToken' }>): Task {
    return integrationTask(args, (r) => derivedName('Run', lastSegment(r.StateMachineArn, ':')), (request, options) => ({
      resource: serviceResource('states', 'startExecution', options.pattern ?? 'sync:2'),
      request,
    }));
  },
};
