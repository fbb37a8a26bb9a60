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
import { deploy, destroy, plan, rollback, type AwsOptions } from '../../src/deploy/index.js';
import { isStepwrightError, type StepwrightError } from '../../src/model/errors.js';
import { describeWithMoto } from '../support/moto.js';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy.js';
import { awsVia, exampleProject, load, ops, REGION, snapshot } from './fixtures.js';

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
    expect(p.changes.map((c) => `${c.action} ${c.type} ${c.name}`)).toEqual([
      'create role fraud-platform-ingest',
      'create role fraud-platform-pipeline',
      'create role fraud-platform-stepwright-slot-starter',
      'create role fraud-platform-train',
      'create role fraud-platform-transform',
      'create role stepwright-events',
      'create role stepwright-scheduler',
      'create state-machine ingest',
      'create version ingest',
      'create state-machine pipeline',
      'create version pipeline',
      'create state-machine stepwright-slot-starter',
      'create version stepwright-slot-starter',
      'create state-machine train',
      'create version train',
      'create state-machine transform',
      'create version transform',
      'create alias ingest:live',
      'create alias pipeline:live',
      'create alias stepwright-slot-starter:live',
      'create alias train:live',
      'create alias transform:live',
      'create schedule-group fraud-platform',
      'create schedule fraud-platform/nightly-ingest',
      'create schedule fraud-platform/weekly-retrain',
      'create rule ingest-on-landing',
      'create rule parquet-job-failed',
    ]);
    p.close();
    await deploy(project, { aws });

    const account = await snapshot(aws);
    const ingest = account.machines.ingest!;
    expect(ingest.definition).toEqual(JSON.parse(project.workflows.find((w) => w.name === 'ingest')!.asl));
    expect(ingest.aliasDefinition).toEqual(ingest.definition);
    expect(ingest.roleArn).toBe(`arn:aws:iam::${proxy.account}:role/stepwright/fraud-platform/fraud-platform-ingest`);
    expect(account.machines.pipeline!.tags).toEqual({ team: 'fraud-platform', 'stepwright:project': 'fraud-platform' });
    // The execution role carries the project's generated policy; the starter may start exactly the scheduled workflows.
    expect(account.roles['fraud-platform-ingest']!.policy).toEqual(project.workflows.find((w) => w.name === 'ingest')!.policy);
    expect(account.roles['fraud-platform-stepwright-slot-starter']!.policy).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['states:StartExecution'], Resource: [`arn:aws:states:${REGION}:${proxy.account}:stateMachine:ingest`, `arn:aws:states:${REGION}:${proxy.account}:stateMachine:train`], Condition: { StringEquals: { 'states:StateMachineQualifier': 'live' } } }],
    });
    expect(account.roles['stepwright-scheduler']!.trust).toMatchObject({ Statement: [{ Principal: { Service: 'scheduler.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': proxy.account } } }] });
    expect(account.roles['stepwright-scheduler']!.policy).toMatchObject({ Statement: [{ Resource: [`arn:aws:states:${REGION}:${proxy.account}:stateMachine:stepwright-slot-starter`] }, { Action: ['sqs:SendMessage'] }] });
    // Schedules and rules start workflows through the alias.
    const nightly = account.schedules['fraud-platform/nightly-ingest'] as { Target: { Arn: string; Input: string; RoleArn: string }; ScheduleExpressionTimezone: string };
    expect(nightly.ScheduleExpressionTimezone).toBe('Europe/Berlin');
    expect(JSON.parse(nightly.Target.Input)).toMatchObject({ StateMachineArn: `arn:aws:states:${REGION}:${proxy.account}:stateMachine:stepwright-slot-starter:live` });
    expect(JSON.parse(JSON.parse(nightly.Target.Input).Input)).toMatchObject({ stateMachineArn: `arn:aws:states:${REGION}:${proxy.account}:stateMachine:ingest:live`, namePrefix: 'nightly-ingest' });
    expect(nightly.Target.RoleArn).toBe(`arn:aws:iam::${proxy.account}:role/stepwright/fraud-platform/stepwright-scheduler`);
    expect(account.groups['fraud-platform']).toEqual({ 'stepwright:project': 'fraud-platform' });
    expect(account.rules['ingest-on-landing']).toMatchObject({ tags: { 'stepwright:project': 'fraud-platform' }, targets: [{ Id: 'ingest', Arn: `arn:aws:states:${REGION}:${proxy.account}:stateMachine:ingest:live` }] });
    expect(account.rules['parquet-job-failed']!.targets).toMatchObject([{ Id: 'notify-data-team', Arn: `arn:aws:sns:eu-west-1:123456789012:fraud-platform-alerts` }]);
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

  test('removing a workflow, a schedule and a rule from the code deletes them from the account (a prune), with the roles only they used', async () => {
    const smaller = variant(dir, (d) => {
      rmSync(join(d, 'workflows', 'transform.ts'));
      rmSync(join(d, 'workflows', 'transform.scenarios.yaml'));
      const yaml = join(d, 'schedules', 'fraud-platform.yaml');
      const text = readFileSync(yaml, 'utf8');
      // Drop the weekly retrain schedule and the rule that starts ingest (the only user of stepwright-events).
      writeFileSync(yaml, text.replace(/\n {2}# Weekly retraining[\s\S]*?(?=\nrules:)/, '\n').replace(/\n {2}# A file landing under raw\/[\s\S]*?(?=\n {2}# When the raw-to-Parquet)/, '\n'));
    });
    const project = await load(smaller);
    expect(project.schedules.map((s) => s.name)).toEqual(['nightly-ingest']);
    expect(project.rules.map((r) => r.name)).toEqual(['parquet-job-failed']);
    proxy.reset();
    const p = await plan(project, { aws });
    p.close();
    expect(p.changes.map((c) => `${c.action} ${c.type} ${c.name}`)).toEqual([
      'update role fraud-platform-stepwright-slot-starter',
      'update role stepwright-scheduler',
      'delete rule ingest-on-landing',
      'delete schedule fraud-platform/weekly-retrain',
      'delete state-machine transform',
      'delete role fraud-platform-transform',
      'delete role stepwright-events',
    ]);
    await deploy(project, { aws });
    const account = await snapshot(aws);
    expect(Object.keys(account.machines).sort()).toEqual(['bystander', 'ingest', 'pipeline', 'stepwright-slot-starter', 'train']);
    expect(Object.keys(account.schedules)).toEqual(['fraud-platform/nightly-ingest']);
    expect(Object.keys(account.rules).sort()).toEqual(['bystander-other-rule', 'bystander-rule', 'parquet-job-failed']);
    expect(account.roles['fraud-platform-stepwright-slot-starter']!.policy).toMatchObject({ Statement: [{ Resource: [`arn:aws:states:${REGION}:${proxy.account}:stateMachine:ingest`] }] });
    expect(account.roles['fraud-platform-transform']).toBeUndefined();
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
    expect(result.changes.map((c) => `${c.action} ${c.type} ${c.name}`)).toEqual([
      'delete rule parquet-job-failed',
      'delete schedule fraud-platform/nightly-ingest',
      'delete schedule-group fraud-platform',
      'delete state-machine ingest',
      'delete state-machine pipeline',
      'delete state-machine stepwright-slot-starter',
      'delete state-machine train',
      'delete role fraud-platform-ingest',
      'delete role fraud-platform-pipeline',
      'delete role fraud-platform-stepwright-slot-starter',
      'delete role fraud-platform-train',
      'delete role stepwright-scheduler',
    ]);
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
