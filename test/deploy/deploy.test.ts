/**
 * Deploying the example project into an empty account on moto, through the real SDK clients: what
 * is created, that a second deploy writes nothing, new versions and aliases, rollback, pruning,
 * destroy, and that nothing the project does not own is ever touched.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStateMachineCommand, DescribeStateMachineAliasCommand, DescribeStateMachineCommand, ListTagsForResourceCommand, SFNClient } from '@aws-sdk/client-sfn';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateScheduleGroupCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { EventBridgeClient, PutRuleCommand } from '@aws-sdk/client-eventbridge';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { deploy, destroy, plan, rollback, type AwsOptions } from '../../src/deploy/index.js';
import { isStepwrightError, type StepwrightError } from '../../src/model/errors.js';
import { describeWithMoto } from '../support/moto.js';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy.js';
import { awsVia, exampleProject, expectBuildAsDeployed, firstDeploy, load, ops, ownedBy, REGION, snapshot } from './fixtures.js';

/** The project folder with some files changed, as a new copy (modules load fresh). */
function variant(dir: string, change: (dir: string) => void): string {
  const copy = mkdtempSync(join(tmpdir(), 'stepwright-deploy-variant-'));
  cpSync(dir, copy, { recursive: true });
  change(copy);
  return copy;
}

const edit = (file: string, from: string, to: string) => writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));

async function rejection(promise: Promise<unknown>): Promise<StepwrightError> {
  try {
    await promise;
  } catch (error) {
    if (isStepwrightError(error)) return error;
    throw error;
  }
  throw new Error('expected a StepwrightError');
}

jest.setTimeout(60_000);

