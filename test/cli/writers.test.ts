/**
 * No command writes outside the project's out/ (or the one output it was told to write), whatever
 * names a project holds, and a file-system failure is a located user error that leaves the previous
 * outputs as they were (issue: never crash, never write outside). One test per writer.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STACK_LINE, stepwright } from './run-cli.js';

function project(schedules?: string): string {
  const root = mkdtempSync(join(tmpdir(), 'stepwright-writers-'));
  mkdirSync(join(root, 'workflows'));
  writeFileSync(join(root, 'stepwright.config.json'), '{ "region": "eu-west-1", "account": "123456789012" }\n');
  for (const name of ['load', 'train']) {
    writeFileSync(join(root, 'workflows', `${name}.ts`), `import { workflow, succeed } from 'stepwright';\nexport default workflow('${name}', { start: succeed('Done') });\n`);
  }
  if (schedules) {
    mkdirSync(join(root, 'schedules'));
    writeFileSync(join(root, 'schedules', 'platform.yaml'), schedules);
  }
  return root;
}

const schedule = (name: string, group: string) => `  - name: ${name}\n    group: "${group}"\n    expression: rate(1 day)\n    target: { workflow: load, role: scheduler }\n`;
/** Every file under `dir`, relative to it. */
const tree = (dir: string, prefix = ''): string[] =>
  existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tree(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`])).sort() : [];

describe('build', () => {
  test('a schedule group named ".." cannot write into out/ itself; nothing is written', async () => {
    const root = project(`schedules:\n${schedule('nightly', '..')}`);
    const r = await stepwright(['build'], root);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join('out', 'nightly.json')}: would be written outside out/asl, out/iam, out/schedules, out/rules`);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(join(root, 'out'))).toBe(false);
  });

  test('a schedule that names no group and one of its name in the project’s group would be one schedule (and one file): refused', async () => {
    const root = project(`schedules:\n${schedule('nightly', 'platform')}  - name: nightly\n    expression: rate(1 day)\n    target: { workflow: load, role: scheduler }\n`);
    writeFileSync(join(root, 'stepwright.config.json'), '{ "name": "platform", "region": "eu-west-1", "account": "123456789012" }\n');
    const r = await stepwright(['build'], root);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('schedule "nightly": another schedule has this name in group "platform"');
    expect(existsSync(join(root, 'out'))).toBe(false);
  });

  test('a folder where an output file should be: a located error, and every previous output is left as it was', async () => {
    const root = project();
    mkdirSync(join(root, 'out', 'asl', 'train.asl.json'), { recursive: true });
    writeFileSync(join(root, 'out', 'asl', 'load.asl.json'), 'previous build\n');
    const r = await stepwright(['build'], root);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join('out', 'asl', 'train.asl.json')}: is a folder, where this output file should be\n    fix: remove or rename the folder`);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(readFileSync(join(root, 'out', 'asl', 'load.asl.json'), 'utf8')).toBe('previous build\n');
    expect(tree(join(root, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('a file where an output folder should be: named, with a fix', async () => {
    const root = project();
    mkdirSync(join(root, 'out'));
    writeFileSync(join(root, 'out', 'iam'), 'not a folder');
    const r = await stepwright(['build'], root);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join('out', 'iam')}: is a file, where the folder ${join('out', 'iam')} should be`);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(tree(join(root, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('temporaries left by a killed build are removed; a running build’s are not', async () => {
    const root = project();
    mkdirSync(join(root, 'out', 'asl'), { recursive: true });
    const dead = join(root, 'out', 'asl', '.load.asl.json.999999999.tmp');
    const running = join(root, 'out', 'asl', '.load.asl.json.1.tmp'); // pid 1 is always alive
    writeFileSync(dead, 'half');
    writeFileSync(running, 'in progress');
    expect((await stepwright(['build'], root)).status).toBe(0);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(running)).toBe(true);
    // The ASL and IAM outputs (and the full build's CloudFormation template and DAGs), with the live build's temporary kept.
    expect(tree(join(root, 'out')).filter((f) => /^(asl|iam)\//.test(f))).toEqual(['asl/.load.asl.json.1.tmp', 'asl/load.asl.json', 'asl/train.asl.json', 'iam/load.policy.json', 'iam/train.policy.json']);
    expect(tree(join(root, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual(['asl/.load.asl.json.1.tmp']);
  });
});

describe('test', () => {
  const scenarios = `workflow: load\nscenarios:\n  - name: done\n    expect: { status: SUCCEEDED }\n`;

  test('--import-mock-config: a state machine named "../x" writes nothing outside the project', async () => {
    const root = project();
    const config = join(root, 'mock.json');
    writeFileSync(config, JSON.stringify({ StateMachines: { '../../escaped': { TestCases: { HappyPath: {} } } }, MockedResponses: {} }));
    const r = await stepwright(['test', '--import-mock-config', config], root);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('"../../escaped" is not a state machine name that can be a file name');
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(join(root, '..', 'escaped.scenarios.yaml'))).toBe(false);
    expect(tree(root)).toEqual(['mock.json', 'stepwright.config.json', 'workflows/load.ts', 'workflows/train.ts']);
  });

  // The HTML report draws SVG with Graphviz's ESM-only WebAssembly module, which Jest's CommonJS transform
  // cannot load in-process: test/cli/process.test.ts checks where the report goes.
  test('coverage goes to --out only; --export-mock-config writes exactly the file named', async () => {
    const root = project();
    writeFileSync(join(root, 'workflows', 'load.scenarios.yaml'), scenarios);
    const r = await stepwright(['test', '--out', 'reports', '--no-report', '--export-mock-config', 'sfn-local/MockConfigFile.json'], root);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(tree(root)).toEqual(['reports/coverage/coverage.json', 'sfn-local/MockConfigFile.json', 'stepwright.config.json', 'workflows/load.scenarios.yaml', 'workflows/load.ts', 'workflows/train.ts']);
  });
});

test('graph: the default path stays in out/graph; --out writes exactly the file named', async () => {
  const root = project();
  expect((await stepwright(['graph', 'workflows/load.ts', '--format', 'dot'], root)).status).toBe(0);
  expect((await stepwright(['graph', 'workflows/train.ts', '--format', 'mermaid', '--out', 'docs/train.mmd'], root)).status).toBe(0);
  expect(tree(root).filter((f) => !f.startsWith('workflows/'))).toEqual(['docs/train.mmd', 'out/graph/load.dot', 'stepwright.config.json']);
});
