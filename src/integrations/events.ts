/** Amazon EventBridge PutEvents (request-response or `.waitForTaskToken`). */
import { isRef } from '../dsl/expressions.js';
import type { Task } from '../dsl/states/task.js';
import { derivedName, integrationTask, serviceResource, type IntegrationOptions, type NamedArgs } from './integration.js';

export interface PutEventsEntry {
  /** Any JSON: Step Functions serialises it for you. */
  Detail: unknown;
  DetailType: string;
  Source: string;
  /** Bus name or ARN (default: `default`). */
  EventBusName?: string;
  Resources?: string[];
  Time?: string;
  TraceHeader?: string;
}

export interface PutEventsRequest {
  Entries: PutEventsEntry[];
}

export const eventBridge = {
  /** Check FailedEntryCount in the result: a rejected entry does not fail the state. */
  putEvents(...args: NamedArgs<PutEventsRequest, IntegrationOptions & { pattern?: 'requestResponse' | 'waitForTaskToken' }>): Task {
    return integrationTask(args, (r) => derivedName('PutEvents', Array.isArray(r.Entries) && typeof r.Entries[0] === 'object' && !isRef(r.Entries[0]) ? r.Entries[0].DetailType : undefined), (request, options) => ({
      resource: serviceResource('events', 'putEvents', options.pattern ?? 'requestResponse'),
      request,
    }));
  },
};
