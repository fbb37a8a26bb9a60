/**
 * What the deploy tests share: a copy of the example project in a temporary folder (its own account,
 * so tests on the shared moto server never meet), the SDK options that reach moto through a proxy,
 * and a snapshot of what an account holds, read with the SDK directly (an oracle independent of the
 * code under test).
 *
 * Where moto 5.2.1 differs from AWS (measured here), deploy is written for AWS and the tests say so:
 * - no PublishStateMachineVersion and no ListStateMachineVersions (500): deploy publishes with
 *   Create/UpdateStateMachine `publish: true` and finds versions by number with DescribeStateMachine;
 * - CreateStateMachine with an existing name returns that machine instead of failing: deploy
 *   describes before it creates, and reads tags before it trusts anything it finds;
 * - the state machine type is ignored (always STANDARD): options.test.ts checks the request instead;
 * - StartExecution on an alias ARN fails: the proxy starts it on the machine (aws-proxy.ts);
 * - Scheduler checks almost nothing (it overwrites on a second CreateSchedule where AWS answers
 *   ConflictException, which deploy handles by updating);
 * - IAM returns documents URL-encoded from GetRole/GetRolePolicy, plain from ListRoles (deploy
 *   accepts both; AWS encodes all);
 * - CloudFormation skips versions, aliases and Scheduler resources (cloudformation.test.ts).
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeStateMachineAliasCommand, DescribeStateMachineCommand, ListStateMachinesCommand, ListTagsForResourceCommand, SFNClient } from '@aws-sdk/client-sfn';
import { GetRoleCommand, GetRolePolicyCommand, IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { GetScheduleCommand, ListScheduleGroupsCommand, ListSchedulesCommand, ListTagsForResourceCommand as SchedulerTags, SchedulerClient } from '@aws-sdk/client-scheduler';
import { DescribeRuleCommand, EventBridgeClient, ListEventBusesCommand, ListRulesCommand, ListTagsForResourceCommand as RuleTags, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { loadProject, projectFiles, type Project } from '../../src/project/index.js';
import { ciRolePolicy, type AwsOptions } from '../../src/deploy/index.js';
import type { AwsCall, AwsProxy } from '../support/aws-proxy.js';

export const ROOT = join(__dirname, '..', '..');
export const REGION = 'eu-west-1';
const LIB = join(ROOT, 'src', 'index.ts');

/** The SDK reaching moto through the proxy; few attempts where a test wants failures to surface fast. */
export const awsVia = (proxy: AwsProxy, maxAttempts?: number): AwsOptions => ({
  endpoint: proxy.endpoint,
  credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  ...(maxAttempts !== undefined ? { maxAttempts } : {}),
});

/** The example project (workflows, schedules), copied, for `account` in eu-west-1; imports of 'stepwright' point at this checkout. */
export function exampleProject(account: string, config: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'stepwright-deploy-'));
  cpSync(join(ROOT, 'workflows'), join(dir, 'workflows'), { recursive: true });
  cpSync(join(ROOT, 'schedules'), join(dir, 'schedules'), { recursive: true });
  for (const file of readdirSync(join(dir, 'workflows')).filter((f) => f.endsWith('.ts'))) {
    const path = join(dir, 'workflows', file);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/from 'stepwright'/g, `from ${JSON.stringify(LIB)}`));
  }
  writeConfig(dir, { name: 'fraud-platform', region: REGION, account, ...config });
  return dir;
}

export function writeConfig(dir: string, config: Record<string, unknown>): void {
  writeFileSync(join(dir, 'stepwright.config.json'), `${JSON.stringify(config, null, 2)}\n`);
}

/** A workflow module whose chain is `start`, written with the DSL's `pass` and `sns`. */
export function workflowModule(name: string, start: string): string {
  return `import { workflow, pass, sns } from ${JSON.stringify(LIB)};\nexport default workflow('${name}', { start: ${start} });\n`;
}

/** A one-Pass-state workflow module. */
export function passWorkflow(name: string, options = ''): string {
  return `import { workflow, pass } from ${JSON.stringify(LIB)};\nexport default workflow('${name}', { start: pass('Hello')${options ? `, ${options}` : ''} });\n`;
}

export async function load(dir: string): Promise<Project> {
  const project = await loadProject({ root: dir });
  if (project.problems.length > 0) throw new Error(project.problems.map((p) => p.message).join('\n'));
  return project;
}

/**
 * What deploy should own for a project with the default settings, by name, worked out from the
 * project value as docs/deploy.md describes it (not from src/deploy): an execution role per
 * workflow (`<project>-<workflow>`) and every role a schedule or rule names, a state machine per
 * workflow (the slot starter included), the project's schedule group, each schedule in it, each rule.
 */
export interface Owned {
  roles: string[];
  machines: string[];
  groups: string[];
  schedules: string[];
  rules: string[];
}

