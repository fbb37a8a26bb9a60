/** Amazon SNS Publish: notifications from a workflow. */
import type { Task } from '../dsl/states/task.js';
import { derivedName, lastSegment, integrationTask, serviceResource, type IntegrationOptions, type NamedArgs } from './integration.js';

export interface PublishRequest {
  TopicArn?: string;
  TargetArn?: string;
  PhoneNumber?: string;
  Message: unknown;
  Subject?: string;
  MessageAttributes?: Record<string, { DataType: string; StringValue?: string }>;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
}

export const sns = {
  publish(...args: NamedArgs<PublishRequest, IntegrationOptions & { pattern?: 'requestResponse' | 'waitForTaskToken' }>): Task {
    return integrationTask(args, (r) => derivedName('Notify', lastSegment(r.TopicArn, ':')), (request, options) => ({
      resource: serviceResource('sns', 'publish', options.pattern ?? 'requestResponse'),
      request,
    }));
  },
};
