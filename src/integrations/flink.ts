/**
 * Amazon Managed Service for Apache Flink (SDK service `kinesisanalyticsv2`): start or stop an
 * application and poll DescribeApplication until it is RUNNING (start) or READY (stop);
 * `waitForApplication` polls without starting anything (an application already STARTING,
 * UPDATING or AUTOSCALING); `describeApplication` reads its status to decide what to do.
 */
import type { Chain } from '../dsl/state.js';
import type { Task } from '../dsl/states/task.js';
import { derivedName, integrationTask, sdkResource, type JsonataRequest, type NamedArgs } from './integration.js';
import { pollUntil, type PollOptions } from './poll.js';

export interface StartApplicationRequest {
  ApplicationName: string;
  RunConfiguration?: {
    FlinkRunConfiguration?: { AllowNonRestoredState?: boolean };
    ApplicationRestoreConfiguration?: { ApplicationRestoreType: 'SKIP_RESTORE_FROM_SNAPSHOT' | 'RESTORE_FROM_LATEST_SNAPSHOT' | 'RESTORE_FROM_CUSTOM_SNAPSHOT'; SnapshotName?: string };
  };
}

export interface StopApplicationRequest {
  ApplicationName: string;
  /** Stop without taking a snapshot. */
  Force?: boolean;
}

export interface DescribeApplicationRequest {
  ApplicationName: string;
  IncludeAdditionalDetails?: boolean;
}

export interface WaitForApplicationOptions extends PollOptions {
  /** RUNNING (default; falling back to READY or ROLLED_BACK fails `Flink.StartFailed`) or READY. */
  until?: 'RUNNING' | 'READY';
}

const STATUS = '$states.result.ApplicationDetail.ApplicationStatus';
const DESCRIBE = sdkResource('kinesisanalyticsv2', 'describeApplication');

function appName(name: unknown): string | undefined {
  return typeof name === 'string' ? name : undefined;
}

/** Polling for RUNNING: READY again (StartApplication moves the application to STARTING before it answers) or ROLLED_BACK means the start failed. */
function untilRunning(maxPolls: number | undefined) {
  return {
    status: STATUS,
    succeeded: ['RUNNING'],
    failed: ['READY', 'ROLLED_BACK'],
    errors: { failed: 'Flink.StartFailed', timeout: 'Flink.StartTimeout' },
    timeoutCause: `the application was not RUNNING after ${maxPolls ?? 60} polls`,
  };
}

function untilReady(maxPolls: number | undefined) {
  return { status: STATUS, succeeded: ['READY'], errors: { timeout: 'Flink.StopTimeout' }, timeoutCause: `the application was not READY after ${maxPolls ?? 60} polls` };
}

export const flink = {
  /** StartApplication, then poll until RUNNING; a start that falls back to READY or ROLLED_BACK fails `Flink.StartFailed`. */
  startApplication(request: JsonataRequest<StartApplicationRequest>, options: PollOptions = {}): Chain {
    return pollUntil({
      ...options,
      ...untilRunning(options.maxPolls),
      name: options.name ?? derivedName('Start', appName(request.ApplicationName)),
      start: { resource: sdkResource('kinesisanalyticsv2', 'startApplication'), arguments: request },
      check: { resource: DESCRIBE, arguments: () => ({ ApplicationName: request.ApplicationName }) },
    });
  },

  /** StopApplication, then poll until READY. */
  stopApplication(request: JsonataRequest<StopApplicationRequest>, options: PollOptions = {}): Chain {
    return pollUntil({
      ...options,
      ...untilReady(options.maxPolls),
      name: options.name ?? derivedName('Stop', appName(request.ApplicationName)),
      start: { resource: sdkResource('kinesisanalyticsv2', 'stopApplication'), arguments: request },
      check: { resource: DESCRIBE, arguments: () => ({ ApplicationName: request.ApplicationName }) },
    });
  },

  /** Poll DescribeApplication (checking at once) until RUNNING or READY, starting nothing. */
  waitForApplication(request: JsonataRequest<{ ApplicationName: string }>, options: WaitForApplicationOptions = {}): Chain {
    const until = options.until ?? 'RUNNING';
    return pollUntil({
      ...options,
      ...(until === 'RUNNING' ? untilRunning(options.maxPolls) : untilReady(options.maxPolls)),
      name: options.name ?? derivedName('Wait for', appName(request.ApplicationName)),
      check: { resource: DESCRIBE, arguments: () => ({ ApplicationName: request.ApplicationName }) },
    });
  },

  /** DescribeApplication (request-response): `ApplicationDetail.ApplicationStatus` is READY, STARTING, RUNNING, UPDATING, AUTOSCALING, STOPPING, ... */
  describeApplication(...args: NamedArgs<DescribeApplicationRequest>): Task {
    return integrationTask(args, (r) => derivedName('Describe', appName(r.ApplicationName)), (request) => ({ resource: DESCRIBE, request }));
  },
};
