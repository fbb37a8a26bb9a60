/**
 * Amazon AppFlow through the AWS SDK integration: StartFlow (request-response: the flow runs on),
 * or `runFlow`, which starts an on-demand flow and polls DescribeFlowExecutionRecords until that
 * run has finished. AppFlow has no `.sync`.
 */
import type { Chain } from '../dsl/state.js';
import type { Task } from '../dsl/states/task.js';
import { derivedName, integrationTask, sdkResource, type JsonataRequest, type NamedArgs } from './integration.js';
import { pollUntil, type PollOptions, type PollVariables } from './poll.js';

export interface StartFlowRequest {
  FlowName: string;
  ClientToken?: string;
}

export interface DescribeFlowExecutionRecordsRequest {
  FlowName: string;
  /** 1-100; AppFlow's default is 20. */
  MaxResults?: number;
  NextToken?: string;
}

export const appflow = {
  startFlow(...args: NamedArgs<StartFlowRequest>): Task {
    return integrationTask(args, (r) => derivedName('StartFlow', r.FlowName), (request) => ({ resource: sdkResource('appflow', 'startFlow'), request }));
  },

  /**
   * StartFlow, then DescribeFlowExecutionRecords until the run StartFlow returned (its ExecutionId)
   * is `Successful`; `Error` or `Canceled` → `AppFlow.FlowRunFailed` with the run's
   * ExecutionResult.ErrorInfo.ExecutionMessage; polls exhausted → `AppFlow.FlowRunTimeout`.
   * The check reads the flow's latest records (MaxResults 10) and picks the run by its id; until
   * the run is listed, the loop keeps waiting. Variables for `output`: `executionId`.
   */
  runFlow(request: JsonataRequest<StartFlowRequest>, options: PollOptions = {}): Chain {
    const run = (v: PollVariables) => `$states.result.FlowExecutions[ExecutionId = ${v.executionId!}]`;
    return pollUntil({
      ...options,
      name: options.name ?? derivedName('Run flow', request.FlowName),
      start: { resource: sdkResource('appflow', 'startFlow'), arguments: request, keep: { executionId: '$states.result.ExecutionId' } },
      check: { resource: sdkResource('appflow', 'describeFlowExecutionRecords'), arguments: () => ({ FlowName: request.FlowName, MaxResults: 10 }) },
      status: (v) => `$exists(${run(v)}.ExecutionStatus) ? ${run(v)}.ExecutionStatus : 'NotListedYet'`,
      reason: (v) => `${run(v)}.ExecutionResult.ErrorInfo.ExecutionMessage`,
      succeeded: ['Successful'],
      failed: ['Error', 'Canceled'],
      errors: { failed: 'AppFlow.FlowRunFailed', timeout: 'AppFlow.FlowRunTimeout' },
      timeoutCause: `the flow run did not finish after ${options.maxPolls ?? 60} polls`,
    });
  },

  /** DescribeFlowExecutionRecords (request-response): the flow's runs, newest first. */
  describeFlowExecutionRecords(...args: NamedArgs<DescribeFlowExecutionRecordsRequest>): Task {
    return integrationTask(args, (r) => derivedName('Flow runs', r.FlowName), (request) => ({ resource: sdkResource('appflow', 'describeFlowExecutionRecords'), request }));
  },
};
