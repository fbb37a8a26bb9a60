/**
 * Schedules and rules → the exact inputs of Scheduler's CreateSchedule and EventBridge's PutRule and
 * PutTargets (AWS SDK v3 shapes), with keys in a fixed order so written files diff cleanly.
 */
import { StepwrightError } from '../model/errors.js';
import { parseScheduleExpression } from './expression.js';
import { LIMITS, type RetryPolicy, type RuleSpec, type RuleTarget, type ScheduleSpec } from './model.js';
import { SLOT_STARTER_WORKFLOW, slotExecutionName, slotNamePrefix, type SlotStarterInput } from './starter.js';
import { targetIdFor } from './check.js';
import { instantsOf } from './zone.js';

/** Turns names into ARNs. A bare function maps workflow names only (roles must then be ARNs). */
export type Resolver = ((workflow: string) => string) | { workflowArn(workflow: string): string; roleArn?(role: string): string };

/** The resolver the CLI builds from config: `arn:aws:states:<region>:<account>:stateMachine:<name>`, `arn:aws:iam::<account>:role/<name>`. */
export function resolverFor(config: { region: string; account: string; partition?: string }): Resolver {
  const partition = config.partition ?? 'aws';
  return {
    workflowArn: (name) => `arn:${partition}:states:${config.region}:${config.account}:stateMachine:${name}`,
    roleArn: (name) => `arn:${partition}:iam::${config.account}:role/${name}`,
  };
}

export const UNIVERSAL_START_EXECUTION = 'arn:aws:scheduler:::aws-sdk:sfn:startExecution';

function workflowArn(resolve: Resolver, name: string): string {
  return typeof resolve === 'function' ? resolve(name) : resolve.workflowArn(name);
}

function roleArn(resolve: Resolver, role: string, entry: { schedule: string } | { rule: string }): string {
  if (role.startsWith('arn:')) return role;
  if (typeof resolve !== 'function' && resolve.roleArn) return resolve.roleArn(role);
  throw new StepwrightError({ ...entry, field: 'role', message: `role "${role}" is a name, and no account is known to make it an ARN`, fix: 'Give the role ARN, or a resolver with roleArn (resolverFor({ region, account })).' });
}

/** Drops undefined values, keeping key order. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function retryPolicy(policy: RetryPolicy | undefined): Record<string, number> | undefined {
  if (!policy) return undefined;
  return compact({ MaximumEventAgeInSeconds: policy.maximumEventAgeInSeconds, MaximumRetryAttempts: policy.maximumRetryAttempts }) as Record<string, number>;
}

/** JSON text with object keys in the order given (our builders) — `JSON.stringify` keeps insertion order. */
function json(value: unknown): string {
  return JSON.stringify(value);
}

export interface CreateScheduleInput {
  ActionAfterCompletion?: 'NONE' | 'DELETE';
  Description?: string;
  EndDate?: Date;
  FlexibleTimeWindow: { MaximumWindowInMinutes?: number; Mode: 'OFF' | 'FLEXIBLE' };
  GroupName?: string;
  KmsKeyArn?: string;
  Name: string;
  ScheduleExpression: string;
  ScheduleExpressionTimezone?: string;
  StartDate?: Date;
  State: 'ENABLED' | 'DISABLED';
  Target: {
    Arn: string;
    DeadLetterConfig?: { Arn: string };
    Input?: string;
    RetryPolicy?: { MaximumEventAgeInSeconds?: number; MaximumRetryAttempts?: number };
    RoleArn: string;
  };
}

/** Whether a schedule starts its workflow through the slot starter: idempotent, and recurring (cron or rate). */
export function startsThroughSlotStarter(schedule: ScheduleSpec): boolean {
  return schedule.target.idempotent === true && parseScheduleExpression(schedule.expression).kind !== 'at';
}

/**
 * The CreateSchedule input for a schedule. With `target.idempotent`, the target is the universal
 * target `sfn:startExecution` with an execution name per slot (see starter.ts for why recurring
 * schedules go through the slot starter workflow).
 */
