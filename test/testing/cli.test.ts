/** `stepwright test` and `stepwright graph` as a user runs them (a child process, through tsx). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'stepwright-test-'));

function stepwright(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const mocks = `    mocks:
      Train model: [ { Return: { ModelArtifacts: { S3ModelArtifacts: 's3://m/model.tar.gz' } } } ]
      Evaluate model: [ { Return: { Payload: { auc: 0.95, modelArtifacts: 's3://m/model.tar.gz' } } } ]
      Register model: [ { Return: { Payload: { modelPackageArn: 'arn:pkg/1' } } } ]
`;

function scenarioFile(name: string, expectText: string): string {
  const path = join(tmp, `${name}.scenarios.yaml`);
  writeFileSync(path, `workflow: train\nscenarios:\n  - name: ${name}\n    input: { date: '2026-11-01' }\n${mocks}    expect:\n${expectText}`);
  return path;
}

test('a passing scenario exits 0 and writes coverage; under --min-coverage it exits 1', () => {
  const file = scenarioFile('registered', '      outputContains: { promoted: true }\n');
  const ok = stepwright('test', file, '--out', tmp, '--no-report');
  expect(ok.out).toMatch(/train\s+registered\s+✓ pass\s+SUCCEEDED/);
  expect(ok.out).toMatch(/train\s+1\s+6\/10\s+60%/);
  expect(ok.code).toBe(0);
  expect(JSON.parse(readFileSync(join(tmp, 'coverage/coverage.json'), 'utf8')).workflows.train.states).toMatchObject({ covered: 6, total: 10 });

  const strict = stepwright('test', file, '--out', tmp, '--no-report', '--min-coverage', '90');
  expect(strict.code).toBe(1);
  expect(strict.err).toContain('below --min-coverage 90%');
}, 30_000);

test('a failing scenario exits 1 and prints where it diverged, the diff and the path', () => {
  const file = scenarioFile('wrong', '      path: [Good enough?, Notify below threshold]\n      output: { promoted: false }\n');
  const r = stepwright('test', file, '--out', tmp, '--no-report');
  expect(r.code).toBe(1);
  expect(r.err).toContain('expected "Notify below threshold" after "Good enough?", but the run went "Register model" → "Model registered"');
  expect(r.err).toMatch(/-\s+"promoted": false/);
  expect(r.err).toContain('path taken:');
}, 30_000);

test('graph writes a Graphviz SVG of the pipeline', () => {
  const out = join(tmp, 'pipeline.svg');
  const r = stepwright('graph', 'workflows/pipeline.ts', '--format', 'svg', '--out', out);
  expect(r.code).toBe(0);
  const svg = readFileSync(out, 'utf8');
  expect(svg).toContain('<svg');
  expect(svg).toContain('Run ingest');
  expect(svg).toContain('catch States.ALL');
}, 30_000);
