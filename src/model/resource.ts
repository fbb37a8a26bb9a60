/**
 * What a Task's `Resource` calls, read once for everyone: the executor (the names history events
 * carry), the IAM derivation (which rule grants the call) and the build summary (which services).
 *
 *   arn:aws:states:::glue:startJobRun.sync          an optimised integration, run to completion
 *   arn:aws:states:::aws-sdk:s3:getObject           an AWS SDK integration
 *   arn:aws:states:::states:startExecution.sync:2   .sync:2 (the nested execution's output as JSON)
 *   arn:aws:lambda:eu-west-1:123:function:score     a function ARN (the older Lambda form)
 *   arn:aws:states:eu-west-1:123:activity:review    an activity
 */

/** How Step Functions waits for the call: returns at once, runs the job to completion, or waits for a token. */
export type IntegrationPattern = 'requestResponse' | 'sync' | 'waitForTaskToken';

export interface TaskResource {
  kind: 'integration' | 'aws-sdk' | 'lambda-function' | 'activity' | 'unknown';
  /** `glue`, `lambda`, `states`, `http`; for an SDK integration the SDK's service (`s3`). */
  service: string;
  /** `startJobRun`, `invoke`, `getObject`; '' where the Resource names no action. */
  action: string;
  pattern: IntegrationPattern;
  /** As TaskScheduled and its kin write them: `glue` / `startJobRun.sync`, `aws-sdk:s3` / `getObject`. */
  resourceType: string;
  resource: string;
}

const SERVICE_INTEGRATION = /^arn:aws[\w-]*:states:::(aws-sdk:)?([\w-]+):([\w-]+)((?:\.sync(?::\d+)?)|\.waitForTaskToken)?$/;

export function parseResource(arn: string): TaskResource {
  const pattern: IntegrationPattern = /\.waitForTaskToken$/.test(arn) ? 'waitForTaskToken' : /\.sync(:\d+)?$/.test(arn) ? 'sync' : 'requestResponse';
  const integration = SERVICE_INTEGRATION.exec(arn);
  if (integration) {
    const [, sdk, service, action, suffix = ''] = integration;
    return { kind: sdk ? 'aws-sdk' : 'integration', service: service!, action: action!, pattern, resourceType: `${sdk ?? ''}${service}`, resource: `${action}${suffix}` };
  }
  if (/^arn:aws[\w-]*:lambda:/.test(arn)) return { kind: 'lambda-function', service: 'lambda', action: 'invoke', pattern, resourceType: 'lambda', resource: arn };
  if (/^arn:aws[\w-]*:states:[^:]*:[^:]*:activity:/.test(arn)) return { kind: 'activity', service: 'states', action: '', pattern, resourceType: 'activity', resource: arn };
  const service = /^arn:aws[\w-]*:([\w-]+):/.exec(arn)?.[1] ?? arn;
  // An integration we cannot read (a typo, a newer form) is still named in history the way AWS
  // splits it: everything before the last ':' is the type.
  const rest = /^arn:[^:]+:states:::(.+)$/.exec(arn)?.[1];
  if (rest === undefined) return { kind: 'unknown', service, action: '', pattern, resourceType: 'unknown', resource: arn };
  const version = /\.sync(:\d+)$/.exec(rest)?.[1] ?? '';
  const base = version ? rest.slice(0, -version.length) : rest;
  const cut = base.lastIndexOf(':');
  return { kind: 'unknown', service, action: '', pattern, resourceType: cut < 0 ? base : base.slice(0, cut), resource: (cut < 0 ? base : base.slice(cut + 1)) + version };
}

/**
 * A state machine ARN without its version or alias qualifier (`...:stateMachine:ingest:live` →
 * `...:stateMachine:ingest`): executions are named under the machine, whichever qualifier started them.
 */
export function unqualifiedStateMachineArn(arn: string): string {
  return /^(arn:[^:]+:states:[^:]*:[^:]*:stateMachine:[^:]+):[^:]+$/.exec(arn)?.[1] ?? arn;
}
