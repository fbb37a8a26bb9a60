/**
 * What every typed integration shares: its ASL resource (service, action, integration pattern), an
 * explicit or derived state name, and the task options (retry/catch via the returned Task).
 */
import { Task, type TaskProps } from '../dsl/states/task.js';

/** How Step Functions waits for the service: answer at once, run to completion, or wait for a callback. */
export type IntegrationPattern = 'requestResponse' | 'sync' | 'sync:2' | 'waitForTaskToken';

/** `arn:aws:states:::glue:startJobRun.sync` */
export function serviceResource(service: string, action: string, pattern: IntegrationPattern = 'requestResponse'): string {
  const suffix = pattern === 'requestResponse' ? '' : `.${pattern}`;
  return `arn:aws:states:::${service}:${action}${suffix}`;
}

/** `arn:aws:states:::aws-sdk:glue:getCrawler` — any SDK action, request-response. */
export function sdkResource(service: string, action: string): string {
  return `arn:aws:states:::aws-sdk:${service}:${action}`;
}

/** Options of a typed integration: the task's options, without the request (the integration builds it). */
export type IntegrationOptions = Omit<TaskProps, 'arguments' | 'parameters'>;

/**
 * Integrations take an optional state name first: `glue.startJobRun('Convert', request)` or
 * `glue.startJobRun(request)`, which derives the name from the action and the resource it acts on.
 */
export type NamedArgs<R, O = IntegrationOptions> = [name: string, request: R, options?: O] | [request: R, options?: O];

export function integrationTask<R extends object, O extends IntegrationOptions>(
  args: NamedArgs<R, O>,
  derive: (request: R) => string,
  build: (request: R, options: O) => { resource: string; request: unknown; options?: Partial<IntegrationOptions> },
): Task {
  const [name, request, options] = typeof args[0] === 'string' ? (args as [string, R, O?]) : [undefined, args[0] as R, args[1] as O | undefined];
  const opts = (options ?? {}) as O;
  const built = build(request, opts);
  return new Task(name ?? derive(request), { ...opts, ...built.options, resource: built.resource, request: built.request });
}

/** A readable name from an action and a resource name: `StartJobRun raw-to-parquet`. */
export function derivedName(action: string, subject: unknown): string {
  return typeof subject === 'string' && !subject.startsWith('{%') ? `${action} ${subject}` : action;
}
