/**
 * The CloudFormation template `stepwright build` writes: what it holds, that AWS's cfn-lint finds
 * no error in it, and that its state machines and rules deploy on moto's CloudFormation.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, CreateStackCommand, DescribeStackResourcesCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { EventBridgeClient, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { cloudFormationTemplate, type CloudFormationTemplate } from '../../src/deploy/index.js';
import type { Project } from '../../src/project/index.js';
import { describeWithMoto } from '../support/moto.js';
import { startAwsProxy } from '../support/aws-proxy.js';
import { stepwrightProcess as stepwright } from '../cli/run-cli.js';
import { awsVia, exampleProject, load, optionsProject, ownedBy, REGION, ROOT } from './fixtures.js';

jest.setTimeout(120_000);

const types = (t: CloudFormationTemplate) => Object.values(t.Resources).map((r) => r.Type).sort();

/** cfn-lint, AWS's CloudFormation linter (Python), when installed; under CI it must be. */
function cfnLint(): string[] | undefined {
  for (const command of [['cfn-lint'], ['python3', '-m', 'cfnlint']]) {
    if (spawnSync(command[0]!, [...command.slice(1), '--version'], { encoding: 'utf8' }).status === 0) return command;
  }
  return undefined;
}

describe('the CloudFormation template', () => {
  let examples: Project;
  let template: CloudFormationTemplate;
  beforeAll(async () => {
    examples = await load(ROOT);
    template = cloudFormationTemplate(examples);
  });

  test('stepwright build writes it to out/cloudformation/template.json, byte for byte the same each time', () => {
    const [a, b] = [mkdtempSync(join(tmpdir(), 'stepwright-cfn-')), mkdtempSync(join(tmpdir(), 'stepwright-cfn-'))];
    for (const out of [a, b]) expect(stepwright(['build', '--out', out, '--quiet']).status).toBe(0);
    const written = readFileSync(join(a, 'cloudformation', 'template.json'), 'utf8');
    expect(readFileSync(join(b, 'cloudformation', 'template.json'), 'utf8')).toBe(written);
    expect(JSON.parse(written)).toEqual(template);
  });

  test('holds the same roles, state machines, versions, aliases, schedule group, schedules and rules as deploy', () => {
    const owned = ownedBy(examples);
    expect(types(template)).toEqual([
      ...Array(owned.rules.length).fill('AWS::Events::Rule'),
      ...Array(owned.roles.length).fill('AWS::IAM::Role'),
      ...Array(owned.schedules.length).fill('AWS::Scheduler::Schedule'),
      ...Array(owned.groups.length).fill('AWS::Scheduler::ScheduleGroup'),
      ...Array(owned.machines.length).fill('AWS::StepFunctions::StateMachine'),
      ...Array(owned.machines.length).fill('AWS::StepFunctions::StateMachineAlias'),
      ...Array(owned.machines.length).fill('AWS::StepFunctions::StateMachineVersion'),
    ]);
    const named = (type: string, property: string) => Object.values(template.Resources).filter((x) => x.Type === type).map((x) => x.Properties[property]).sort();
    expect(named('AWS::IAM::Role', 'RoleName')).toEqual(owned.roles);
    expect(named('AWS::StepFunctions::StateMachine', 'StateMachineName')).toEqual(owned.machines);
    expect(named('AWS::Events::Rule', 'Name')).toEqual(owned.rules);
    const r = template.Resources;
    expect(r.IngestStateMachine!.Properties).toMatchObject({ StateMachineName: 'ingest', DefinitionString: examples.workflows.find((w) => w.name === 'ingest')!.asl, RoleArn: { 'Fn::GetAtt': ['FraudPlatformIngestRole', 'Arn'] } });
    // A new revision publishes a new version; the old one is kept to roll back to.
    expect(r.IngestVersion).toEqual({
      Type: 'AWS::StepFunctions::StateMachineVersion',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: { StateMachineArn: { Ref: 'IngestStateMachine' }, StateMachineRevisionId: { 'Fn::GetAtt': ['IngestStateMachine', 'StateMachineRevisionId'] } },
    });
    expect(r.IngestAlias!.Properties).toEqual({ Name: 'live', RoutingConfiguration: [{ StateMachineVersionArn: { Ref: 'IngestVersion' }, Weight: 100 }] });
    // Schedules and rules start the aliases, and are created after them.
    expect(r.FraudPlatformNightlyIngestSchedule).toMatchObject({ DependsOn: ['IngestAlias', 'StepwrightSlotStarterAlias'], Properties: { GroupName: { Ref: 'FraudPlatformScheduleGroup' }, Target: { RoleArn: { 'Fn::GetAtt': ['StepwrightSchedulerRole', 'Arn'] } } } });
    expect(r.IngestOnLandingRule).toMatchObject({ DependsOn: ['IngestAlias'], Properties: { Targets: [{ Arn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:ingest:live' }] } });
    expect(r.CdcOnReplicationFailureRule).toMatchObject({ DependsOn: ['CdcAlias'], Properties: { Targets: [{ Arn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:cdc:live', RoleArn: { 'Fn::GetAtt': ['StepwrightEventsRole', 'Arn'] } }] } });
    // A schedule that is not idempotent starts the alias itself, not through the starter.
    expect(r.FraudPlatformStreamHealthCheckSchedule).toMatchObject({ DependsOn: ['StreamAlias'], Properties: { Target: { Arn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:stream:live' } } });
  });

  test('a schedule in Scheduler’s default group stays there (a stack owns it; deploy refuses, having no tag to own it by)', async () => {
    const project = await load(optionsProject('123456789012', { schedules: 'schedules:\n  - name: hourly\n    group: default\n    expression: rate(1 hour)\n    target: { workflow: legacy, role: runner }\n' }));
    const t = cloudFormationTemplate(project);
    expect(types(t).filter((type) => type.startsWith('AWS::Scheduler'))).toEqual(['AWS::Scheduler::Schedule']);
    expect(t.Resources.DefaultHourlySchedule!.Properties).toMatchObject({ Name: 'hourly', GroupName: 'default' });
  });

  const lint = cfnLint();
  const withLint = lint || process.env.CI ? test : test.skip;
  withLint(`passes cfn-lint with no error${lint ? '' : ' (skipped: cfn-lint is not installed; pip install cfn-lint)'}`, async () => {
    if (!lint) throw new Error('cfn-lint is not installed, and CI is set: install it (pip install cfn-lint)');
    const dir = mkdtempSync(join(tmpdir(), 'stepwright-cfn-lint-'));
    // The examples, and a project using every deploy setting (logging, tracing, existing roles, a boundary, another bus).
    const files = [join(dir, 'examples.json'), join(dir, 'options.json')];
    writeFileSync(files[0]!, JSON.stringify(template, null, 2));
    writeFileSync(files[1]!, JSON.stringify(cloudFormationTemplate(await load(optionsProject('123456789012'))), null, 2));
    const result = spawnSync(lint[0]!, [...lint.slice(1), '--format', 'parseable', ...files], { encoding: 'utf8' });
    // Exit code 0: nothing found; cfn-lint adds 2 for errors, 4 for warnings, 8 for informational findings.
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describeWithMoto('the template on moto’s CloudFormation', (moto) => {
  test('its roles, state machines and rules deploy (moto’s CloudFormation skips versions, aliases and Scheduler resources)', async () => {
    const proxy = await startAwsProxy(moto);
    try {
      const project = await load(exampleProject(proxy.account));
      const template = cloudFormationTemplate(project);
      const config = { region: REGION, ...awsVia(proxy) } as object;
      const cfn = new CloudFormationClient(config);
      const stack = `fraud-platform-${proxy.account}`;
      await cfn.send(new CreateStackCommand({ StackName: stack, TemplateBody: JSON.stringify(template), Capabilities: ['CAPABILITY_NAMED_IAM'] }));
      expect((await cfn.send(new DescribeStacksCommand({ StackName: stack }))).Stacks![0]!.StackStatus).toMatch(/CREATE_(IN_PROGRESS|COMPLETE)/);
      // moto creates resources as they are read; reading them is what makes the stack.
      const resources = (await cfn.send(new DescribeStackResourcesCommand({ StackName: stack }))).StackResources!.filter((r) => r.ResourceType);
      const owned = ownedBy(project);
      expect(resources.map((r) => r.ResourceType).sort()).toEqual([...Array(owned.rules.length).fill('AWS::Events::Rule'), ...Array(owned.roles.length).fill('AWS::IAM::Role'), ...Array(owned.machines.length).fill('AWS::StepFunctions::StateMachine')]);
      expect(resources.every((r) => r.ResourceStatus === 'CREATE_COMPLETE')).toBe(true);
      const sfn = new SFNClient(config);
      for (const w of project.workflows) {
        const d = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: `arn:aws:states:${REGION}:${proxy.account}:stateMachine:${w.name}` }));
        expect(JSON.parse(d.definition!)).toEqual(w.definition);
        expect(d.roleArn).toMatch(new RegExp(`^arn:aws:iam::${proxy.account}:role/stepwright/fraud-platform/`));
      }
      const events = new EventBridgeClient(config);
      expect((await events.send(new ListTargetsByRuleCommand({ Rule: 'ingest-on-landing' }))).Targets).toMatchObject([{ Id: 'ingest', Arn: `arn:aws:states:${REGION}:${proxy.account}:stateMachine:ingest:live` }]);
      for (const c of [cfn, sfn, events]) c.destroy();
    } finally {
      await proxy.close();
    }
  });
});