export function ownedBy(project: Project): Owned {
  const machines = project.workflows.map((w) => w.name).sort();
  const starting = [...project.schedules.map((s) => s.spec.target.role), ...project.rules.flatMap((r) => r.spec.targets.flatMap((t) => (t.role === undefined ? [] : [t.role])))];
  const groups = [...new Set(project.schedules.map((s) => s.spec.group ?? project.config.name))].sort();
  return {
    roles: [...new Set([...machines.map((m) => `${project.config.name}-${m}`), ...starting])].sort(),
    machines,
    groups,
    schedules: project.schedules.map((s) => `${s.spec.group ?? project.config.name}/${s.name}`).sort(),
    rules: project.rules.map((r) => r.name).sort(),
  };
}

/** A first deploy's plan, as `action type name` lines in the order deploy makes them: roles, state machines with version 1, aliases, groups, schedules, rules. */
export function firstDeploy(project: Project): string[] {
  const o = ownedBy(project);
  return [
    ...o.roles.map((r) => `create role ${r}`),
    ...o.machines.flatMap((m) => [`create state-machine ${m}`, `create version ${m}`]),
    ...o.machines.map((m) => `create alias ${m}:live`),
    ...o.groups.map((g) => `create schedule-group ${g}`),
    ...o.schedules.map((s) => `create schedule ${s}`),
    ...o.rules.map((r) => `create rule ${r}`),
  ];
}

/** Operations as `service:Operation`, for assertions on what was called. */
export const ops = (calls: { service: string; operation: string }[]) => calls.map((c) => `${c.service}:${c.operation}`);

export interface Snapshot {
  machines: Record<string, { type?: string; definition: unknown; roleArn?: string; logging: unknown; tracing: unknown; tags: Record<string, string>; aliasDefinition?: unknown }>;
  roles: Record<string, { path?: string; trust: unknown; policy: unknown; tags: Record<string, string> }>;
  groups: Record<string, Record<string, string>>;
  schedules: Record<string, unknown>;
  /** By name; `bus/name` on a bus other than the default. */
  rules: Record<string, { pattern: unknown; state?: string; tags: Record<string, string>; targets: unknown }>;
}

const tags = (list: { Key?: string; Value?: string; key?: string; value?: string }[] | undefined) => Object.fromEntries((list ?? []).map((t) => [t.Key ?? t.key, t.Value ?? t.value]));
const doc = (text: string | undefined) => (text === undefined ? undefined : JSON.parse(text.startsWith('%') ? decodeURIComponent(text) : text));

/** Everything in the account's region that deploy could have made, as plain data (no dates, no version numbers). */
export async function snapshot(aws: AwsOptions): Promise<Snapshot> {
  // One plain config for four clients (their config types differ only in per-client extensions).
  const config = { region: REGION, ...aws } as unknown as Record<string, never>;
  const sfn = new SFNClient(config);
  const iam = new IAMClient(config);
  const scheduler = new SchedulerClient(config);
  const events = new EventBridgeClient(config);
  const out: Snapshot = { machines: {}, roles: {}, groups: {}, schedules: {}, rules: {} };
  for (const m of (await sfn.send(new ListStateMachinesCommand({}))).stateMachines ?? []) {
    const d = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: m.stateMachineArn }));
    const t = tags((await sfn.send(new ListTagsForResourceCommand({ resourceArn: m.stateMachineArn }))).tags);
    let aliasDefinition: unknown;
    try {
      const alias = await sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: `${m.stateMachineArn}:live` }));
      const v = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: alias.routingConfiguration![0]!.stateMachineVersionArn }));
      aliasDefinition = JSON.parse(v.definition!);
    } catch {
      aliasDefinition = undefined;
    }
    out.machines[m.name!] = { type: d.type, definition: JSON.parse(d.definition!), roleArn: d.roleArn, logging: d.loggingConfiguration, tracing: d.tracingConfiguration, tags: t, aliasDefinition };
  }
  for (const r of (await iam.send(new ListRolesCommand({}))).Roles ?? []) {
    const role = (await iam.send(new GetRoleCommand({ RoleName: r.RoleName }))).Role!;
    let policy: unknown;
    try {
      policy = doc((await iam.send(new GetRolePolicyCommand({ RoleName: r.RoleName, PolicyName: 'stepwright' }))).PolicyDocument);
    } catch {
      policy = undefined;
    }
    out.roles[r.RoleName!] = { path: role.Path, trust: doc(role.AssumeRolePolicyDocument), policy, tags: tags(role.Tags) };
  }
  for (const g of (await scheduler.send(new ListScheduleGroupsCommand({}))).ScheduleGroups ?? []) {
    out.groups[g.Name!] = tags((await scheduler.send(new SchedulerTags({ ResourceArn: g.Arn }))).Tags);
    for (const s of (await scheduler.send(new ListSchedulesCommand({ GroupName: g.Name }))).Schedules ?? []) {
      const { $metadata, CreationDate, LastModificationDate, ...rest } = await scheduler.send(new GetScheduleCommand({ Name: s.Name, GroupName: g.Name }));
      out.schedules[`${g.Name}/${s.Name}`] = rest;
    }
  }
  for (const bus of (await events.send(new ListEventBusesCommand({}))).EventBuses ?? []) {
    const on = bus.Name === 'default' ? {} : { EventBusName: bus.Name };
    for (const r of (await events.send(new ListRulesCommand(on))).Rules ?? []) {
      const d = await events.send(new DescribeRuleCommand({ Name: r.Name, ...on }));
      out.rules[bus.Name === 'default' ? r.Name! : `${bus.Name}/${r.Name}`] = {
        pattern: d.EventPattern ? JSON.parse(d.EventPattern) : undefined,
        state: d.State,
        tags: tags((await events.send(new RuleTags({ ResourceARN: r.Arn }))).Tags),
        targets: (await events.send(new ListTargetsByRuleCommand({ Rule: r.Name, ...on }))).Targets,
      };
    }
  }
  for (const client of [sfn, iam, scheduler, events]) client.destroy();
  return out;
}

