/**
 * Amazon SQS SendMessage, request-response or `.waitForTaskToken` (the workflow pauses until a
 * consumer calls SendTaskSuccess/Failure with the token; put the token in the message:
 * `taskToken()` in JSONata, `ref('$$.Task.Token')` in JSONPath).
 */
import type { Task } from '../dsl/states/task.js';
import { derivedName, lastSegment, integrationTask, serviceResource, type IntegrationOptions, type NamedArgs } from './integration.js';

export interface SendMessageRequest {
  QueueUrl: string;
  MessageBody: unknown;
  DelaySeconds?: number;
  MessageAttributes?: Record<string, { DataType: string; StringValue?: string }>;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
}

export const sqs = {
  sendMessage(...args: NamedArgs<SendMessageRequest, IntegrationOptions & { pattern?: 'requestResponse' | 'waitForTaskToken' }>): Task {
    return integrationTask(args, (r) => derivedName('Send', lastSegment(r.QueueUrl, '/')), (request, options) => ({
      resource: serviceResource('sqs', 'sendMessage', options.pattern ?? 'requestResponse'),
      request,
    }));
  },
};
