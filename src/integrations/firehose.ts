/** Amazon Data Firehose through the AWS SDK integration: PutRecordBatch. */
import type { RetryOptions } from '../dsl/retry.js';
import type { Task } from '../dsl/states/task.js';
import { derivedName, integrationTask, sdkResource, type NamedArgs } from './integration.js';
import { retryPreset } from './retry-presets.js';

export interface PutRecordBatchRequest {
  DeliveryStreamName: string;
  /** Up to 500 records; each Data is the record's bytes as a string. */
  Records: { Data: unknown }[] | string;
}

export const firehose = {
  /** Check FailedPutCount in the result: partial failures do not fail the state. */
  putRecordBatch(...args: NamedArgs<PutRecordBatchRequest>): Task {
    return integrationTask(args, (r) => derivedName('PutRecordBatch', r.DeliveryStreamName), (request) => ({
      resource: sdkResource('firehose', 'putRecordBatch'),
      request,
    }));
  },
  retries: {
    throttling: (overrides: RetryOptions = {}): RetryOptions =>
      retryPreset(['Firehose.ServiceUnavailableException', 'Firehose.LimitExceededException'], 'firehose throttling', overrides),
  },
};
