/**
 * Every CLI input a user can get wrong is a user error: exit 1, the file with line:column where
 * there is one, a fix, and no stack trace (issues: a new user's first hour; never crash).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STACK_LINE, stepwright } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'stepwright-inputs-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const good = file('good.asl.json', JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Succeed' } } }));

async function userError(args: string[], cwd?: string) {
  const r = await stepwright(args, cwd);
  expect(r.status).toBe(1);
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(r.stderr).not.toContain('internal error');
  return r.stderr;
}

describe('graph', () => {
  test('of a schedules file, a null or a list: said, not crashed', async () => {
    expect(await userError(['graph', 'schedules/fraud-platform.yaml', '--format', 'dot', '--out', '-'])).toContain('schedules/fraud-platform.yaml: is a schedules file, not a state machine definition');
    expect(await userError(['graph', file('null.json', 'null'), '--format', 'dot'])).toContain('null.json: is not a state machine definition: it holds null, without "States"');
    expect(await userError(['graph', file('list.json', '[1,2]'), '--format', 'dot'])).toContain('is not a state machine definition: it holds a list');
  });

  test('of an invalid definition: its problems, not an edge to nowhere', async () => {
    const bad = file('dangling.asl.json', JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } }));
    expect(await userError(['graph', bad, '--format', 'dot', '--out', '-'])).toContain('state "A" › field Next: goes to "Nowhere"');
  });
});

describe('JSON and YAML inputs', () => {
  test('a JSON syntax error is at its line and column, in every kind of input', async () => {
    const broken = '{\n  "Train model": [\n    { "Return": { "a": 1 }, }\n  ]\n}\n';
    expect(await userError(['exec', 'workflows/train.ts', '--mocks', file('mocks.json', broken)])).toMatch(/mocks\.json:3:\d+: the mock file is not valid JSON/);
    expect(await userError(['exec', good, '--input-file', file('input.json', '{\n "a": tru\n}')])).toMatch(/input\.json:2:\d+: the input file is not valid JSON/);
    expect(await userError(['exec', good, '--input', '{"a": }'])).toMatch(/--input: is not valid JSON: .* \(at column 7\)/);
    expect(await userError(['exec', file('def.asl.json', '{ "StartAt": "A",\n  "States": { "A": { "Type": "Succeed" }\n')])).toMatch(/def\.asl\.json:3:1: is not valid JSON/);
    expect(await userError(['events', 'test', 'ingest-on-landing', '--event', file('event.json', '{ "id": "1",\n  "source" "aws.s3" }')])).toMatch(/event\.json:2:\d+: the event file is not valid JSON/);
    expect(await userError(['test', '--import-mock-config', file('config.json', '{ "StateMachines": {}\n  "MockedResponses": {} }')])).toMatch(/config\.json:2:\d+: the mock config is not valid JSON/);
  });

  test('a duplicate key in a JSON file is rejected at its line (JSON.parse would keep the last silently)', async () => {
    const twice = file('twice.asl.json', '{\n  "StartAt": "A",\n  "States": { "A": { "Type": "Succeed" } },\n  "StartAt": "B"\n}\n');
    expect(await userError(['exec', twice])).toContain('twice.asl.json:4:3: is not valid JSON: duplicate key "StartAt"');
  });

  test('a YAML alias bomb in a definition is refused with a message', async () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`), 'StartAt: A', 'States: { A: { Type: Pass, Result: *h, End: true } }'].join('\n');
    expect(await userError(['exec', file('bomb.asl.yaml', bomb)])).toContain('bomb.asl.yaml:1:1: expands too many YAML aliases');
  });

  test('a name with a newline is named, escaped, on one line', async () => {
    const named = file('newline.asl.json', JSON.stringify({ StartAt: 'A\nB', States: { 'A\nB': { Type: 'Pass', Next: 'C' } } }));
    expect(await userError(['graph', named, '--format', 'dot', '--out', '-'])).toContain('state "A\\nB" › field Next');
  });
});

test('validate on a workflow module points to build', async () => {
  // validate reports every file it is given, each in its place in the list (exit 1 when any is not valid).
  const r = await stepwright(['validate', 'workflows/train.ts']);
  expect(r.status).toBe(1);
  expect(r.stdout).toContain('workflows/train.ts: is a workflow module, not an ASL definition\n      fix: build it with `stepwright build workflows/train.ts`');
});

test('every problem at once, sorted by line: a schedule’s unknown workflow is reported beside a workflow’s own problems', async () => {
  const project = mkdtempSync(join(tmpdir(), 'stepwright-all-at-once-'));
  mkdirSync(join(project, 'workflows'));
  mkdirSync(join(project, 'schedules'));
  writeFileSync(join(project, 'stepwright.config.json'), '{ "region": "eu-west-1", "account": "123456789012" }\n');
  writeFileSync(join(project, 'workflows', 'load.ts'), `import { workflow, pass } from 'stepwright';\nexport default workflow('load', { start: pass('A').next('Nowhere') });\n`);
  writeFileSync(
    join(project, 'schedules', 'platform.yaml'),
    'schedules:\n  - name: b\n    expression: rate(1 day)\n    target: { workflow: lod, role: r }\n  - name: a\n    expression: rate(1 dya)\n    target: { workflow: load, role: r }\n',
  );
  const stderr = await userError(['build'], project);
  const lines = stderr.split('\n').filter((l) => /›/.test(l));
  expect(lines).toEqual([
    expect.stringContaining('schedules/platform.yaml:4:'),
    expect.stringContaining('schedules/platform.yaml:6:'),
    expect.stringContaining('workflows/load.ts › workflow "load" › state "A" › field Next'),
  ]);
  expect(lines[0]).toContain('starts workflow "lod", which is not in this project');
});

test('the config: every problem at once, a typo in a setting and a region that does not exist', async () => {
  const project = mkdtempSync(join(tmpdir(), 'stepwright-config-'));
  mkdirSync(join(project, 'workflows'));
  writeFileSync(join(project, 'workflows', 'load.ts'), `import { workflow, succeed } from 'stepwright';\nexport default workflow('load', { start: succeed('Done') });\n`);
  writeFileSync(join(project, 'stepwright.config.json'), '{\n  "region": "eu-wst-1",\n  "acount": "123456789012"\n}\n');
  const stderr = await userError(['build'], project);
  expect(stderr).toContain('stepwright.config.json:2:3 › field region: "eu-wst-1" is not an AWS region\n    fix: did you mean "eu-west-1"?');
  expect(stderr).toContain('stepwright.config.json:3:3 › field acount: unknown setting "acount"\n    fix: did you mean "account"?');
});
