/**
 * The least-privilege policy for the identity that runs plan, deploy, rollback, destroy and backfill
 * (a CI role, typically), derived from the project: writes are limited to the project's own state
 * machines, roles (under its role path), schedule groups and rules, and deleting what the project
 * no longer has is limited by the ownership tag. Reads that decide ownership are wider (a tag
 * cannot be checked without reading it). `stepwright plan --ci-policy` prints it.
 */
import type { Project } from '../project/index.js';
import { desiredState, type DesiredState } from './desired.js';
import { deploySettings, OWNER_TAG, roleArn, scheduleGroupArn, stateMachineArn } from './settings.js';

export interface CiPolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface CiPolicy {
  Version: '2012-10-17';
  Statement: CiPolicyStatement[];
}

export function ciRolePolicy(project: Project): CiPolicy {
  return ciPolicyOf(desiredState(project, deploySettings(project.config)));
}

export function ciPolicyOf(desired: DesiredState): CiPolicy {
  const s = desired.settings;
  const region = `${s.region}:${s.account}`;
  const owned = { StringEquals: { [`aws:ResourceTag/${OWNER_TAG}`]: s.project } };
  const machines = desired.machines.flatMap((m) => [m.arn, `${m.arn}:*`]);
  const rules = desired.rules.map((r) => r.arn);
  const statements: (CiPolicyStatement | undefined)[] = [
    {
      Sid: 'ListToFindWhatTheProjectOwns',
      Effect: 'Allow',
      Action: ['events:ListEventBuses', 'events:ListRules', 'iam:ListRoles', 'scheduler:ListScheduleGroups', 'scheduler:ListSchedules', 'states:ListStateMachines'],
      Resource: ['*'],
    },
    {
      Sid: 'ReadStateMachinesAndTheirTags',
      Effect: 'Allow',
      Action: ['states:DescribeStateMachine', 'states:DescribeStateMachineAlias', 'states:ListTagsForResource'],
      Resource: [`arn:${s.partition}:states:${region}:stateMachine:*`],
    },
    machines.length === 0
      ? undefined
      : {
          Sid: 'DeployTheProjectsStateMachines',
          Effect: 'Allow',
          Action: [
            'states:CreateStateMachine',
            'states:CreateStateMachineAlias',
            'states:DescribeExecution',
            'states:PublishStateMachineVersion',
            'states:StartExecution',
            'states:TagResource',
            'states:UntagResource',
            'states:UpdateStateMachine',
            'states:UpdateStateMachineAlias',
          ],
          Resource: [...machines, ...desired.machines.map((m) => `arn:${s.partition}:states:${region}:execution:${m.name}:*`)],
        },
    { Sid: 'DeleteStateMachinesTheProjectOwns', Effect: 'Allow', Action: ['states:DeleteStateMachine'], Resource: [stateMachineArn(s, '*')], Condition: owned },
    {
      Sid: 'ReadRolesAndTheirTags',
      Effect: 'Allow',
      Action: ['iam:GetRole', 'iam:GetRolePolicy', 'iam:ListAttachedRolePolicies', 'iam:ListRolePolicies', 'iam:ListRoleTags'],
      Resource: [`arn:${s.partition}:iam::${s.account}:role/*`],
    },
    {
      Sid: 'ManageRolesUnderTheProjectsPath',
      Effect: 'Allow',
      Action: [
        'iam:DeleteRole',
        'iam:DeleteRolePolicy',
        'iam:DetachRolePolicy',
        'iam:PutRolePolicy',
        'iam:TagRole',
        'iam:UntagRole',
        'iam:UpdateAssumeRolePolicy',
        'iam:UpdateRole',
        ...(s.permissionsBoundary ? [] : ['iam:CreateRole', 'iam:DeleteRolePermissionsBoundary', 'iam:PutRolePermissionsBoundary']),
      ].sort(),
      Resource: [roleArn(s, '*')],
    },
    // Where the organisation requires a boundary, roles can only be created with it.
    s.permissionsBoundary
      ? {
          Sid: 'CreateRolesOnlyWithThePermissionsBoundary',
          Effect: 'Allow',
          Action: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary'],
          Resource: [roleArn(s, '*')],
          Condition: { StringEquals: { 'iam:PermissionsBoundary': s.permissionsBoundary } },
        }
      : undefined,
    desired.passedRoles.length === 0
      ? undefined
      : {
          Sid: 'PassTheRolesToTheServicesThatUseThem',
          Effect: 'Allow',
          Action: ['iam:PassRole'],
          Resource: desired.passedRoles,
          Condition: { StringEquals: { 'iam:PassedToService': ['events.amazonaws.com', 'scheduler.amazonaws.com', 'states.amazonaws.com'] } },
        },
    {
      Sid: 'ReadScheduleGroupsAndTheirTags',
      Effect: 'Allow',
      Action: ['scheduler:GetScheduleGroup', 'scheduler:ListTagsForResource'],
      Resource: [scheduleGroupArn(s, '*')],
    },
    desired.groups.length === 0
      ? undefined
      : {
          Sid: 'DeployTheProjectsSchedules',
          Effect: 'Allow',
          Action: ['scheduler:CreateSchedule', 'scheduler:CreateScheduleGroup', 'scheduler:DeleteSchedule', 'scheduler:GetSchedule', 'scheduler:TagResource', 'scheduler:UntagResource', 'scheduler:UpdateSchedule'],
          Resource: desired.groups.flatMap((g) => [g.arn, `arn:${s.partition}:scheduler:${region}:schedule/${g.name}/*`]),
        },
    { Sid: 'DeleteScheduleGroupsTheProjectOwns', Effect: 'Allow', Action: ['scheduler:DeleteScheduleGroup'], Resource: [scheduleGroupArn(s, '*')], Condition: owned },
    {
      Sid: 'ReadRulesAndTheirTags',
      Effect: 'Allow',
      Action: ['events:DescribeRule', 'events:ListTagsForResource', 'events:ListTargetsByRule'],
      Resource: [`arn:${s.partition}:events:${region}:rule/*`],
    },
    rules.length === 0
      ? undefined
      : {
          Sid: 'DeployTheProjectsRules',
          Effect: 'Allow',
          Action: ['events:DeleteRule', 'events:PutRule', 'events:PutTargets', 'events:RemoveTargets', 'events:TagResource', 'events:UntagResource'],
          Resource: rules,
        },
    { Sid: 'DeleteRulesTheProjectOwns', Effect: 'Allow', Action: ['events:DeleteRule', 'events:RemoveTargets'], Resource: [`arn:${s.partition}:events:${region}:rule/*`], Condition: owned },
  ];
  return { Version: '2012-10-17', Statement: statements.filter((x): x is CiPolicyStatement => x !== undefined) };
}
