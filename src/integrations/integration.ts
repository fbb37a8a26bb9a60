/**
 * What every typed integration shares: its ASL resource (service, action, integration pattern), an
 * explicit or derived state name, and the task options (retry/catch via the returned Task).
 */
import { expr, type JsonataExpression, type Ref } from '../dsl/expressions.js';
import { Task, type TaskProps } from '../dsl/states/task.js';
import { recordCallSite } from './call-site.js';

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
 * A request field as users write it: the literal, or a value computed at run time. JSONata
 * expressions are `{% %}` strings (so any string field takes one already); JSONPath values are
 * `ref()`s and intrinsics, which the compiler turns into `key.$` entries.
 */
export type Dynamic<T> = T extends string
  ? T | Ref
  : T extends number | boolean
    ? T | JsonataExpression | Ref
    : T extends (infer U)[]
      ? Dynamic<U>[] | JsonataExpression | Ref
      : T extends object
        ? { [K in keyof T]: Dynamic<T[K]> } | JsonataExpression | Ref
        : T;

/** The same for the polling loops, whose states are always JSONata: expressions, no `ref()`. */
export type JsonataDynamic<T> = T extends string
  ? T
  : T extends number | boolean
    ? T | JsonataExpression
    : T extends (infer U)[]
      ? JsonataDynamic<U>[] | JsonataExpression
      : T extends object
        ? { [K in keyof T]: JsonataDynamic<T[K]> } | JsonataExpression
        : T;

/** A request whose every field may be dynamic. */
export type Request<R> = { [K in keyof R]: Dynamic<R[K]> };
/** A polled request: every field may be a JSONata expression. */
export type JsonataRequest<R> = { [K in keyof R]: JsonataDynamic<R[K]> };

/**
 * Integrations take an optional state name first: `glue.startJobRun('Convert', request)` or
 * `glue.startJobRun(request)`, which derives the name from the action and the resource it acts on.
 */
export type NamedArgs<R, O = IntegrationOptions> = [name: string, request: Request<R>, options?: O] | [request: Request<R>, options?: O];

export function integrationTask<R extends object, O extends IntegrationOptions>(
  args: NamedArgs<R, O>,
  derive: (request: Request<R>) => string,
  build: (request: Request<R>, options: O) => { resource: string; request: unknown; options?: Partial<IntegrationOptions> },
): Task {
  const [name, request, options] =
    typeof args[0] === 'string' ? (args as [string, Request<R>, O?]) : [undefined, args[0] as Request<R>, args[1] as O | undefined];
  const opts = (options ?? {}) as O;
  const built = build(request, opts);
  const stateName = name ?? derive(request);
  recordCallSite(stateName);
  return new Task(stateName, { ...opts, ...built.options, resource: built.resource, request: built.request });
}

/** The last part of a literal ARN, URL or path (`arn:...:topic/alerts` → `alerts`); undefined for dynamic values. */
export function lastSegment(value: unknown, separator: string | RegExp = /[:/]/): string | undefined {
  return typeof value === 'string' && !value.startsWith('{%') ? value.split(separator).pop() : undefined;
}

/** A readable name from an action and a resource name: `StartJobRun raw-to-parquet`. */
export function derivedName(action: string, subject: unknown): string {
  return typeof subject === 'string' && !subject.startsWith('{%') ? `${action} ${subject}` : action;
}

/**
 * The task token of a `.waitForTaskToken` state, for JSONata requests. (JSONPath requests write
 * `ref('$$.Task.Token')`: one value cannot render as both.)
 */
export function taskToken(): JsonataExpression {
  return expr('$states.context.Task.Token');
}
