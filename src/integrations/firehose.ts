/** Amazon Data Firehose through the AWS SDK integration: PutRecordBatch and DescribeDeliveryStream. */
import type { RetryOptions } from '../dsl/retry.js';
import type { Task } from '../dsl/states/task.js';
import { derivedName, integrationTask, sdkResource, type NamedArgs } from './integration.js';
import { retryPreset } from './retry-presets.js';

export interface PutRecordBatchRequest {
  DeliveryStreamName: string;
  /** Up to 500 records; each Data is the record's bytes as a string. */
  Records: { Data: unknown }[] | string;
}

export interface DescribeDeliveryStreamRequest {
  DeliveryStreamName: string;
  /** Destinations to return (a stream has one). */
  Limit?: number;
  ExclusiveStartDestinationId?: string;
}

export const firehose = {
  /** Check FailedPutCount in the result: partial failures do not fail the state. */
  putRecordBatch(...args: NamedArgs<PutRecordBatchRequest>): Task {
    return integrationTask(args, (r) => derivedName('PutRecordBatch', r.DeliveryStreamName), (request) => ({
      resource: sdkResource('firehose', 'putRecordBatch'),
      request,
    }));
  },
  /**
   * DescribeDeliveryStream: `DeliveryStreamDescription.DeliveryStreamStatus` is ACTIVE when the
   * stream takes data (CREATING, CREATING_FAILED, DELETING, DELETING_FAILED otherwise).
   */
  describeDeliveryStream(...args: NamedArgs<DescribeDeliveryStreamRequest>): Task {
    return integrationTask(args, (r) => derivedName('Describe', r.DeliveryStreamName), (request) => ({
      resource: sdkResource('firehose', 'describeDeliveryStream'),
      request,
    }));
  },
  retries: {
    throttling: (overrides: RetryOptions = {}): RetryOptions =>
      retryPreset(['Firehose.ServiceUnavailableException', 'Firehose.LimitExceededException'], 'firehose throttling', overrides),
  },
};
