import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject, loadConfig, formatProblem } from '../../src/index.js';
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
