/**
 * AWS DMS: start a replication task and poll DescribeReplicationTasks until it stops (full load,
 * or CDC with a stop position), until it runs (ongoing CDC), or until the full load of a
 * full-load-and-CDC task is complete (the task keeps running, replicating changes). DMS has no
 * `.sync`. `waitForReplicationTask` is the same loop without the start, for a task that is
 * already running; `describeReplicationTasks` reads a task's status to decide whether to start it.
 */
import type { Chain } from '../dsl/state.js';
import type { RetryOptions } from '../dsl/retry.js';
import type { Task } from '../dsl/states/task.js';
import { derivedName, integrationTask, lastSegment, sdkResource, type JsonataRequest, type NamedArgs } from './integration.js';
import { pollUntil, type PollOptions } from './poll.js';
import { retryPreset } from './retry-presets.js';

export interface StartReplicationTaskRequest {
  ReplicationTaskArn: string;
  StartReplicationTaskType: 'start-replication' | 'resume-processing' | 'reload-target';
  CdcStartTime?: string;
  CdcStartPosition?: string;
  /** e.g. `server_time:2026-01-01T12:00:00`: the task stops there, so `until: 'stopped'` ends. */
  CdcStopPosition?: string;
}

export interface DescribeReplicationTasksRequest {
  /** Filter names: `replication-task-arn`, `replication-task-id`, `migration-type`, `endpoint-arn`, `replication-instance-arn`. */
  Filters?: { Name: string; Values: string[] }[];
  MaxRecords?: number;
  Marker?: string;
  /** Leave the (large) task settings and table mappings out of the answer. */
  WithoutSettings?: boolean;
}

/**
 * What the loop waits for:
 * - `stopped` (default): a full-load task, or CDC with a stop position, has finished;
 * - `running`: ongoing CDC is under way;
 * - `full-load-complete`: a full-load-and-CDC task has loaded every table
 *   (`ReplicationTaskStats.FullLoadProgressPercent` is 100) and goes on replicating changes.
 */
export type ReplicationTaskGoal = 'stopped' | 'running' | 'full-load-complete';

export interface ReplicationTaskOptions extends PollOptions {
  until?: ReplicationTaskGoal;
}

const TASK = '$states.result.ReplicationTasks[0]';

/**
 * The loop's status: DMS's own (`starting`, `running`, `stopped`, `failed`, ...), except that a task
 * whose full load is at 100% reads `full-load-complete` when that is the goal. Waiting for the full
 * load, a task that stops or fails before it is complete has failed; the reason is DMS's
 * LastFailureMessage, or the StopReason when it stopped without one.
 */
function goal(until: ReplicationTaskGoal) {
  if (until !== 'full-load-complete') {
    return { status: `${TASK}.Status`, reason: `${TASK}.LastFailureMessage`, succeeded: [until], failed: ['failed', 'failed-move'] };
  }
  return {
    status: `${TASK}.ReplicationTaskStats.FullLoadProgressPercent = 100 and ${TASK}.Status in ['running', 'stopped'] ? 'full-load-complete' : ${TASK}.Status`,
    reason: `(${TASK}.LastFailureMessage ? ${TASK}.LastFailureMessage : ${TASK}.StopReason)`,
    succeeded: ['full-load-complete'],
    failed: ['failed', 'failed-move', 'stopped'],
  };
}

function describeOne(arn: unknown) {
  return { Filters: [{ Name: 'replication-task-arn', Values: [arn] }], WithoutSettings: true };
}

export const dms = {
  /**
   * StartReplicationTask, then poll until the task's Status is `stopped` (or `running`, or its full
   * load is complete); `failed` ends in `DMS.ReplicationTaskFailed` with the task's LastFailureMessage.
   */
  startReplicationTask(request: JsonataRequest<StartReplicationTaskRequest>, options: ReplicationTaskOptions = {}): Chain {
    const until = options.until ?? 'stopped';
    return pollUntil({
      ...options,
      ...goal(until),
      name: options.name ?? derivedName('Replicate', lastSegment(request.ReplicationTaskArn, ':')),
      start: { resource: sdkResource('databasemigration', 'startReplicationTask'), arguments: request },
      check: { resource: sdkResource('databasemigration', 'describeReplicationTasks'), arguments: () => describeOne(request.ReplicationTaskArn) },
      errors: { failed: 'DMS.ReplicationTaskFailed', timeout: 'DMS.ReplicationTaskTimeout' },
      timeoutCause: `the replication task was not ${until} after ${options.maxPolls ?? 60} polls`,
    });
  },

  /**
   * The same loop without starting anything: for a task that is already running (or that a
   * previous state started). It checks at once, then every `pollEvery`.
   */
  waitForReplicationTask(request: JsonataRequest<{ ReplicationTaskArn: string }>, options: ReplicationTaskOptions = {}): Chain {
    const until = options.until ?? 'stopped';
    return pollUntil({
      ...options,
      ...goal(until),
      name: options.name ?? derivedName('Wait for', lastSegment(request.ReplicationTaskArn, ':')),
      check: { resource: sdkResource('databasemigration', 'describeReplicationTasks'), arguments: () => describeOne(request.ReplicationTaskArn) },
      errors: { failed: 'DMS.ReplicationTaskFailed', timeout: 'DMS.ReplicationTaskTimeout' },
      timeoutCause: `the replication task was not ${until} after ${options.maxPolls ?? 60} polls`,
    });
  },

  /** DescribeReplicationTasks (request-response): `ReplicationTasks[0].Status`, `.ReplicationTaskStats`, ... */
  describeReplicationTasks(...args: NamedArgs<DescribeReplicationTasksRequest>): Task {
    return integrationTask(args, () => 'DescribeReplicationTasks', (request) => ({ resource: sdkResource('databasemigration', 'describeReplicationTasks'), request }));
  },

  retries: {
    throttling: (overrides: RetryOptions = {}): RetryOptions =>
      retryPreset(['DatabaseMigration.ThrottlingException', 'DatabaseMigration.ResourceQuotaExceededException'], 'dms throttling', overrides),
  },
};
