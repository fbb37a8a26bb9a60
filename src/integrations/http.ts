/**
 * HTTP Task (`arn:aws:states:::http:invoke`): call an HTTPS API through an EventBridge connection,
 * which holds the credentials. Non-2xx answers fail the state with `States.Http.StatusCode.<code>`.
 */
import type { Task } from '../dsl/states/task.js';
import { derivedName, lastSegment, integrationTask, type IntegrationOptions, type NamedArgs } from './integration.js';

export interface HttpInvokeRequest {
  ApiEndpoint: string;
  Method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS' | 'HEAD';
  Authentication: { ConnectionArn: string };
  Headers?: Record<string, unknown>;
  QueryParameters?: Record<string, unknown>;
  RequestBody?: unknown;
  Transform?: {
    RequestBodyEncoding?: 'NONE' | 'URL_ENCODED';
    RequestEncodingOptions?: { ArrayFormat?: 'INDICES' | 'REPEAT' | 'COMMAS' | 'BRACKETS' };
  };
}

export const http = {
  invoke(...args: NamedArgs<HttpInvokeRequest, IntegrationOptions & { pattern?: 'requestResponse' | 'waitForTaskToken' }>): Task {
    return integrationTask(args, (r) => derivedName(`${r.Method ?? 'Call'}`, lastSegment(r.ApiEndpoint, /^https:\/\//)), (request, options) => ({
      resource: options.pattern === 'waitForTaskToken' ? 'arn:aws:states:::http:invoke.waitForTaskToken' : 'arn:aws:states:::http:invoke',
      request,
    }));
  },
};
