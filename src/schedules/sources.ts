/**
 * Event patterns for the AWS events a data platform reacts to, so users need not remember each
 * service's `source`, `detail-type` and field names. Each returns a plain pattern object.
 */
import type { JsonValue } from './model.js';

type Pattern = { [key: string]: JsonValue };

const list = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

/** Escapes `*` and `\` for a `wildcard` operand. */
function wildcardLiteral(text: string): string {
  return text.replace(/[\\*]/g, '\\$&');
}

/**
 * S3 "Object Created" (the bucket must have EventBridge notifications on). With both prefix and
 * suffix the key must have both, which one `wildcard` expresses (`raw/*.csv`); two separate operators
 * in the same list would mean either.
 */
export function s3ObjectCreated(options: { bucket: string | string[]; prefix?: string; suffix?: string }): Pattern {
  const { prefix, suffix } = options;
  const key: JsonValue[] | undefined =
    prefix !== undefined && suffix !== undefined
      ? [{ wildcard: `${wildcardLiteral(prefix)}*${wildcardLiteral(suffix)}` }]
      : prefix !== undefined
        ? [{ prefix }]
        : suffix !== undefined
          ? [{ suffix }]
          : undefined;
  return {
    source: ['aws.s3'],
    'detail-type': ['Object Created'],
    detail: { bucket: { name: list(options.bucket) }, ...(key ? { object: { key } } : {}) },
  };
}

export type GlueJobState = 'STARTING' | 'RUNNING' | 'STOPPING' | 'STOPPED' | 'SUCCEEDED' | 'FAILED' | 'TIMEOUT' | 'ERROR';

/** Glue "Glue Job State Change" for the given jobs and states (e.g. ['FAILED', 'TIMEOUT']). */
export function glueJobStateChange(options: { jobName: string | string[]; states: GlueJobState[] }): Pattern {
  return {
    source: ['aws.glue'],
    'detail-type': ['Glue Job State Change'],
    detail: { jobName: list(options.jobName), state: options.states },
  };
}

export type GlueCrawlerState = 'Started' | 'Succeeded' | 'Failed';

/** Glue "Glue Crawler State Change" for the given crawlers and states. */
export function glueCrawlerStateChange(options: { crawlerName: string | string[]; states: GlueCrawlerState[] }): Pattern {
  return {
    source: ['aws.glue'],
    'detail-type': ['Glue Crawler State Change'],
    detail: { crawlerName: list(options.crawlerName), state: options.states },
  };
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';

/**
 * Step Functions "Step Functions Execution Status Change". Name workflows (matched by ARN suffix
 * `:stateMachine:<name>`, any region and account) or give state machine ARNs.
 */
export function stepFunctionsExecutionStatusChange(options: { workflow?: string | string[]; stateMachineArn?: string | string[]; statuses: ExecutionStatus[] }): Pattern {
  const machines: JsonValue[] = [
    ...(options.workflow === undefined ? [] : list(options.workflow).map((name) => ({ suffix: `:stateMachine:${name}` }))),
    ...(options.stateMachineArn === undefined ? [] : list(options.stateMachineArn)),
  ];
  return {
    source: ['aws.states'],
    'detail-type': ['Step Functions Execution Status Change'],
    detail: { status: options.statuses, ...(machines.length > 0 ? { stateMachineArn: machines } : {}) },
  };
}
