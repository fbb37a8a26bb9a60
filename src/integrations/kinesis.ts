/** Amazon Kinesis Data Streams through the AWS SDK integration: PutRecord, PutRecords and DescribeStreamSummary. */
import type { RetryOptions } from '../dsl/retry.js';
import type { Task } from '../dsl/states/task.js';
import { derivedName, lastSegment, integrationTask, sdkResource, type NamedArgs } from './integration.js';
import { retryPreset } from './retry-presets.js';

interface StreamTarget {
  /** The stream's name, or give StreamARN. */
  StreamName?: string;
  StreamARN?: string;
}

export interface PutRecordRequest extends StreamTarget {
  /** The record's bytes: a string (the SDK integration sends it base64-encoded). */
  Data: unknown;
  PartitionKey: string;
  ExplicitHashKey?: string;
  SequenceNumberForOrdering?: string;
}

export interface PutRecordsRequest extends StreamTarget {
  Records: { Data: unknown; PartitionKey: string; ExplicitHashKey?: string }[] | string;
}

export type DescribeStreamSummaryRequest = StreamTarget;

const streamName = (r: { StreamName?: unknown; StreamARN?: unknown }) => lastSegment(r.StreamName) ?? lastSegment(r.StreamARN, '/');

export const kinesis = {
  putRecord(...args: NamedArgs<PutRecordRequest>): Task {
    return integrationTask(args, (r) => derivedName('PutRecord', streamName(r)), (request) => ({ resource: sdkResource('kinesis', 'putRecord'), request }));
  },
  /** Up to 500 records; check FailedRecordCount in the result, since partial failures do not fail the state. */
  putRecords(...args: NamedArgs<PutRecordsRequest>): Task {
    return integrationTask(args, (r) => derivedName('PutRecords', streamName(r)), (request) => ({ resource: sdkResource('kinesis', 'putRecords'), request }));
  },
  /**
   * DescribeStreamSummary: `StreamDescriptionSummary.StreamStatus` is CREATING, DELETING, ACTIVE or
   * UPDATING (reads and writes work while ACTIVE and UPDATING), without the shard list.
   */
  describeStreamSummary(...args: NamedArgs<DescribeStreamSummaryRequest>): Task {
    return integrationTask(args, (r) => derivedName('Describe', streamName(r)), (request) => ({ resource: sdkResource('kinesis', 'describeStreamSummary'), request }));
  },
  retries: {
    throttling: (overrides: RetryOptions = {}): RetryOptions =>
      retryPreset(['Kinesis.ProvisionedThroughputExceededException', 'Kinesis.LimitExceededException', 'Kinesis.KmsThrottlingException'], 'kinesis throttling', overrides),
  },
};
