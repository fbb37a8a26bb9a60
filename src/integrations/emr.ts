/** Amazon EMR (on EC2) AddStep: run a step on a cluster; `.sync` waits for the step to finish. */
import { isRef } from '../dsl/expressions.js';
import type { Task } from '../dsl/states/task.js';
import { derivedName, integrationTask, serviceResource, type IntegrationOptions, type NamedArgs } from './integration.js';

export interface AddStepRequest {
  ClusterId: string;
  Step: {
    Name: string;
    ActionOnFailure?: 'TERMINATE_JOB_FLOW' | 'TERMINATE_CLUSTER' | 'CANCEL_AND_WAIT' | 'CONTINUE';
    HadoopJarStep: { Jar: string; Args?: string[]; MainClass?: string; Properties?: { Key: string; Value: string }[] };
  };
  /** A runtime role for the step (clusters with runtime roles enabled). */
  ExecutionRoleArn?: string;
}

export const emr = {
  addStep(...args: NamedArgs<AddStepRequest, IntegrationOptions & { pattern?: 'sync' | 'requestResponse' }>): Task {
    return integrationTask(args, (r) => derivedName('Step', typeof r.Step === 'object' && !isRef(r.Step) ? r.Step.Name : undefined), (request, options) => ({
      resource: serviceResource('elasticmapreduce', 'addStep', options.pattern ?? 'sync'),
      request,
    }));
  },
};
