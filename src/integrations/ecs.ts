/**
 * Amazon ECS RunTask (Fargate by default); `.sync` waits for the task to stop and fails the state
 * when a container exits non-zero. Run a Job or task-token patterns fail with `AmazonECS.Unknown`
 * when RunTask answers with Failures.
 */
import type { RetryOptions } from '../dsl/retry.js';
import type { Task } from '../dsl/states/task.js';
import { derivedName, lastSegment, integrationTask, serviceResource, type IntegrationOptions, type NamedArgs } from './integration.js';
import { retryPreset } from './retry-presets.js';

export interface RunTaskRequest {
  Cluster?: string;
  /** `family`, `family:revision`, or the task definition's ARN. */
  TaskDefinition: string;
  LaunchType?: 'FARGATE' | 'EC2' | 'EXTERNAL';
  CapacityProviderStrategy?: { CapacityProvider: string; Weight?: number; Base?: number }[];
  PlatformVersion?: string;
  NetworkConfiguration?: { AwsvpcConfiguration: { Subnets: string[]; SecurityGroups?: string[]; AssignPublicIp?: 'ENABLED' | 'DISABLED' } };
  Overrides?: {
    ContainerOverrides?: { Name: string; Command?: string[]; Environment?: { Name: string; Value: string }[]; Cpu?: number; Memory?: number }[];
    Cpu?: string;
    Memory?: string;
    /** Roles named here are passed to ECS (the policy grants iam:PassRole on them). */
    TaskRoleArn?: string;
    ExecutionRoleArn?: string;
    EphemeralStorage?: { SizeInGiB: number };
  };
  Count?: number;
  Group?: string;
  StartedBy?: string;
  PropagateTags?: 'TASK_DEFINITION' | 'SERVICE' | 'NONE';
  EnableECSManagedTags?: boolean;
  EnableExecuteCommand?: boolean;
  Tags?: { Key: string; Value: string }[];
}

export const ecs = {
  /** RunTask with `LaunchType: 'FARGATE'` unless a launch type or capacity provider strategy is given. */
  runTask(...args: NamedArgs<RunTaskRequest, IntegrationOptions & { pattern?: 'sync' | 'requestResponse' | 'waitForTaskToken' }>): Task {
    return integrationTask(args, (r) => derivedName('Run', lastSegment(r.TaskDefinition, '/')), (request, options) => ({
      resource: serviceResource('ecs', 'runTask', options.pattern ?? 'sync'),
      request: request.LaunchType || request.CapacityProviderStrategy ? request : { LaunchType: 'FARGATE', ...request },
    }));
  },
  retries: {
    throttling: (overrides: RetryOptions = {}): RetryOptions => retryPreset(['ECS.AmazonECSException', 'AmazonECS.Unknown'], 'ecs capacity and throttling', overrides),
  },
};
