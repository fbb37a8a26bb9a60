/**
 * The project as one CloudFormation template, for teams whose deployments must go through
 * CloudFormation: the same roles, state machines, versions, aliases, schedule groups, schedules and
 * rules that `stepwright deploy` makes, from the same desired state.
 *
 * Each state machine gets an AWS::StepFunctions::StateMachineVersion bound to its revision id, so a
 * changed definition publishes a new version; the versions are retained on replacement (as AWS's
 * template reference advises) so that older versions stay available to roll back to. Roles are
 * referenced with Fn::GetAtt; aliases by their ARN with DependsOn (see aliasesNamed), so
 * CloudFormation creates everything in dependency order.
 */
import { join } from 'node:path';
import type { Project } from '../project/index.js';
import { desiredState, ROLE_POLICY_NAME, type DesiredMachine, type DesiredState } from './desired.js';
import { tagList } from './compare.js';
import { deploySettings } from './settings.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };

export interface CloudFormationTemplate {
  AWSTemplateFormatVersion: '2010-09-09';
  Description: string;
  Resources: Record<string, { Type: string; Properties: Record<string, Json | undefined>; DependsOn?: string[]; DeletionPolicy?: string; UpdateReplacePolicy?: string }>;
  Outputs: Record<string, { Description: string; Value: Json }>;
}

/** The project's template. Needs the account and region in the config, like deploy. */
export function cloudFormationTemplate(project: Project): CloudFormationTemplate {
  return templateOf(desiredState(project, deploySettings(project.config), { defaultGroup: true }));
}

export function templateOf(desired: DesiredState): CloudFormationTemplate {
  const ids = new LogicalIds();
  const resources: CloudFormationTemplate['Resources'] = {};
  const outputs: CloudFormationTemplate['Outputs'] = {};
  /** A literal ARN that names a resource of this template, as a reference to it (which orders creation). */
  const refs = new Map<string, Json>();
  const ref = (value: string | undefined): Json | undefined => (value === undefined ? undefined : (refs.get(value) ?? value));

  for (const r of desired.roles) {
    const id = ids.of(r.name, 'Role');
    refs.set(r.arn, { 'Fn::GetAtt': [id, 'Arn'] });
    resources[id] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: r.name,
        Path: r.path,
        Description: r.description,
        AssumeRolePolicyDocument: r.trust as unknown as Json,
        // None for a role that needs no permission: IAM refuses a policy without statements.
        Policies: r.policy.Statement.length > 0 ? [{ PolicyName: ROLE_POLICY_NAME, PolicyDocument: r.policy as unknown as Json }] : undefined,
        PermissionsBoundary: r.permissionsBoundary,
        Tags: tagList(r.tags),
      },
    };
  }

  const aliasIds = new Map<string, string>();
  for (const m of desired.machines) {
    const machine = ids.of(m.name, 'StateMachine');
    const version = ids.of(m.name, 'Version');
    const alias = ids.of(m.name, 'Alias');
    aliasIds.set(m.aliasArn, alias);
    resources[machine] = { Type: 'AWS::StepFunctions::StateMachine', Properties: machineProperties(m, ref) };
    resources[version] = {
      Type: 'AWS::StepFunctions::StateMachineVersion',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: { StateMachineArn: { Ref: machine }, StateMachineRevisionId: { 'Fn::GetAtt': [machine, 'StateMachineRevisionId'] } },
    };
    resources[alias] = {
      Type: 'AWS::StepFunctions::StateMachineAlias',
      Properties: { Name: desired.settings.alias, RoutingConfiguration: [{ StateMachineVersionArn: { Ref: version }, Weight: 100 }] },
    };
    outputs[alias] = { Description: `The ${desired.settings.alias} alias of ${m.name}: what schedules and rules start`, Value: { Ref: alias } };
  }

  const groupIds = new Map<string, string>();
  for (const g of desired.groups) {
    const id = ids.of(g.name, 'ScheduleGroup');
    groupIds.set(g.name, id);
    resources[id] = { Type: 'AWS::Scheduler::ScheduleGroup', Properties: { Name: g.name, Tags: tagList(g.tags) } };
  }

  for (const s of desired.schedules) {
    const i = s.input;
    const t = i.Target;
    const dependsOn = aliasesNamed(aliasIds, [t.Arn, t.Input]);
    resources[ids.of(`${s.group}-${s.name}`, 'Schedule')] = {
      Type: 'AWS::Scheduler::Schedule',
      ...(dependsOn.length > 0 ? { DependsOn: dependsOn } : {}),
      Properties: {
        Name: s.name,
        GroupName: groupIds.has(s.group) ? { Ref: groupIds.get(s.group)! } : s.group,
        Description: i.Description,
        ScheduleExpression: i.ScheduleExpression,
        ScheduleExpressionTimezone: i.ScheduleExpressionTimezone,
        StartDate: i.StartDate?.toISOString(),
        EndDate: i.EndDate?.toISOString(),
        State: i.State,
        KmsKeyArn: i.KmsKeyArn,
        FlexibleTimeWindow: compact({ Mode: i.FlexibleTimeWindow.Mode, MaximumWindowInMinutes: i.FlexibleTimeWindow.MaximumWindowInMinutes }),
        Target: compact({
          Arn: ref(t.Arn),
          RoleArn: ref(t.RoleArn),
          Input: t.Input,
          RetryPolicy: t.RetryPolicy ? compact({ ...t.RetryPolicy }) : undefined,
          DeadLetterConfig: t.DeadLetterConfig ? { Arn: t.DeadLetterConfig.Arn } : undefined,
        }),
      },
    };
  }

  for (const r of desired.rules) {
    const p = r.putRule;
    const dependsOn = aliasesNamed(aliasIds, r.targets.flatMap((t) => [t.Arn, t.Input]));
    resources[ids.of(r.bus && r.bus !== 'default' ? `${r.bus}-${r.name}` : r.name, 'Rule')] = {
      Type: 'AWS::Events::Rule',
      ...(dependsOn.length > 0 ? { DependsOn: dependsOn } : {}),
      Properties: {
        Name: r.name,
        Description: p.Description,
        EventBusName: p.EventBusName,
        EventPattern: p.EventPattern === undefined ? undefined : (JSON.parse(p.EventPattern) as Json),
        ScheduleExpression: p.ScheduleExpression,
        State: p.State,
        Targets: r.targets.map((t) =>
          compact({
            Id: t.Id,
            Arn: ref(t.Arn),
            RoleArn: ref(t.RoleArn),
            Input: t.Input,
            InputPath: t.InputPath,
            InputTransformer: t.InputTransformer ? compact({ InputPathsMap: t.InputTransformer.InputPathsMap, InputTemplate: t.InputTransformer.InputTemplate }) : undefined,
            RetryPolicy: t.RetryPolicy ? compact({ ...t.RetryPolicy }) : undefined,
            DeadLetterConfig: t.DeadLetterConfig ? { Arn: t.DeadLetterConfig.Arn } : undefined,
          }),
        ),
        Tags: tagList(r.tags),
      },
    };
  }

  for (const resource of Object.values(resources)) resource.Properties = compact(resource.Properties);
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `stepwright project ${desired.settings.project}: state machines with their versions and aliases, schedules, rules and roles`,
    Resources: resources,
    Outputs: outputs,
  };
}