/** The files `stepwright build` writes to out/schedules and out/rules hold what the account has, field for field. */
export function expectBuildAsDeployed(project: Project, account: Snapshot): void {
  const written = new Map(projectFiles(project, 'out').map((f) => [f.path, JSON.parse(f.contents) as Record<string, unknown>]));
  for (const s of project.schedules) {
    const file = written.get(join('out', 'schedules', s.input.GroupName, `${s.name}.json`));
    expect(file).toBeDefined();
    expect(account.schedules[`${s.input.GroupName}/${s.name}`]).toMatchObject(file!);
  }
  for (const r of project.rules) {
    const file = written.get(join('out', 'rules', `${r.name}.json`)) as { PutRule: { EventPattern?: string; State: string }; PutTargets: { Targets: unknown[] } } | undefined;
    expect(file).toBeDefined();
    const { PutRule, PutTargets } = file!;
    const bus = r.spec.bus?.split('event-bus/').pop();
    expect(account.rules[bus === undefined || bus === 'default' ? r.name : `${bus}/${r.name}`]).toMatchObject({ pattern: PutRule.EventPattern === undefined ? undefined : JSON.parse(PutRule.EventPattern), state: PutRule.State, targets: PutTargets.Targets });
  }
}

export interface OptionsProject {
  logged?: string;
  schedules?: string;
}

const SCHEDULES = `schedules:
  - name: hourly
    expression: rate(1 hour)
    target: { workflow: logged, role: runner }
  - name: once
    expression: at(2027-01-01T00:00:00)
    target: { workflow: legacy, role: runner, idempotent: true }
rules:
  - name: on-bus
    bus: team-bus
    eventPattern: { source: [team.app] }
    targets:
      - workflow: legacy
        role: team-events
`;

/** A project using every deploy setting; `logged` replaces the logged workflow's options. */
export function optionsProject(account: string, o: OptionsProject = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'stepwright-deploy-options-'));
  mkdirSync(join(dir, 'workflows'));
  mkdirSync(join(dir, 'schedules'));
  writeFileSync(
    join(dir, 'stepwright.config.json'),
    JSON.stringify({
      name: 'options-demo',
      region: REGION,
      account,
      deploy: { alias: 'prod', permissionsBoundary: `arn:aws:iam::${account}:policy/boundary`, executionRoles: { legacy: 'legacy-exec' }, existingRoles: ['team-events'] },
    }),
  );
  writeFileSync(join(dir, 'workflows', 'logged.ts'), passWorkflow('logged', o.logged ?? "logging: { level: 'ERROR', includeExecutionData: true, logGroup: '/aws/vendedlogs/states/logged' }, tracing: true, tags: { cost: 'a' }"));
  writeFileSync(join(dir, 'workflows', 'legacy.ts'), passWorkflow('legacy'));
  writeFileSync(join(dir, 'schedules', 'jobs.yaml'), o.schedules ?? SCHEDULES);
  return dir;
}

const IAM_PREFIX: Record<string, string> = { states: 'states', iam: 'iam', scheduler: 'scheduler', events: 'events' };

/**
 * The calls the CI policy does not allow (as `service:Operation`): every call deploy, plan,
 * rollback, destroy or backfill made must be one of its actions. (GetCallerIdentity needs no
 * permission; moto-only calls of the tests themselves are left out by `from`.)
 */
export function notAllowedByCiPolicy(calls: AwsCall[], project: Project): string[] {
  const allowed = new Set(ciRolePolicy(project).Statement.flatMap((s) => s.Action));
  const used = new Set(calls.filter((c) => c.service !== 'sts' && !c.fault).map((c) => `${IAM_PREFIX[c.service] ?? c.service}:${c.operation}`));
  return [...used].filter((action) => !allowed.has(action)).sort();
}
