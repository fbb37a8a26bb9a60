/** Amazon AppFlow StartFlow through the AWS SDK integration (request-response: the flow runs on). */
import type { Task } from '../dsl/states/task.js';
import { derivedName, integrationTask, sdkResource, type NamedArgs } from './integration.js';

export interface StartFlowRequest {
  FlowName: string;
  ClientToken?: string;
}

export const appflow = {
  startFlow(...args: NamedArgs<StartFlowRequest>): Task {
    return integrationTask(args, (r) => derivedName('StartFlow', r.FlowName), (request) => ({ resource: sdkResource('appflow', 'startFlow'), request }));
  },
};