export function toCreateScheduleInput(schedule: ScheduleSpec, resolve: Resolver): CreateScheduleInput {
  const target = schedule.target;
  const stateMachineArn = workflowArn(resolve, target.workflow);
  const inputText = target.input === undefined ? undefined : json(target.input);
  let arn = stateMachineArn;
  let input = inputText;
  if (target.idempotent) {
    arn = UNIVERSAL_START_EXECUTION;
    const expression = parseScheduleExpression(schedule.expression);
    if (expression.kind === 'at') {
      const instant = instantsOf(expression.wall, schedule.timezone ?? 'UTC')[0];
      if (instant === undefined) {
        throw new StepwrightError({ schedule: schedule.name, field: 'expression', message: `${schedule.expression} falls in a daylight-saving gap in ${schedule.timezone} and would never run`, fix: 'Pick a wall time that exists in that zone.' });
      }
      input = json({ StateMachineArn: stateMachineArn, Name: slotExecutionName(schedule.name, new Date(instant)), Input: inputText ?? '{}' });
    } else {
      const starterInput: SlotStarterInput = {
        stateMachineArn,
        namePrefix: slotNamePrefix(schedule.name),
        scheduledTime: '<aws.scheduler.scheduled-time>',
        input: target.input ?? {},
      };
      input = json({ StateMachineArn: workflowArn(resolve, SLOT_STARTER_WORKFLOW), Input: json(starterInput) });
    }
    if (input.length > LIMITS.schedulerInput) {
      throw new StepwrightError({ schedule: schedule.name, field: 'target.input', message: `the target input is ${input.length} characters; Scheduler allows ${LIMITS.schedulerInput}`, fix: 'Pass less input (e.g. an S3 key instead of the data).' });
    }
  }
  const window = schedule.flexibleTimeWindow ?? { mode: 'OFF' };
  return compact({
    ActionAfterCompletion: schedule.actionAfterCompletion,
    Description: schedule.description,
    EndDate: schedule.endDate === undefined ? undefined : new Date(schedule.endDate),
    FlexibleTimeWindow: window.mode === 'FLEXIBLE' ? { MaximumWindowInMinutes: window.maximumWindowInMinutes, Mode: 'FLEXIBLE' as const } : { Mode: 'OFF' as const },
    GroupName: schedule.group,
    KmsKeyArn: schedule.kmsKeyArn,
    Name: schedule.name,
    ScheduleExpression: schedule.expression,
    ScheduleExpressionTimezone: schedule.timezone,
    StartDate: schedule.startDate === undefined ? undefined : new Date(schedule.startDate),
    State: schedule.state ?? 'ENABLED',
    Target: compact({
      Arn: arn,
      DeadLetterConfig: target.deadLetterQueue ? { Arn: target.deadLetterQueue } : undefined,
      Input: input,
      RetryPolicy: retryPolicy(target.retryPolicy),
      RoleArn: roleArn(resolve, target.role, { schedule: schedule.name }),
    }),
  });
}

export interface PutRuleInput {
  Name: string;
  Description?: string;
  EventBusName?: string;
  EventPattern?: string;
  ScheduleExpression?: string;
  State: 'ENABLED' | 'DISABLED';
}

export function toPutRuleInput(rule: RuleSpec): PutRuleInput {
  return compact({
    Name: rule.name,
    Description: rule.description,
    EventBusName: rule.bus,
    EventPattern: rule.eventPattern === undefined ? undefined : json(rule.eventPattern),
    ScheduleExpression: rule.expression,
    State: rule.state ?? 'ENABLED',
  });
}

export interface PutTargetsTarget {
  Id: string;
  Arn: string;
  RoleArn?: string;
  Input?: string;
  InputPath?: string;
  InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
  RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
  DeadLetterConfig?: { Arn: string };
}

export interface PutTargetsInput {
  Rule: string;
  EventBusName?: string;
  Targets: PutTargetsTarget[];
}

export function toPutTargetsInput(rule: RuleSpec, resolve: Resolver): PutTargetsInput {
  return compact({
    Rule: rule.name,
    EventBusName: rule.bus,
    Targets: rule.targets.map((t) => toTarget(t, rule.name, resolve)),
  });
}

function toTarget(target: RuleTarget, ruleName: string, resolve: Resolver): PutTargetsTarget {
  const id = target.id ?? targetIdFor(target);
  const arn = target.workflow !== undefined ? workflowArn(resolve, target.workflow) : target.arn;
  if (!id || !arn) throw new StepwrightError({ rule: ruleName, field: 'targets', message: 'a rule target needs a workflow or an arn', fix: 'Give workflow: <name> or arn: <ARN>.' });
  const policy = target.retryPolicy;
  return compact({
    Id: id,
    Arn: arn,
    RoleArn: target.role === undefined ? undefined : roleArn(resolve, target.role, { rule: ruleName }),
    Input: target.input === undefined ? undefined : json(target.input),
    InputPath: target.inputPath,
    InputTransformer: target.inputTransformer
      ? compact({ InputPathsMap: target.inputTransformer.inputPathsMap, InputTemplate: target.inputTransformer.inputTemplate })
      : undefined,
    RetryPolicy: policy ? (compact({ MaximumRetryAttempts: policy.maximumRetryAttempts, MaximumEventAgeInSeconds: policy.maximumEventAgeInSeconds }) as PutTargetsTarget['RetryPolicy']) : undefined,
    DeadLetterConfig: target.deadLetterQueue ? { Arn: target.deadLetterQueue } : undefined,
  });
}