describeWithMoto('deploy: the example project into an empty account', (moto) => {
  let proxy: AwsProxy;
  let aws: AwsOptions;
  let dir: string;
  const sfn = () => new SFNClient({ region: REGION, ...aws } as object);

  beforeAll(async () => {
    proxy = await startAwsProxy(moto);
    aws = awsVia(proxy);
    dir = exampleProject(proxy.account);
    // What others own in the same account: a machine, roles (one even under the project's role
    // path), a schedule group and rules. None of it may be changed or deleted.
    const config = { region: REGION, ...aws } as object;
    await new SFNClient(config).send(new CreateStateMachineCommand({ name: 'bystander', definition: '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}', roleArn: `arn:aws:iam::${proxy.account}:role/someone` }));
    const iam = new IAMClient(config);
    await iam.send(new CreateRoleCommand({ RoleName: 'bystander-untagged', Path: '/stepwright/fraud-platform/', AssumeRolePolicyDocument: '{}' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'bystander-other', Path: '/stepwright/fraud-platform/', AssumeRolePolicyDocument: '{}', Tags: [{ Key: 'stepwright:project', Value: 'other-team' }] }));
    await new SchedulerClient(config).send(new CreateScheduleGroupCommand({ Name: 'bystander-group', Tags: [{ Key: 'stepwright:project', Value: 'other-team' }] }));
    const events = new EventBridgeClient(config);
    await events.send(new PutRuleCommand({ Name: 'bystander-rule', ScheduleExpression: 'rate(1 hour)' }));
    await events.send(new PutRuleCommand({ Name: 'bystander-other-rule', ScheduleExpression: 'rate(1 hour)', Tags: [{ Key: 'stepwright:project', Value: 'other-team' }] }));
    proxy.reset();
  });
  afterAll(() => proxy.close());

  test('creates each role, state machine with version 1 and alias live, the schedule group, schedules and rules', async () => {
    const project = await load(dir);
    const p = await plan(project, { aws });
    expect(proxy.writes()).toEqual([]);
    // Every workflow (the slot starter included) with its role, version 1 and alias; every role the schedules and rules name; the group, schedules and rules.
    expect(p.changes.map((c) => `${c.action} ${c.type} ${c.name}`)).toEqual(firstDeploy(project));
    p.close();
    await deploy(project, { aws });

    const account = await snapshot(aws);
    const ingest = account.machines.ingest!;
    expect(ingest.definition).toEqual(JSON.parse(project.workflows.find((w) => w.name === 'ingest')!.asl));
    expect(ingest.aliasDefinition).toEqual(ingest.definition);
    expect(ingest.roleArn).toBe(`arn:aws:iam::${proxy.account}:role/stepwright/fraud-platform/fraud-platform-ingest`);
    expect(account.machines.pipeline!.tags).toEqual({ team: 'fraud-platform', 'stepwright:project': 'fraud-platform' });
    // The execution role carries the project's generated policy. Roles that start workflows may
    // start exactly those they serve, through the alias only: the starter, the workflows of the
    // idempotent cron/rate schedules (nightly-ingest, nightly-cdc, daily-saas, weekly-retrain);
    // Scheduler's role, the starter and the one schedule that is not idempotent (stream-health-check),
    // and send to its dead-letter queue; EventBridge's, the targets of its two rules.
    const sm = (...names: string[]) => names.map((n) => `arn:aws:states:${REGION}:${proxy.account}:stateMachine:${n}`);
    const starts = (...names: string[]) => ({ Effect: 'Allow', Action: ['states:StartExecution'], Resource: sm(...names), Condition: { StringEquals: { 'states:StateMachineQualifier': 'live' } } });
    expect(account.roles['fraud-platform-ingest']!.policy).toEqual(project.workflows.find((w) => w.name === 'ingest')!.policy);
    expect(account.roles['fraud-platform-stepwright-slot-starter']!.policy).toEqual({ Version: '2012-10-17', Statement: [starts('cdc', 'ingest', 'saas', 'train')] });
    expect(account.roles['stepwright-scheduler']!.trust).toMatchObject({ Statement: [{ Principal: { Service: 'scheduler.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': proxy.account } } }] });
    expect(account.roles['stepwright-scheduler']!.policy).toEqual({
      Version: '2012-10-17',
      Statement: [starts('stepwright-slot-starter', 'stream'), { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['arn:aws:sqs:eu-west-1:123456789012:fraud-scheduler-dlq'] }],
    });
    expect(account.roles['stepwright-events']!.trust).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    expect(account.roles['stepwright-events']!.policy).toEqual({ Version: '2012-10-17', Statement: [starts('cdc', 'ingest')] });
    // Schedules and rules start workflows through the alias.
    const nightly = account.schedules['fraud-platform/nightly-ingest'] as { Target: { Arn: string; Input: string; RoleArn: string }; ScheduleExpressionTimezone: string };
    expect(nightly.ScheduleExpressionTimezone).toBe('Europe/Berlin');
    expect(JSON.parse(nightly.Target.Input)).toMatchObject({ StateMachineArn: `arn:aws:states:${REGION}:${proxy.account}:stateMachine:stepwright-slot-starter:live` });
    expect(JSON.parse(JSON.parse(nightly.Target.Input).Input)).toMatchObject({ stateMachineArn: `arn:aws:states:${REGION}:${proxy.account}:stateMachine:ingest:live`, namePrefix: 'nightly-ingest' });
    expect(nightly.Target.RoleArn).toBe(`arn:aws:iam::${proxy.account}:role/stepwright/fraud-platform/stepwright-scheduler`);
    expect(account.groups['fraud-platform']).toEqual({ 'stepwright:project': 'fraud-platform' });
    expect(account.rules['ingest-on-landing']).toMatchObject({ tags: { 'stepwright:project': 'fraud-platform' }, targets: [{ Id: 'ingest', Arn: `arn:aws:states:${REGION}:${proxy.account}:stateMachine:ingest:live` }] });
    expect(account.rules['cdc-on-replication-failure']!.targets).toMatchObject([{ Id: 'cdc', Arn: `arn:aws:states:${REGION}:${proxy.account}:stateMachine:cdc:live`, RoleArn: `arn:aws:iam::${proxy.account}:role/stepwright/fraud-platform/stepwright-events` }]);
    expect(account.rules['parquet-job-failed']!.targets).toMatchObject([{ Id: 'notify-data-team', Arn: `arn:aws:sns:eu-west-1:123456789012:fraud-platform-alerts` }]);
    // A schedule that is not idempotent starts its workflow's alias directly.
    expect((account.schedules['fraud-platform/stream-health-check'] as { Target: { Arn: string } }).Target.Arn).toBe(`arn:aws:states:${REGION}:${proxy.account}:stateMachine:stream:live`);

    // What `stepwright build` writes to out/schedules and out/rules is what was deployed, field for field.
    expectBuildAsDeployed(project, account);
  });

  test('a second plan shows no change, and a second deploy makes no write call', async () => {
    const project = await load(dir);
    proxy.reset();
    const p = await plan(project, { aws });
    p.close();
    expect(p.changes).toEqual([]);
    const result = await deploy(project, { aws });
    expect(result.changes).toEqual([]);
    expect(proxy.writes()).toEqual([]);
    // Reads only: GetCallerIdentity first, then descriptions and listings.
    expect(ops(proxy.calls)[0]).toBe('sts:GetCallerIdentity');
  });

  test('changing a workflow publishes a new version and moves its alias; nothing else is written', async () => {
    const changed = variant(dir, (d) => edit(join(d, 'workflows', 'ingest.ts'), "comment: 'Land a day", "comment: 'Land one day"));
    const project = await load(changed);
    proxy.reset();
    const p = await plan(project, { aws });
    expect(p.changes).toEqual([
      { action: 'update', type: 'state-machine', name: 'ingest', detail: 'definition' },
      { action: 'create', type: 'version', name: 'ingest' },
      { action: 'update', type: 'alias', name: 'ingest:live' },
    ]);
    const notes: string[] = [];
    await (await import('../../src/deploy/index.js')).apply(p, { onStep: (e) => notes.push(`${e.step.changes.map((c) => c.type).join('+')} ${e.note}`) });
    expect(notes).toEqual(['state-machine+version version 2', 'alias → version 2']);
    expect(ops(proxy.writes())).toEqual(['states:UpdateStateMachine', 'states:UpdateStateMachineAlias']);
    const alias = await sfn().send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: `arn:aws:states:${REGION}:${proxy.account}:stateMachine:ingest:live` }));
    expect(alias.routingConfiguration).toEqual([{ stateMachineVersionArn: `arn:aws:states:${REGION}:${proxy.account}:stateMachine:ingest:2`, weight: 100 }]);
    const v2 = await sfn().send(new DescribeStateMachineCommand({ stateMachineArn: `arn:aws:states:${REGION}:${proxy.account}:stateMachine:ingest:2` }));
    expect(JSON.parse(v2.definition!).Comment).toBe('Land one day of transactions: catalog, convert to Parquet, check quality');
    dir = changed;
  });

  test('rollback moves the alias to the previous version, or to --to N; the next deploy moves it forward again', async () => {
    const project = await load(dir);
    expect(await rollback(project, 'ingest', { aws })).toEqual({ workflow: 'ingest', alias: 'live', from: 2, to: 1 });
    const aliasVersion = async () => (await sfn().send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: `arn:aws:states:${REGION}:${proxy.account}:stateMachine:ingest:live` }))).routingConfiguration![0]!.stateMachineVersionArn!.split(':').pop();
    expect(await aliasVersion()).toBe('1');
    expect((await rejection(rollback(project, 'ingest', { aws }))).message).toMatch(/version 1 is the first version of "ingest": there is nothing to roll back to/);
    expect((await rejection(rollback(project, 'ingest', { aws, to: 7 }))).message).toMatch(/version 7 of "ingest" does not exist/);
    expect((await rejection(rollback(project, 'bystander', { aws }))).message).toMatch(/state machine "bystander" is not this project's: it has no stepwright:project tag/);

    // The code still says version 2: plan shows the alias moving forward, publishing nothing new.
    proxy.reset();
    const p = await plan(project, { aws });
    p.close();
    expect(p.changes).toEqual([{ action: 'update', type: 'alias', name: 'ingest:live', detail: 'to version 2' }]);
    await deploy(project, { aws });
    expect(ops(proxy.writes())).toEqual(['states:UpdateStateMachineAlias']);
    expect(await aliasVersion()).toBe('2');
    expect(await rollback(project, 'ingest', { aws, to: 1 })).toMatchObject({ from: 2, to: 1 });
    await deploy(project, { aws });
    expect(await aliasVersion()).toBe('2');
  });

  test('removing a workflow, a schedule and rules from the code deletes them from the account (a prune), with the roles only they used', async () => {
    const smaller = variant(dir, (d) => {
      rmSync(join(d, 'workflows', 'transform.ts'));
      rmSync(join(d, 'workflows', 'transform.scenarios.yaml'));
      // Drop the weekly retrain schedule, and both rules that start workflows (the only users of stepwright-events).
      const file = join(d, 'schedules', 'fraud-platform.yaml');
      const yaml = parseYaml(readFileSync(file, 'utf8')) as { schedules: { name: string }[]; rules: { name: string }[] };
      yaml.schedules = yaml.schedules.filter((s) => s.name !== 'weekly-retrain');
      yaml.rules = yaml.rules.filter((r) => r.name !== 'ingest-on-landing' && r.name !== 'cdc-on-replication-failure');
      writeFileSync(file, stringifyYaml(yaml));
    });
    const project = await load(smaller);
    expect(project.schedules.map((s) => s.name)).toEqual(['nightly-ingest', 'nightly-cdc', 'stream-health-check', 'daily-saas']);
    expect(project.rules.map((r) => r.name)).toEqual(['parquet-job-failed']);
    proxy.reset();
    const p = await plan(project, { aws });
    p.close();
    expect(p.changes.map((c) => `${c.action} ${c.type} ${c.name}${c.action === 'update' ? ` (${c.detail})` : ''}`)).toEqual([
      'update role fraud-platform-stepwright-slot-starter (policy)',
      'update role stepwright-scheduler (description)',
      'delete rule cdc-on-replication-failure',
      'delete rule ingest-on-landing',
      'delete schedule fraud-platform/weekly-retrain',
      'delete state-machine transform',
      'delete role fraud-platform-transform',
      'delete role stepwright-events',
    ]);
    await deploy(project, { aws });
    const account = await snapshot(aws);
    expect(Object.keys(account.machines).sort()).toEqual(['bystander', 'cdc', 'ingest', 'pipeline', 'saas', 'stepwright-slot-starter', 'stream', 'train']);
    expect(Object.keys(account.schedules).sort()).toEqual(['fraud-platform/daily-saas', 'fraud-platform/nightly-cdc', 'fraud-platform/nightly-ingest', 'fraud-platform/stream-health-check']);
    expect(Object.keys(account.rules).sort()).toEqual(['bystander-other-rule', 'bystander-rule', 'parquet-job-failed']);
    // The starter no longer starts train.
    expect(account.roles['fraud-platform-stepwright-slot-starter']!.policy).toMatchObject({ Statement: [{ Resource: ['cdc', 'ingest', 'saas'].map((n) => `arn:aws:states:${REGION}:${proxy.account}:stateMachine:${n}`) }] });
    expect(account.roles['fraud-platform-transform']).toBeUndefined();
    expect(account.roles['stepwright-events']).toBeUndefined();
    const again = await plan(project, { aws });
    again.close();
    expect(again.changes).toEqual([]);
    dir = smaller;
  });

  test('an existing resource with a name the project uses, and without its tag, is a conflict: reported, never overwritten', async () => {
    const clash = variant(dir, (d) => writeFileSync(join(d, 'workflows', 'bystander.ts'), readFileSync(join(d, 'workflows', 'ingest.ts'), 'utf8').replace("workflow('ingest'", "workflow('bystander'")));
    proxy.reset();
    const error = await rejection(plan(await load(clash), { aws }));
    expect(error.problems).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/workflows\/bystander\.ts$/),
        workflow: 'bystander',
        message: `state machine "bystander" already exists in account ${proxy.account} (${REGION}), and it has no stepwright:project tag; stepwright never changes what it does not own`,
        fix: 'rename it in the project, delete the existing one, or, to let this project manage it, tag it stepwright:project=fraud-platform',
      }),
    ]);
    expect(proxy.writes()).toEqual([]);
  });

  test('credentials for another account stop everything before any other call', async () => {
    const elsewhere = variant(dir, (d) => writeFileSync(join(d, 'stepwright.config.json'), JSON.stringify({ name: 'fraud-platform', region: REGION, account: '111122223333' })));
    proxy.reset();
    const error = await rejection(deploy(await load(elsewhere), { aws }));
    expect(error.problems[0]).toMatchObject({ file: 'stepwright.config.json', field: 'account', message: expect.stringContaining(`the AWS credentials are for account ${proxy.account}`) });
    expect(ops(proxy.calls)).toEqual(['sts:GetCallerIdentity']);
  });

  test('destroy deletes everything the project owns, and nothing else', async () => {
    const project = await load(dir);
    proxy.reset();
    const result = await destroy(project, { aws });
    // Rules, then each group with its schedules, state machines, roles: everything deploy made for the project.
    const owned = ownedBy(project);
    expect(result.changes.map((c) => `${c.action} ${c.type} ${c.name}`)).toEqual([
      ...owned.rules.map((r) => `delete rule ${r}`),
      ...owned.groups.flatMap((g) => [...owned.schedules.filter((s) => s.startsWith(`${g}/`)).map((s) => `delete schedule ${s}`), `delete schedule-group ${g}`]),
      ...owned.machines.map((m) => `delete state-machine ${m}`),
      ...owned.roles.map((r) => `delete role ${r}`),
    ]);
    expect(owned.machines).toEqual(['cdc', 'ingest', 'pipeline', 'saas', 'stepwright-slot-starter', 'stream', 'train']);
    const account = await snapshot(aws);
    expect(Object.keys(account.machines)).toEqual(['bystander']);
    expect(Object.keys(account.roles).sort()).toEqual(['bystander-other', 'bystander-untagged']);
    expect(Object.keys(account.groups).sort()).toEqual(['bystander-group', 'default']);
    expect(Object.keys(account.rules).sort()).toEqual(['bystander-other-rule', 'bystander-rule']);
    // No write of the whole run named anything of theirs.
    expect(proxy.writes().filter((c) => /bystander/.test(c.text))).toEqual([]);
    const left = await plan(project, { aws, destroy: true });
    left.close();
    expect(left.changes).toEqual([]);
    expect(await sfn().send(new ListTagsForResourceCommand({ resourceArn: `arn:aws:states:${REGION}:${proxy.account}:stateMachine:bystander` }))).toMatchObject({ tags: [] });
  });
});
