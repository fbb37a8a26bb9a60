/**
 * The policies of the roles deploy creates: who may assume each role (its trust policy, with the
 * confused-deputy conditions AWS recommends), and what the roles that start workflows may do.
 */
import type { PolicyDocument, PolicyStatement } from '../iam/index.js';
import { stateMachineArn, type DeploySettings } from './settings.js';

export type TrustedService = 'states.amazonaws.com' | 'scheduler.amazonaws.com' | 'events.amazonaws.com';

export interface TrustPolicy {
  Version: '2012-10-17';
  Statement: { Effect: 'Allow'; Principal: { Service: string }; Action: 'sts:AssumeRole'; Condition?: Record<string, Record<string, string>> }[];
}

/** Step Functions and Scheduler pass the calling account, so the role can only be used from this account. */
export function trustPolicy(services: readonly TrustedService[], settings: DeploySettings): TrustPolicy {
  return {
    Version: '2012-10-17',
    Statement: [...services].sort().map((service) => {
      const condition: Record<string, Record<string, string>> | undefined =
        service === 'states.amazonaws.com'
          ? { StringEquals: { 'aws:SourceAccount': settings.account }, ArnLike: { 'aws:SourceArn': `arn:${settings.partition}:states:${settings.region}:${settings.account}:stateMachine:*` } }
          : service === 'scheduler.amazonaws.com'
            ? { StringEquals: { 'aws:SourceAccount': settings.account } }
            : undefined;
      return { Effect: 'Allow' as const, Principal: { Service: service }, Action: 'sts:AssumeRole' as const, ...(condition ? { Condition: condition } : {}) };
    }),
  };
}

/**
 * states:StartExecution on workflows, through the project's alias only. Step Functions authorizes
 * a call on an alias against the unqualified state machine ARN, and the states:StateMachineQualifier
 * condition key narrows it to that alias ("Authorization for versions and aliases", Step Functions
 * developer guide).
 */
export function startExecutionStatement(workflows: Iterable<string>, settings: DeploySettings): PolicyStatement | undefined {
  const resources = [...new Set(workflows)].sort().map((w) => stateMachineArn(settings, w));
  if (resources.length === 0) return undefined;
  return { Effect: 'Allow', Action: ['states:StartExecution'], Resource: resources, Condition: { StringEquals: { 'states:StateMachineQualifier': settings.alias } } };
}

/** Scheduler sends failed invocations to the dead-letter queue as the schedule's role. */
export function sendToQueuesStatement(queues: Iterable<string>): PolicyStatement | undefined {
  const resources = [...new Set(queues)].sort();
  return resources.length === 0 ? undefined : { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: resources };
}

/**
 * What a state machine's role needs to deliver logs to CloudWatch Logs. Log delivery actions take no
 * resource-level permissions, hence `*` (as the Step Functions developer guide's policy has it).
 */
export const LOG_DELIVERY_STATEMENT: PolicyStatement = {
  Effect: 'Allow',
  Action: [
    'logs:CreateLogDelivery',
    'logs:DeleteLogDelivery',
    'logs:DescribeLogGroups',
    'logs:DescribeResourcePolicies',
    'logs:GetLogDelivery',
    'logs:ListLogDeliveries',
    'logs:PutResourcePolicy',
    'logs:UpdateLogDelivery',
  ],
  Resource: ['*'],
};

/** What X-Ray tracing needs; X-Ray's actions take no resource-level permissions. */
export const TRACING_STATEMENT: PolicyStatement = {
  Effect: 'Allow',
  Action: ['xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
  Resource: ['*'],
};

export function policy(statements: (PolicyStatement | undefined)[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements.filter((s): s is PolicyStatement => s !== undefined) };
}
