/**
 * Any AWS SDK integration: `awsSdk('ec2', 'describeInstances', { InstanceIds: [...] })` is a Task
 * on `arn:aws:states:::aws-sdk:ec2:describeInstances`. Service and action are the SDK's names
 * (camelCase action); type the request with a generic: `awsSdk<MyRequest>(...)`.
 */
import { Task } from '../dsl/states/task.js';
import { sdkResource, type IntegrationOptions } from './integration.js';
import { recordCallSite } from './call-site.js';

export interface AwsSdkOptions extends IntegrationOptions {
  /** The state's name (default: `<service> <action>`). */
  name?: string;
  pattern?: 'requestResponse' | 'waitForTaskToken';
}

export function awsSdk<P extends object = Record<string, unknown>>(service: string, action: string, parameters?: P, options: AwsSdkOptions = {}): Task {
  const { name, pattern, ...rest } = options;
  const resource = sdkResource(service, action) + (pattern === 'waitForTaskToken' ? '.waitForTaskToken' : '');
  const stateName = name ?? `${service} ${action}`;
  recordCallSite(stateName);
  return new Task(stateName, { ...rest, resource, request: parameters ?? {} });
}
