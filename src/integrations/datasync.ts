/**
 * AWS DataSync: StartTaskExecution, then DescribeTaskExecution until SUCCESS (ERROR → Fail
 * `DataSync.TaskExecutionFailed`). DataSync has no `.sync`. Variables for `output`: `executionArn`.
 */
import { expr } from '../dsl/expressions.js';
import type { Chain } from '../dsl/state.js';
import { derivedName, lastSegment, sdkResource, type JsonataRequest } from './integration.js';
import { pollUntil, type PollOptions } from './poll.js';

export interface StartTaskExecutionRequest {
  TaskArn: string;
  OverrideOptions?: Record<string, unknown>;
  Includes?: { FilterType: 'SIMPLE_PATTERN'; Value: string }[];
  Excludes?: { FilterType: 'SIMPLE_PATTERN'; Value: string }[];
  ManifestConfig?: Record<string, unknown>;
  TaskReportConfig?: Record<string, unknown>;
  Tags?: { Key: string; Value?: string }[];
}

export const datasync = {
  startTaskExecution(request: JsonataRequest<StartTaskExecutionRequest>, options: PollOptions = {}): Chain {
    return pollUntil({
      ...options,
      name: options.name ?? derivedName('Transfer', lastSegment(request.TaskArn, '/')),
      start: { resource: sdkResource('datasync', 'startTaskExecution'), arguments: request, keep: { executionArn: '$states.result.TaskExecutionArn' } },
      check: { resource: sdkResource('datasync', 'describeTaskExecution'), arguments: (v) => ({ TaskExecutionArn: expr(v.executionArn!) }) },
      status: '$states.result.Status',
      reason: "$states.result.Result.ErrorCode & ': ' & $states.result.Result.ErrorDetail",
      succeeded: ['SUCCESS'],
      failed: ['ERROR'],
      errors: { failed: 'DataSync.TaskExecutionFailed', timeout: 'DataSync.TaskExecutionTimeout' },
      timeoutCause: `the task execution did not finish after ${options.maxPolls ?? 60} polls`,
    });
  },
};
