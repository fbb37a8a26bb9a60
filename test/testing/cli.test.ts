/** `stepwright test` and `stepwright graph` as a user runs them (main(), in-process). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stepwright as cli } from '../cli/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'stepwright-test-'));

async function stepwright(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const r = await cli(args);
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

test('a passing scenario exits 0 and writes coverage; under --min-coverage it exits 1', async () => {
  const file = scenarioFile('registered', '      outputContains: { promoted: true }\n');
  const ok = await stepwright('test', file, '--out', tmp, '--no-report');
  expect(ok.out).toMatch(/train\s+registered\s+✓ pass\s+SUCCEEDED/);
  expect(ok.out).toMatch(/train\s+1\s+6\/10\s+60%/);
  expect(ok.code).toBe(0);
  expect(JSON.parse(readFileSync(join(tmp, 'coverage/coverage.json'), 'utf8')).workflows.train.states).toMatchObject({ covered: 6, total: 10 });

  const strict = await stepwright('test', file, '--out', tmp, '--no-report', '--min-coverage', '90');
  expect(strict.code).toBe(1);
  expect(strict.err).toContain('below --min-coverage 90%');
});

test('a failing scenario exits 1 and prints where it diverged, the diff and the path', async () => {
  const file = scenarioFile('wrong', '      path: [Good enough?, Notify below threshold]\n      output: { promoted: false }\n');
  const r = await stepwright('test', file, '--out', tmp, '--no-report');
  expect(r.code).toBe(1);
  expect(r.err).toContain('expected "Notify below threshold" after "Good enough?", but the run went "Register model" → "Model registered"');
  expect(r.err).toMatch(/-\s+"promoted": false/);
  expect(r.err).toContain('path taken:');
});

test('graph writes the pipeline as Graphviz DOT (the SVG, laid out by Graphviz in WebAssembly, is tested as a real process in test/cli/process.test.ts)', async () => {
  const out = join(tmp, 'pipeline.dot');
  const r = await stepwright('graph', 'workflows/pipeline.ts', '--format', 'dot', '--out', out);
  expect(r.code).toBe(0);
  const dot = readFileSync(out, 'utf8');
  expect(dot).toContain('digraph');
  expect(dot).toContain('Run ingest');
  expect(dot).toContain('catch States.ALL');
});

test('--json: the outcomes and the coverage for machines (test), the fire times (schedules next)', async () => {
  const file = scenarioFile('json', '      outputContains: { promoted: true }\n');
  const r = await stepwright('test', file, '--out', tmp, '--no-report', '--json');
  expect(r.code).toBe(0);
  const result = JSON.parse(r.out);
  expect(result).toMatchObject({ passed: true, scenarios: [{ workflow: 'train', scenario: 'json', passed: true, status: 'SUCCEEDED', failures: [] }], coverage: { workflows: { train: { runs: 1, states: { covered: 6, total: 10 } } } } });
  expect(result.coverage.workflows.train.uncovered).toContain('train: state "Notify below threshold" never entered');
  const next = await stepwright('schedules', 'next', '--count', '2', '--from', '2026-10-24T00:00:00Z', '--json');
  expect(JSON.parse(next.out)).toContainEqual({ name: 'nightly-ingest', expression: 'cron(0 2 * * ? *)', timezone: 'Europe/Berlin', times: ['2026-10-24T00:00:00.000Z', '2026-10-25T00:00:00.000Z'] });
});
