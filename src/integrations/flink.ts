/**
 * Amazon Managed Service for Apache Flink (SDK service `kinesisanalyticsv2`): start or stop an
 * application and poll DescribeApplication until it is RUNNING (start) or READY (stop).
 */
import type { Chain } from '../dsl/state.js';
import { derivedName, sdkResource, type JsonataRequest } from './integration.js';
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

const STATUS = '$states.result.ApplicationDetail.ApplicationStatus';

function appName(name: unknown): string | undefined {
  return typeof name === 'string' ? name : undefined;
}

export const flink = {
  /** StartApplication, then poll until RUNNING; a start that falls back to READY or ROLLED_BACK fails `Flink.StartFailed`. */
  startApplication(request: JsonataRequest<StartApplicationRequest>, options: PollOptions = {}): Chain {
    return pollUntil({
      ...options,
      name: options.name ?? derivedName('Start', appName(request.ApplicationName)),
      start: { resource: sdkResource('kinesisanalyticsv2', 'startApplication'), arguments: request },
      check: { resource: sdkResource('kinesisanalyticsv2', 'describeApplication'), arguments: () => ({ ApplicationName: request.ApplicationName }) },
      status: STATUS,
      succeeded: ['RUNNING'],
      // StartApplication moves the application to STARTING before it answers, so READY again means the start failed.
      failed: ['READY', 'ROLLED_BACK'],
      errors: { failed: 'Flink.StartFailed', timeout: 'Flink.StartTimeout' },
      timeoutCause: `the application was not RUNNING after ${options.maxPolls ?? 60} polls`,
    });
  },

  /** StopApplication, then poll until READY. */
  stopApplication(request: JsonataRequest<StopApplicationRequest>, options: PollOptions = {}): Chain {
    return pollUntil({
      ...options,
      name: options.name ?? derivedName('Stop', appName(request.ApplicationName)),
      start: { resource: sdkResource('kinesisanalyticsv2', 'stopApplication'), arguments: request },
      check: { resource: sdkResource('kinesisanalyticsv2', 'describeApplication'), arguments: () => ({ ApplicationName: request.ApplicationName }) },
      status: STATUS,
      succeeded: ['READY'],
      errors: { timeout: 'Flink.StopTimeout' },
      timeoutCause: `the application was not READY after ${options.maxPolls ?? 60} polls`,
    });
  },
};
