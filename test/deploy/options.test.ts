/**
 * The deploy settings of the config and the workflow options deploy reads: alias name, existing
 * execution roles, existing roles for rules, a permissions boundary, EXPRESS state machines,
 * logging and tracing, schedules without a group, rules on another bus.
 */
import { CreateEventBusCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cloudFormationTemplate, deploy, plan, type AwsOptions } from '../../src/deploy/index.js';
import type { Project } from '../../src/project/index.js';
import { formatProblem, isStepwrightError, type Problem } from '../../src/model/errors.js';
import { describeWithMoto } from '../support/moto.js';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy.js';
import { awsVia, expectBuildAsDeployed, load, ops, optionsProject, REGION, snapshot, workflowModule, writeConfig } from './fixtures.js';

jest.setTimeout(120_000);

async function problems(run: Promise<unknown>): Promise<Problem[]> {
  try {
    await run;
  } catch (error) {
    if (isStepwrightError(error)) return error.problems;
    throw error;
  }
  throw new Error('expected problems');
}

describeWithMoto('deploy settings and workflow options', (moto) => {
  let proxy: AwsProxy;
  let aws: AwsOptions;

  beforeAll(async () => {
    proxy = await startAwsProxy(moto);
    aws = awsVia(proxy);
    // The team's own bus, which the project's rule uses (deploy does not manage buses).
    await new EventBridgeClient({ region: REGION, ...aws } as object).send(new CreateEventBusCommand({ Name: 'team-bus' }));
  });
  afterAll(() => proxy.close());

  test('logging and tracing, the alias "prod", existing roles used as they are, a boundary on the roles deploy creates', async () => {
    const project = await load(optionsProject(proxy.account));
    await deploy(project, { aws });
    const a = await snapshot(aws);
    const { account } = proxy;
    expect(a.machines.logged).toMatchObject({
      type: 'STANDARD',
      logging: { level: 'ERROR', includeExecutionData: true, destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: `arn:aws:logs:${REGION}:${account}:log-group:/aws/vendedlogs/states/logged:*` } }] },
      tracing: { enabled: true },
      tags: { cost: 'a', 'stepwright:project': 'options-demo' },
    });
    expect(a.machines.legacy!.roleArn).toBe(`arn:aws:iam::${account}:role/legacy-exec`);
    // Roles: the logged workflow's and the schedules' "runner"; none for legacy, none for the existing team-events.
    expect(Object.keys(a.roles).sort()).toEqual(['options-demo-logged', 'runner']);
    expect(a.roles['options-demo-logged']!.path).toBe('/stepwright/options-demo/');
    const statements = (a.roles['options-demo-logged']!.policy as { Statement: { Action: string[] }[] }).Statement.map((s) => s.Action[0]);
    expect(statements).toEqual(expect.arrayContaining(['logs:CreateLogDelivery', 'xray:GetSamplingRules']));
    expect(a.roles.runner!.policy).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['states:StartExecution'], Resource: [`arn:aws:states:${REGION}:${account}:stateMachine:legacy`, `arn:aws:states:${REGION}:${account}:stateMachine:logged`], Condition: { StringEquals: { 'states:StateMachineQualifier': 'prod' } } }],
    });
    // Schedules without a group go in the project's group; targets are the "prod" alias.
    expect(Object.keys(a.schedules).sort()).toEqual(['options-demo/hourly', 'options-demo/once']);
    expect(a.schedules['options-demo/hourly']).toMatchObject({ Target: { Arn: `arn:aws:states:${REGION}:${account}:stateMachine:logged:prod`, RoleArn: `arn:aws:iam::${account}:role/stepwright/options-demo/runner` } });
    expect(JSON.parse((a.schedules['options-demo/once'] as { Target: { Input: string } }).Target.Input)).toEqual({ StateMachineArn: `arn:aws:states:${REGION}:${account}:stateMachine:legacy:prod`, Name: 'once-20270101T000000Z', Input: '{}' });
    // out/ shows the same: the "prod" alias, "runner" under the role path, the existing "team-events" at /.
    expect(project.rules[0]!.putTargets.Targets[0]).toMatchObject({ Arn: `arn:aws:states:${REGION}:${account}:stateMachine:legacy:prod`, RoleArn: `arn:aws:iam::${account}:role/team-events` });
    expectBuildAsDeployed(project, a);
    const p = await plan(project, { aws });
    p.close();
    expect(p.changes).toEqual([]);
  });

  test('the permissions boundary is set on every role deploy creates', async () => {
    const { GetRoleCommand, IAMClient } = await import('@aws-sdk/client-iam');
    const iam = new IAMClient({ region: REGION, ...aws } as object);
    for (const name of ['options-demo-logged', 'runner']) {
      expect((await iam.send(new GetRoleCommand({ RoleName: name }))).Role!.PermissionsBoundary?.PermissionsBoundaryArn).toBe(`arn:aws:iam::${proxy.account}:policy/boundary`);
    }
    iam.destroy();
  });

  test('a change of tags only updates the state machine; a change of logging publishes a version', async () => {
    proxy.reset();
    const retagged = await load(optionsProject(proxy.account, { logged: "logging: { level: 'ERROR', includeExecutionData: true, logGroup: '/aws/vendedlogs/states/logged' }, tracing: true, tags: { cost: 'b' }" }));
    const tags = await plan(retagged, { aws });
    expect(tags.changes).toEqual([{ action: 'update', type: 'state-machine', name: 'logged', detail: 'tags' }]);
    await (await import('../../src/deploy/index.js')).apply(tags);
    expect(ops(proxy.writes())).toEqual(['states:TagResource']);

    proxy.reset();
    const quieter = await load(optionsProject(proxy.account, { logged: "logging: { level: 'FATAL', logGroup: '/aws/vendedlogs/states/logged' }, tracing: true, tags: { cost: 'b' }" }));
    const logging = await plan(quieter, { aws });
    logging.close();
    expect(logging.changes).toEqual([
      { action: 'update', type: 'state-machine', name: 'logged', detail: 'logging' },
      { action: 'create', type: 'version', name: 'logged' },
      { action: 'update', type: 'alias', name: 'logged:prod' },
    ]);
  });

  test('what AWS cannot change, or deploy cannot own, is a problem before any write', async () => {
    proxy.reset();
    const express = await problems(plan(await load(optionsProject(proxy.account, { logged: "type: 'EXPRESS'" })), { aws }));
    expect(express.map(formatProblem)).toEqual([
      expect.stringMatching(/workflows\/logged\.ts › workflow "logged" › field type: the deployed state machine is STANDARD, the workflow says EXPRESS; AWS cannot change a state machine's type\n {4}fix: rename the workflow/),
    ]);
    const noGroup = await problems(plan(await load(optionsProject(proxy.account, { logged: "logging: { level: 'ALL' }" })), { aws }));
    expect(noGroup.map(formatProblem)).toEqual([expect.stringMatching(/workflows\/logged\.ts › workflow "logged" › field logging\.logGroup: logging at level ALL needs a log group/)]);
    const inDefault = await problems(plan(await load(optionsProject(proxy.account, { schedules: 'schedules:\n  - name: hourly\n    group: default\n    expression: rate(1 hour)\n    target: { workflow: legacy, role: runner }\n' })), { aws }));
    expect(inDefault.map(formatProblem)).toEqual([expect.stringMatching(/schedules\/jobs\.yaml › schedule "hourly" › field group: the default schedule group cannot carry tags/)]);
    expect(proxy.writes()).toEqual([]);
  });

  test('a workflow that calls no AWS service gets a role with no inline policy (IAM refuses one without statements), until it calls one', async () => {
    const other = await startAwsProxy(moto);
    const aws = awsVia(other);
    /** The one-workflow project "bare", as a new folder each time (modules load fresh). */
    const bare = (start: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'stepwright-deploy-bare-'));
      mkdirSync(join(dir, 'workflows'));
      writeFileSync(join(dir, 'workflows', 'hello.ts'), workflowModule('hello', start));
      writeConfig(dir, { name: 'bare', region: REGION, account: other.account });
      return load(dir);
    };
    const changes = async (project: Project) => {
      const p = await plan(project, { aws });
      p.close();
      return p.changes.map((c) => `${c.action} ${c.type} ${c.name}${c.detail ? ` (${c.detail})` : ''}`);
    };
    try {
      const passOnly = await bare("pass('Hello')");
      expect(passOnly.workflows[0]!.policy.Statement).toEqual([]);
      await deploy(passOnly, { aws });
      expect(ops(other.writes()).filter((o) => o.startsWith('iam:'))).toEqual(['iam:CreateRole']);
      expect((await snapshot(aws)).roles['bare-hello']).toMatchObject({ path: '/stepwright/bare/', policy: undefined });
      expect(await changes(passOnly)).toEqual([]);

      // It starts publishing to SNS: its role gets the policy; back to Pass only, the policy goes.
      const publishing = await bare("sns.publish('Notify', { TopicArn: 'arn:aws:sns:eu-west-1:123456789012:alerts', Message: 'hello' })");
      expect(await changes(publishing)).toEqual(['update role bare-hello (policy)', 'update state-machine hello (definition)', 'create version hello', 'update alias hello:live']);
      await deploy(publishing, { aws });
      expect((await snapshot(aws)).roles['bare-hello']!.policy).toEqual(publishing.workflows[0]!.policy);
      const quiet = await bare("pass('Hello')");
      other.reset();
      await deploy(quiet, { aws });
      expect(ops(other.writes()).filter((o) => o.startsWith('iam:'))).toEqual(['iam:DeleteRolePolicy']);
      expect((await snapshot(aws)).roles['bare-hello']!.policy).toBeUndefined();
      expect(await changes(quiet)).toEqual([]);
      // The CloudFormation template gives such a role no policy either.
      expect(cloudFormationTemplate(quiet).Resources.BareHelloRole!.Properties.Policies).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  test('an EXPRESS workflow is created as EXPRESS', async () => {
    // moto 5.2.1 ignores the type on CreateStateMachine (it describes every machine as STANDARD), so
    // what is checked here is the request deploy sends; AWS creates the machine with that type.
    const other = await startAwsProxy(moto);
    try {
      await new EventBridgeClient({ region: REGION, ...awsVia(other) } as object).send(new CreateEventBusCommand({ Name: 'team-bus' }));
      await deploy(await load(optionsProject(other.account, { logged: "type: 'EXPRESS', logging: { level: 'ALL', logGroup: 'arn:aws:logs:eu-west-1:1:log-group:x' }" })), { aws: awsVia(other) });
      const create = other.calls.find((c) => c.operation === 'CreateStateMachine' && c.text.includes('"name":"logged"'))!;
      expect(JSON.parse(create.text.slice(create.text.indexOf('{')))).toMatchObject({ type: 'EXPRESS', publish: true, loggingConfiguration: { level: 'ALL', destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: 'arn:aws:logs:eu-west-1:1:log-group:x:*' } }] } });
    } finally {
      await other.close();
    }
  });

  test('the SDK’s per-service endpoint variables are honoured, over AWS_ENDPOINT_URL', async () => {
    const project = await load(optionsProject(proxy.account));
    const names = ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_SFN', 'AWS_ENDPOINT_URL_SCHEDULER', 'AWS_ENDPOINT_URL_EVENTBRIDGE', 'AWS_ENDPOINT_URL_IAM', 'AWS_ENDPOINT_URL_STS'];
    const saved = names.map((n) => process.env[n]);
    try {
      // Nothing listens on port 9: only the per-service variables can make this plan work.
      process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
      for (const n of names.slice(1)) process.env[n] = proxy.endpoint;
      proxy.reset();
      const p = await plan(project, { aws: { credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } } });
      p.close();
      expect(p.caller).toBe(`arn:aws:sts::${proxy.account}:user/moto`);
      expect(new Set(proxy.calls.map((c) => c.service))).toEqual(new Set(['sts', 'states', 'scheduler', 'events', 'iam']));
    } finally {
      names.forEach((n, i) => (saved[i] === undefined ? delete process.env[n] : (process.env[n] = saved[i])));
    }
  });
});
