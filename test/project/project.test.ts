import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject, loadConfig, formatProblem, projectFiles } from '../../src/index.js';
import { CONFIG_SCHEMA } from '../../src/project/config-schema.js';

const ROOT = join(__dirname, '..', '..');

/** A scratch project: files by relative path. Workflow modules import the library from this checkout. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'stepwright-project-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const lib = JSON.stringify(join(ROOT, 'src', 'index.ts'));
const passWorkflow = (name: string) => `import { workflow, pass } from ${lib};\nexport default workflow('${name}', { start: pass('Hello') });\n`;

describe('the project as one value', () => {
  test("the examples: every workflow with its ASL, policy and ARN; every schedule and rule with its API input; the slot starter", async () => {
    const p = await loadProject({ root: ROOT });
    expect(p.problems).toEqual([]);
    expect(p.config).toMatchObject({ name: 'fraud-platform', region: 'eu-west-1', account: '123456789012', partition: 'aws' });
    const ingest = p.workflows.find((w) => w.name === 'ingest')!;
    expect(ingest).toMatchObject({ file: 'workflows/ingest.ts', type: 'STANDARD', arn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:ingest' });
    expect(ingest.asl).toBe(readFileSync(join(ROOT, 'test', 'golden', 'ingest.asl.json'), 'utf8'));
    expect(ingest.policy.Statement.length).toBeGreaterThan(0);
    expect(p.workflows.find((w) => w.name === 'stepwright-slot-starter')).toMatchObject({ type: 'STANDARD' });
    expect(p.workflows.find((w) => w.name === 'stepwright-slot-starter')!.workflow).toBeUndefined();
    const nightly = p.schedules.find((s) => s.name === 'nightly-ingest')!;
    expect(nightly.input).toMatchObject({ Name: 'nightly-ingest', ScheduleExpression: 'cron(0 2 * * ? *)', ScheduleExpressionTimezone: 'Europe/Berlin' });
    expect(p.rules.map((r) => r.name)).toContain('ingest-on-landing');
    expect(Object.isFrozen(p) && Object.isFrozen(p.workflows) && Object.isFrozen(ingest.definition)).toBe(true);
  });

  test('schedules and rules name what deploy creates: the workflows’ live alias, the roles deploy manages under /stepwright/<project>/', async () => {
    const p = await loadProject({ root: ROOT });
    const sm = (name: string) => `arn:aws:states:eu-west-1:123456789012:stateMachine:${name}`;
    const role = (name: string) => `arn:aws:iam::123456789012:role/stepwright/fraud-platform/${name}`;
    // The workflow itself keeps its state machine's ARN (what nested executions and IAM name).
    expect(p.workflows.find((w) => w.name === 'ingest')!.arn).toBe(sm('ingest'));
    const nightly = p.schedules.find((s) => s.name === 'nightly-ingest')!.input;
    expect(nightly).toMatchObject({ GroupName: 'fraud-platform', Target: { Arn: 'arn:aws:scheduler:::aws-sdk:sfn:startExecution', RoleArn: role('stepwright-scheduler') } });
    const start = JSON.parse(nightly.Target.Input!) as { StateMachineArn: string; Input: string };
    expect(start.StateMachineArn).toBe(sm('stepwright-slot-starter:live'));
    expect(JSON.parse(start.Input)).toMatchObject({ stateMachineArn: sm('ingest:live') });
    expect(p.schedules.find((s) => s.name === 'stream-health-check')!.input.Target).toMatchObject({ Arn: sm('stream:live'), RoleArn: role('stepwright-scheduler') });
    expect(p.rules.find((r) => r.name === 'cdc-on-replication-failure')!.putTargets.Targets).toMatchObject([{ Arn: sm('cdc:live'), RoleArn: role('stepwright-events') }]);
  });

  test('the config’s deploy settings name them too: alias, role path, existing roles, the group of schedules that name none', async () => {
    const dir = project({
      'stepwright.config.json': JSON.stringify({ name: 'team', region: 'eu-west-1', account: '123456789012', deploy: { alias: 'prod', rolePath: '/data/', scheduleGroup: 'jobs', existingRoles: ['shared-events'] } }),
      'workflows/hello.ts': passWorkflow('hello'),
      'schedules/s.yaml': [
        'schedules:',
        '  - name: hourly',
        '    expression: rate(1 hour)',
        '    target: { workflow: hello, role: runner }',
        '  - name: named-group',
        '    group: other',
        '    expression: rate(1 day)',
        '    target: { workflow: hello, role: arn:aws:iam::123456789012:role/given }',
        'rules:',
        '  - name: on-event',
        '    eventPattern: { source: [team.app] }',
        '    targets: [{ workflow: hello, role: shared-events }]',
        '',
      ].join('\n'),
    });
    const p = await loadProject({ root: dir });
    expect(p.problems).toEqual([]);
    const hourly = p.schedules.find((s) => s.name === 'hourly')!.input;
    expect(hourly).toMatchObject({ GroupName: 'jobs', Target: { Arn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:hello:prod', RoleArn: 'arn:aws:iam::123456789012:role/data/runner' } });
    expect(p.schedules.find((s) => s.name === 'named-group')!.input).toMatchObject({ GroupName: 'other', Target: { RoleArn: 'arn:aws:iam::123456789012:role/given' } });
    expect(p.rules[0]!.putTargets.Targets).toMatchObject([{ Arn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:hello:prod', RoleArn: 'arn:aws:iam::123456789012:role/shared-events' }]);
    // Each schedule is written in its group's folder, the project's group included.
    expect(projectFiles(p, 'out').map((f) => f.path).filter((f) => f.startsWith(join('out', 'schedules')))).toEqual([join('out', 'schedules', 'jobs', 'hourly.json'), join('out', 'schedules', 'other', 'named-group.json')]);
  });

  test('a schedule that names no group and one in the project’s group, of one name, would be one schedule once deployed: a problem', async () => {
    const dir = project({
      'stepwright.config.json': '{ "name": "team", "region": "eu-west-1", "account": "123456789012" }',
      'workflows/hello.ts': passWorkflow('hello'),
      'schedules/a.yaml': 'schedules:\n  - name: nightly\n    expression: rate(1 day)\n    target: { workflow: hello, role: r }\n',
      'schedules/b.yaml': 'schedules:\n  - name: nightly\n    group: team\n    expression: rate(1 day)\n    target: { workflow: hello, role: r }\n  - name: hourly\n    group: default\n    expression: rate(1 hour)\n    target: { workflow: hello, role: r }\n',
      'schedules/c.yaml': 'schedules:\n  - name: hourly\n    expression: rate(1 hour)\n    target: { workflow: hello, role: r }\n',
    });
    const p = await loadProject({ root: dir });
    // Scheduler's "default" group and the project's are two groups: only nightly is one schedule twice.
    expect(p.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/schedules\/b\.yaml › schedule "nightly": another schedule has this name in group "team" \(in \S*schedules\/a\.yaml\)\n {4}fix: give each schedule its own name or group \(a schedule that names no group is in "team"\)$/),
    ]);
  });

  test('every problem at once, located and in reading order: a bad schedule field and an unknown target workflow in the same file', async () => {
    const dir = project({
      'stepwright.config.json': '{ "region": "eu-west-1", "account": "123456789012" }',
      'workflows/hello.ts': passWorkflow('hello'),
      'schedules/s.yaml': ['schedules:', '  - name: nightly', '    expression: rate(1 hour)', '    target:', '      workflow: helo', '      role: r', '  - name: bad', '    expression: cron(0 2 * * * *)', '    target: { workflow: hello, role: r }', ''].join('\n'),
    });
    const p = await loadProject({ root: dir });
    expect(p.problems.map((x) => [x.schedule, x.field, x.line])).toEqual([
      ['nightly', 'target.workflow', 5],
      ['bad', 'expression', 8],
    ]);
    expect(formatProblem(p.problems[0]!)).toMatch(/schedules\/s\.yaml:5:7 › schedule "nightly" › field target\.workflow: starts workflow "helo", which is not in this project\n {4}fix: Use one of: hello\.$/);
  });

  test('a broken workflow module does not hide the schedules’ own problems', async () => {
    const dir = project({
      'workflows/broken.ts': 'throw new Error("boom");\n',
      'schedules/s.yaml': 'schedules:\n  - name: x\n    expression: rate(0 hours)\n    target: { workflow: anything, role: r }\n',
    });
    const p = await loadProject({ root: dir });
    expect(p.problems.map((x) => x.file)).toEqual(expect.arrayContaining([expect.stringMatching(/broken\.ts$/), expect.stringMatching(/s\.yaml$/)]));
    // The workflow list is incomplete, so unknown targets are not claimed.
    expect(p.problems.some((x) => x.field === 'target.workflow')).toBe(false);
  });
});

describe('stepwright.config.json is checked', () => {
  test('a misspelt setting is named, with its line and a suggestion (not reported as a missing account)', () => {
    const dir = project({ 'stepwright.config.json': '{\n  "region": "eu-west-1",\n  "acount": "123456789012"\n}\n' });
    expect(() => loadConfig(dir)).toThrow(/stepwright\.config\.json:3:3 › field acount: unknown setting "acount"\n {4}fix: did you mean "account"\?/);
  });

  test('a region that does not exist is not written into every ARN', () => {
    const dir = project({ 'stepwright.config.json': '{ "region": "eu-wst-1" }' });
    expect(() => loadConfig(dir)).toThrow(/field region: "eu-wst-1" is not an AWS region\n {4}fix: did you mean "eu-west-1"\?/);
  });

  test('JSON syntax errors and duplicate keys are reported at their line', () => {
    expect(() => loadConfig(project({ 'stepwright.config.json': '{\n  "region": "eu-west-1",\n}' }))).toThrow(/stepwright\.config\.json:3:1: is not valid JSON/);
    expect(() => loadConfig(project({ 'stepwright.config.json': '{\n  "name": "a",\n  "name": "b"\n}' }))).toThrow(/stepwright\.config\.json:3:3: is not valid JSON: duplicate key "name"/);
  });

  test('defaults: the name from package.json, the partition from the region', () => {
    const dir = project({ 'package.json': '{ "name": "@acme/pipelines" }', 'stepwright.config.json': '{ "region": "cn-north-1", "account": "123456789012" }' });
    expect(loadConfig(dir)).toMatchObject({ name: 'pipelines', partition: 'aws-cn', workflows: 'workflows', schedules: 'schedules' });
  });

  test('schema/config.schema.json, which editors load, is the schema the loader checks', () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'schema', 'config.schema.json'), 'utf8'))).toEqual(CONFIG_SCHEMA);
  });
});
