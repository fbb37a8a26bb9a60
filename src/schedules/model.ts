/**
 * The schedules-and-rules model: what `schedules/*.yaml` holds and what `schedule()` / `rule()` build.
 * Field names are AWS's (CreateSchedule, PutRule, PutTargets) in lower camel case, so a YAML key maps
 * to one API field; the few conveniences (`workflow`, `role` by name, `deadLetterQueue`, `idempotent`)
 * are documented where they are declared.
 */

import type { JsonValue } from '../model/asl.js';

export type { JsonValue };

/** FlexibleTimeWindow: OFF, or FLEXIBLE with a window of 1-1440 minutes. */
export type FlexibleTimeWindow = { mode: 'OFF' } | { mode: 'FLEXIBLE'; maximumWindowInMinutes: number };

/** RetryPolicy, for Scheduler targets and rule targets alike. */
export interface RetryPolicy {
  /** 60-86400 seconds (AWS default 86400). */
  maximumEventAgeInSeconds?: number;
  /** 0-185 (AWS default 185). */
  maximumRetryAttempts?: number;
}

export interface ScheduleTarget {
  /** The workflow (state machine) to start, by its stepwright name; `resolve` turns it into an ARN. */
  workflow: string;
  /** Execution input, a JSON value; strings in it may contain `<aws.scheduler.scheduled-time>` and the other context attributes. */
  input?: JsonValue;
  /** The role EventBridge Scheduler assumes: an IAM role ARN, or a role name `resolve` turns into one. */
  role: string;
  retryPolicy?: RetryPolicy;
  /** DeadLetterConfig.Arn: an SQS queue ARN. */
  deadLetterQueue?: string;
  /**
   * Start at most one execution per scheduled time, however often Scheduler delivers or retries the
   * invocation. See `output.ts` for how (Step Functions execution names, derived from the slot).
   */
  idempotent?: boolean;
}

export interface ScheduleSpec {
  /** 1-64 of `0-9 a-z A-Z - _ .` */
  name: string;
  /** Schedule group; AWS's `default` when absent. */
  group?: string;
  description?: string;
  /** `cron(...)`, `rate(...)` or `at(...)`. */
  expression: string;
  /** IANA time zone the expression is evaluated in; UTC when absent. */
  timezone?: string;
  /** Default: OFF. */
  flexibleTimeWindow?: FlexibleTimeWindow;
  /** ISO 8601 date-time (with zone), inclusive. */
  startDate?: string;
  /** ISO 8601 date-time (with zone), exclusive. */
  endDate?: string;
  state?: 'ENABLED' | 'DISABLED';
  /** What Scheduler does with a schedule that will not fire again (e.g. after its at() time). */
  actionAfterCompletion?: 'NONE' | 'DELETE';
  kmsKeyArn?: string;
  target: ScheduleTarget;
}

export interface InputTransformer {
  inputPathsMap?: Record<string, string>;
  inputTemplate: string;
}

export interface RuleTarget {
  /** Target Id, unique within the rule; defaults to the workflow name or the last part of the ARN. */
  id?: string;
  /** A workflow (state machine) by name; or give `arn` for any other target (an SNS topic, a queue). */
  workflow?: string;
  arn?: string;
  /** Role EventBridge assumes to invoke the target (required for workflows): ARN or role name. */
  role?: string;
  /** Constant input (a JSON value) instead of the event. At most one of input, inputPath, inputTransformer. */
  input?: JsonValue;
  inputPath?: string;
  inputTransformer?: InputTransformer;
  retryPolicy?: RetryPolicy;
  /** DeadLetterConfig.Arn: an SQS queue ARN. */
  deadLetterQueue?: string;
}

export interface RuleSpec {
  /** 1-64 of `0-9 a-z A-Z - _ .` */
  name: string;
  /** Event bus name or ARN; `default` when absent. */
  bus?: string;
  description?: string;
  /** An event pattern (object). Exactly one of eventPattern and expression. */
  eventPattern?: { [key: string]: JsonValue };
  /** `cron(...)` or `rate(...)` (in UTC); only on the default bus. */
  expression?: string;
  state?: 'ENABLED' | 'DISABLED';
  targets: RuleTarget[];
}

export interface SchedulesFile {
  schedules: ScheduleSpec[];
  rules: RuleSpec[];
}

/** AWS limits and formats the checks enforce, in one place. */
export const LIMITS = {
  name: /^[0-9a-zA-Z\-_.]{1,64}$/,
  targetId: /^[0-9a-zA-Z\-_.]{1,64}$/,
  description: 512,
  scheduleExpression: 256,
  timezone: 50,
  flexibleWindowMinutes: [1, 1440] as const,
  maximumEventAgeInSeconds: [60, 86400] as const,
  maximumRetryAttempts: [0, 185] as const,
  schedulerInput: 8192,
  ruleInput: 8192,
  inputPath: 256,
  eventPattern: 4096,
  targetsPerRule: 5,
  roleArn: /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]+$/,
  roleName: /^[\w+=,.@-]{1,64}$/,
  sqsArn: /^arn:aws(-[a-z]+)*:sqs:[a-z0-9-]+:\d{12}:[a-zA-Z0-9\-_]+(\.fifo)?$/,
  kmsKeyArn: /^arn:aws(-[a-z]+)*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[0-9a-zA-Z\-_/]*$/,
  targetArn: /^arn:aws(-[a-z]+)*:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+$/,
  bus: /^(arn:aws[\w-]*:events:[a-z]+-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[/.\-_A-Za-z0-9]{1,256}$/,
  workflowName: /^[0-9a-zA-Z\-_]{1,80}$/,
} as const;
