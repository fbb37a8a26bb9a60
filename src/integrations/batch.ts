/** AWS Batch SubmitJob; `.sync` waits for SUCCEEDED (FAILED fails the state). */
import type { RetryOptions } from '../dsl/retry.js';
import type { Task } from '../dsl/states/task.js';
import { derivedName, integrationTask, serviceResource, type IntegrationOptions, type NamedArgs } from './integration.js';
import { retryPreset } from './retry-presets.js';

export interface SubmitJobRequest {
  JobName: string;
  JobQueue: string;
  JobDefinition: string;
  ArrayProperties?: { Size: number };
  ContainerOverrides?: {
    Command?: string[];
    Environment?: { Name: string; Value: string }[];
    ResourceRequirements?: { Type: 'GPU' | 'VCPU' | 'MEMORY'; Value: string }[];
    InstanceType?: string;
  };
  DependsOn?: { JobId: string; Type?: 'N_TO_N' | 'SEQUENTIAL' }[];
  Parameters?: Record<string, string>;
  RetryStrategy?: { Attempts?: number; EvaluateOnExit?: { Action: 'RETRY' | 'EXIT'; OnExitCode?: string; OnReason?: string; OnStatusReason?: string }[] };
  Timeout?: { AttemptDurationSeconds: number };
  Tags?: Record<string, string>;
  PropagateTags?: boolean;
  ShareIdentifier?: string;
  SchedulingPriorityOverride?: number;
}

export const batch = {
  submitJob(...args: NamedArgs<SubmitJobRequest, IntegrationOptions & { pattern?: 'sync' | 'requestResponse' | 'waitForTaskToken' }>): Task {
    return integrationTask(args, (r) => derivedName('Batch', r.JobName), (request, options) => ({
      resource: serviceResource('batch', 'submitJob', options.pattern ?? 'sync'),
      request,
    }));
  },
  retries: {
    throttling: (overrides: RetryOptions = {}): RetryOptions => retryPreset(['Batch.AWSBatchException', 'Batch.TooManyRequestsException'], 'batch throttling', overrides),
  },
};
