/**
 * AWS DMS: start a replication task and poll DescribeReplicationTasks until it stops (full load,
 * or CDC with a stop position) or, for ongoing CDC, until it runs. DMS has no `.sync`.
 */
import type { Chain } from '../dsl/state.js';
import type { RetryOptions } from '../dsl/retry.js';
import { derivedName, lastSegment, sdkResource, type JsonataRequest } from './integration.js';
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

export interface ReplicationTaskOptions extends PollOptions {
  /** Wait until the task has stopped (full load, or CDC with a stop position; default) or is running (ongoing CDC). */
  until?: 'stopped' | 'running';
}

export const dms = {
  /**
   * StartReplicationTask, then poll until the task's Status is `stopped` (or `running`); `failed`
   * ends in a Fail `DMS.ReplicationTaskFailed` with the task's LastFailureMessage.
   */
  startReplicationTask(request: JsonataRequest<StartReplicationTaskRequest>, options: ReplicationTaskOptions = {}): Chain {
    const task = '$states.result.ReplicationTasks[0]';
    const until = options.until ?? 'stopped';
    return pollUntil({
      ...options,
      name: options.name ?? derivedName('Replicate', lastSegment(request.ReplicationTaskArn, ':')),
      start: { resource: sdkResource('databasemigration', 'startReplicationTask'), arguments: request },
      check: {
        resource: sdkResource('databasemigration', 'describeReplicationTasks'),
        arguments: () => ({ Filters: [{ Name: 'replication-task-arn', Values: [request.ReplicationTaskArn] }], WithoutSettings: true }),
      },
      status: `${task}.Status`,
      reason: `${task}.LastFailureMessage`,
      succeeded: [until],
      failed: ['failed', 'failed-move'],
      errors: { failed: 'DMS.ReplicationTaskFailed', timeout: 'DMS.ReplicationTaskTimeout' },
      timeoutCause: `the replication task was not ${until} after ${options.maxPolls ?? 60} polls`,
    });
  },

  retries: {
    throttling: (overrides: RetryOptions = {}): RetryOptions =>
      retryPreset(['DatabaseMigration.ThrottlingException', 'DatabaseMigration.ResourceQuotaExceededException'], 'dms throttling', overrides),
  },
};