function machineProperties(m: DesiredMachine, ref: (value: string | undefined) => Json | undefined): Record<string, Json | undefined> {
  return {
    StateMachineName: m.name,
    StateMachineType: m.type,
    // The ASL text exactly as `stepwright build` writes it: CloudFormation passes it through untouched.
    DefinitionString: m.definition,
    RoleArn: ref(m.roleArn),
    LoggingConfiguration:
      m.logging.level === 'OFF'
        ? undefined
        : {
            Level: m.logging.level,
            IncludeExecutionData: m.logging.includeExecutionData,
            Destinations: (m.logging.destinations ?? []).map((d) => ({ CloudWatchLogsLogGroup: { LogGroupArn: d.cloudWatchLogsLogGroup.logGroupArn } })),
          },
    TracingConfiguration: m.tracing.enabled ? { Enabled: true } : undefined,
    Tags: tagList(m.tags),
  };
}

/**
 * The aliases a schedule or rule names. Their ARNs are written out rather than referenced (Ref):
 * an idempotent schedule names them inside its input text, where no reference can go, and a literal
 * ARN with DependsOn creates in the same order while also deploying where aliases are not
 * supported (moto's CloudFormation skips them).
 */
function aliasesNamed(aliasIds: ReadonlyMap<string, string>, texts: (string | undefined)[]): string[] {
  return [...aliasIds.entries()]
    .filter(([arn]) => texts.some((t) => t !== undefined && (t === arn || t.includes(`"${arn}"`) || t.includes(`\\"${arn}\\"`))))
    .map(([, id]) => id)
    .sort();
}

function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** CloudFormation logical ids: letters and digits only, unique within the template. */
class LogicalIds {
  private readonly used = new Set<string>();
  of(name: string, kind: string): string {
    const base = `${name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')}${kind}`;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}${n}`;
    this.used.add(id);
    return id;
  }
}

/** Where `stepwright build` writes the template, under its output folder. */
export const CLOUDFORMATION_FOLDER = 'cloudformation';

/**
 * What `stepwright build` adds to out/: `<out>/cloudformation/template.json` (deterministic), when
 * the config names the account and region the template's ARNs need.
 */
export function cloudFormationFiles(project: Project, out: string): { path: string; contents: string }[] {
  if (!project.config.account || !project.config.region) return [];
  return [{ path: join(out, CLOUDFORMATION_FOLDER, 'template.json'), contents: `${JSON.stringify(cloudFormationTemplate(project), null, 2)}\n` }];
}
