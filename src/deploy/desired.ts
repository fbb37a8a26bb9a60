/**
 * What the account should hold for a project: every role, state machine (with its alias), schedule
 * group, schedule and rule, with the exact API inputs. A plain value derived from the project value
 * and the deploy settings; deploy compares it with the account, CloudFormation writes it out.
 *
 * Schedules and rules are the project's own CreateSchedule / PutRule / PutTargets inputs, which the
 * project value already names as deployed (src/project/deployed.ts): targets are the workflows'
 * aliases (so a rollback moves what schedules start), roles deploy manages live under the role
 * path, and a schedule without a group goes in the project's group (schedules cannot carry tags,
 * so their group is what marks them as ours). What `stepwright build` writes is what is deployed.
 */
import { StepwrightError, type Location, type Problem } from '../model/errors.js';
import type { StateMachineType } from '../model/asl.js';
import type { PolicyDocument } from '../iam/index.js';
import type { Project, WorkflowArtifact } from '../project/index.js';
import { SLOT_STARTER_WORKFLOW, startsThroughSlotStarter, type CreateScheduleInput, type PutRuleInput, type PutTargetsTarget } from '../schedules/index.js';
import {
  LOG_DELIVERY_STATEMENT,
  policy,
  sendToQueuesStatement,
  startExecutionStatement,
  TRACING_STATEMENT,
  trustPolicy,
  type TrustedService,
  type TrustPolicy,
} from './role-policies.js';
import {
  aliasArn,
  executionRoleName,
  ownerTags,
  roleArn,
  ruleArn,
  scheduleGroupArn,
  stateMachineArn,
  type DeploySettings,
} from './settings.js';

/** The inline policy deploy puts on each role it manages. */
export const ROLE_POLICY_NAME = 'stepwright';

export interface DesiredRole {
  name: string;
  path: string;
  arn: string;
  trust: TrustPolicy;
  /** Without statements when the role needs no permission; deploy then gives it no inline policy. */
  policy: PolicyDocument;
  description: string;
  permissionsBoundary?: string;
  tags: Record<string, string>;
  where: Location;
}

export interface LoggingConfiguration {
  level: 'ALL' | 'ERROR' | 'FATAL' | 'OFF';
  includeExecutionData: boolean;
  destinations?: { cloudWatchLogsLogGroup: { logGroupArn: string } }[];
}

export interface DesiredMachine {
  name: string;
  arn: string;
  aliasArn: string;
  /** The ASL text, exactly as `stepwright build` writes it. */
  definition: string;
  type: StateMachineType;
  roleArn: string;
  logging: LoggingConfiguration;
  tracing: { enabled: boolean };
  tags: Record<string, string>;
  where: Location;
}

export interface DesiredScheduleGroup {
  name: string;
  arn: string;
  tags: Record<string, string>;
}

export interface DesiredSchedule {
  name: string;
  group: string;
  /** CreateSchedule's input (also UpdateSchedule's), GroupName set. */
  input: CreateScheduleInput & { GroupName: string };
  where: Location;
}

export interface DesiredRule {
  name: string;
  bus?: string;
  arn: string;
  putRule: PutRuleInput;
  targets: PutTargetsTarget[];
  tags: Record<string, string>;
  where: Location;
}

export interface DesiredState {
  settings: DeploySettings;
  roles: DesiredRole[];
  machines: DesiredMachine[];
  groups: DesiredScheduleGroup[];
  schedules: DesiredSchedule[];
  rules: DesiredRule[];
  /** Every role ARN handed to Step Functions, Scheduler or EventBridge (what iam:PassRole must allow). */
  passedRoles: string[];
  /** What is right but worth saying. */
  warnings: Problem[];
}

/** Nothing: what `destroy` compares the account with. */
export function emptyState(settings: DeploySettings): DesiredState {
  return { settings, roles: [], machines: [], groups: [], schedules: [], rules: [], passedRoles: [], warnings: [] };
}

/** A role deploy manages, while it is being put together: who assumes it, what it may do, what it serves. */
interface RoleDraft {
  services: Set<TrustedService>;
  startsWorkflows: Set<string>;
  queues: Set<string>;
  policy?: PolicyDocument;
  serves: string[];
  where: Location;
}

export interface DesiredOptions {
  /**
   * Let schedules sit in Scheduler's `default` group. Deploy cannot (the group takes no tags, so it
   * could not tell the schedules are the project's); a CloudFormation stack can (the stack owns them).
   */
  defaultGroup?: boolean;
}

export function desiredState(project: Project, settings: DeploySettings, options: DesiredOptions = {}): DesiredState {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const drafts = new Map<string, RoleDraft>();
  const draft = (name: string, where: Location): RoleDraft => {
    let d = drafts.get(name);
    if (!d) drafts.set(name, (d = { services: new Set(), startsWorkflows: new Set(), queues: new Set(), serves: [], where }));
    return d;
  };
  /** A role named in a schedule or rule is deploy's to manage unless given as an ARN or listed as existing. */
  const managed = (role: string) => !role.startsWith('arn:') && !settings.existingRoles.has(role);
  const executionRoles = new Set<string>();
  /** A schedule's or rule's role deploy manages; one role may serve several, but not also be a workflow's execution role. */
  const startingRole = (role: string, where: Location): RoleDraft | undefined => {
    if (!managed(role)) return undefined;
    if (executionRoles.has(role)) {
      problems.push({ ...where, field: 'role', message: `role "${role}" is also the execution role deploy creates for a workflow`, fix: 'give the schedule or rule a role of its own' });
      return undefined;
    }
    return draft(role, where);
  };

  // State machines, each with its execution role (deploy's own, or an existing one from the config).
  const machines: DesiredMachine[] = [];
  for (const w of project.workflows) {
    const where: Location = { ...(w.file !== undefined ? { file: w.file } : {}), workflow: w.name };
    const existing = settings.executionRoles[w.name];
    const logging = loggingOf(w, settings, problems);
    if (existing === undefined) {
      const name = executionRoleName(settings, w.name);
      const d = draft(name, where);
      executionRoles.add(name);
      d.services.add('states.amazonaws.com');
      d.serves.push(`workflow ${w.name}`);
      // The slot starter's policy is derived below, from the schedules it serves.
      if (w.name !== SLOT_STARTER_WORKFLOW) {
        d.policy = policy([...w.policy.Statement, logging.level !== 'OFF' ? LOG_DELIVERY_STATEMENT : undefined, w.workflow?.options.tracing ? TRACING_STATEMENT : undefined]);
      }
    }
    machines.push({
      name: w.name,
      arn: stateMachineArn(settings, w.name),
      aliasArn: aliasArn(settings, w.name),
      definition: w.asl,
      type: w.type,
      roleArn: existing ?? roleArn(settings, executionRoleName(settings, w.name)),
      logging,
      tracing: { enabled: w.workflow?.options.tracing === true },
      tags: { ...w.tags, ...ownerTags(settings) },
      where,
    });
  }

  // Schedules: in a group of the project, targets through the alias; their roles may start exactly those targets.
  const schedules: DesiredSchedule[] = [];
  const starterTargets = new Set<string>();
  for (const s of project.schedules) {
    const where: Location = { file: s.file, schedule: s.name };
    const group = s.input.GroupName;
    if (group === 'default' && !options.defaultGroup) {
      problems.push({ ...where, field: 'group', message: 'the default schedule group cannot carry tags, so deploy could not tell this schedule is the project’s', fix: `leave group out (the schedule goes in the group "${settings.scheduleGroup}") or name another group` });
      continue;
    }
    // A copy: the SDK gets an object of its own, not the shared (frozen) project value.
    schedules.push({ name: s.name, group, input: structuredClone(s.input), where });
    const through = startsThroughSlotStarter(s.spec);
    if (through) starterTargets.add(s.spec.target.workflow);
    const d = startingRole(s.spec.target.role, where);
    if (d) {
      d.services.add('scheduler.amazonaws.com');
      d.startsWorkflows.add(through ? SLOT_STARTER_WORKFLOW : s.spec.target.workflow);
      if (s.spec.target.deadLetterQueue) d.queues.add(s.spec.target.deadLetterQueue);
      d.serves.push(`schedule ${s.name}`);
    }
  }
  const starter = drafts.get(executionRoleName(settings, SLOT_STARTER_WORKFLOW));
  if (starter && project.workflows.some((w) => w.name === SLOT_STARTER_WORKFLOW)) starter.policy = policy([startExecutionStatement(starterTargets, settings)]);

  // Rules, tagged; a role deploy manages may start the workflows its targets name.
  const rules: DesiredRule[] = [];
  for (const r of project.rules) {
    const where: Location = { file: r.file, rule: r.name };
    const targets = structuredClone(r.putTargets.Targets);
    rules.push({ name: r.name, ...(r.spec.bus !== undefined ? { bus: r.spec.bus } : {}), arn: ruleArn(settings, r.name, r.spec.bus), putRule: structuredClone(r.putRule), targets, tags: ownerTags(settings), where });
    for (const t of r.spec.targets) {
      const d = t.role === undefined ? undefined : startingRole(t.role, where);
      if (!d) continue;
      d.services.add('events.amazonaws.com');
      d.serves.push(`rule ${r.name}`);
      if (t.workflow !== undefined) d.startsWorkflows.add(t.workflow);
      else {
        warnings.push({ ...where, field: 'targets', message: `role "${t.role}" is created by deploy, which grants it nothing for the target ${t.arn}`, fix: `give an existing role for this target (list it in "deploy.existingRoles", or use its ARN)` });
      }
    }
  }

  const roles: DesiredRole[] = [...drafts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, d]) => ({
      name,
      path: settings.rolePath,
      arn: roleArn(settings, name),
      trust: trustPolicy([...d.services], settings),
      policy: d.policy ?? policy([startExecutionStatement(d.startsWorkflows, settings), sendToQueuesStatement(d.queues)]),
      description: `stepwright project ${settings.project}: ${d.serves.join(', ')}`.slice(0, 1000),
      ...(settings.permissionsBoundary !== undefined ? { permissionsBoundary: settings.permissionsBoundary } : {}),
      tags: ownerTags(settings),
      where: d.where,
    }));

  const groups = [...new Set(schedules.map((s) => s.group))].filter((g) => g !== 'default').sort().map((name) => ({ name, arn: scheduleGroupArn(settings, name), tags: ownerTags(settings) }));
  const passedRoles = [...new Set([...machines.map((m) => m.roleArn), ...schedules.map((s) => s.input.Target.RoleArn), ...rules.flatMap((r) => r.targets.flatMap((t) => (t.RoleArn ? [t.RoleArn] : [])))])].sort();
  if (problems.length > 0) throw new StepwrightError(problems);
  return { settings, roles, machines, groups, schedules, rules, passedRoles, warnings };
}

function loggingOf(w: WorkflowArtifact, settings: DeploySettings, problems: Problem[]): LoggingConfiguration {
  const logging = w.workflow?.options.logging;
  if (!logging || logging.level === 'OFF') return { level: 'OFF', includeExecutionData: false };
  if (!logging.logGroup) {
    problems.push({ ...(w.file !== undefined ? { file: w.file } : {}), workflow: w.name, field: 'logging.logGroup', message: `logging at level ${logging.level} needs a log group`, fix: "name the CloudWatch Logs log group: logging: { level: 'ERROR', logGroup: '/aws/vendedlogs/states/<name>' }" });
    return { level: 'OFF', includeExecutionData: false };
  }
  // Step Functions wants the log group's ARN with its `:*` suffix.
  const group = logging.logGroup;
  const arn = group.startsWith('arn:') ? (group.endsWith(':*') ? group : `${group}:*`) : `arn:${settings.partition}:logs:${settings.region}:${settings.account}:log-group:${group}:*`;
  return { level: logging.level, includeExecutionData: logging.includeExecutionData === true, destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: arn } }] };
}
