/**
 * `stepwright dags` and the out/dags part of `stepwright build` (main() in this process; usage errors
 * in a real process, as a user's shell sees them): the files
 * for every example, the chosen Airflow version and target, usage errors, and stale DAG files
 * removed from out/dags only.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stepwright, stepwrightProcess } from '../cli/run-cli.js';
import { schemaErrors } from './checks.js';

const temp = () => mkdtempSync(join(tmpdir(), 'stepwright-dags-cli-'));
const EXAMPLES = ['cdc', 'ingest', 'pipeline', 'saas', 'stream', 'train', 'transform'];

test('stepwright build writes out/dags for every example: YAML, loader, helpers, requirements, COMPARISON.md; and removes stale DAG files there only', async () => {
  const out = temp();
  mkdirSync(join(out, 'dags', 'stepwright_helpers'), { recursive: true });
  writeFileSync(join(out, 'dags', 'retired.yaml'), 'retired: {}\n');
  writeFileSync(join(out, 'dags', 'stepwright_helpers', 'retired.py'), '');
  writeFileSync(join(out, 'dags', 'notes.json'), '{}');
  writeFileSync(join(out, 'elsewhere.yaml'), 'not ours\n');
  const r = await stepwright(['build', '--out', out, '--quiet']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const files = readdirSync(join(out, 'dags')).sort();
  expect(files).toEqual(['.airflowignore', 'COMPARISON.md', ...EXAMPLES.map((e) => `${e}.yaml`), 'notes.json', 'requirements.txt', 'stepwright_dags.py', 'stepwright_helpers'].sort());
  expect(readdirSync(join(out, 'dags', 'stepwright_helpers')).sort()).toEqual(['__init__.py', 'cdc.py', 'ingest.py', 'runtime.py', 'runtime_jsonata.py', 'stream.py', 'train.py', 'transform.py']);
  expect(existsSync(join(out, 'elsewhere.yaml'))).toBe(true);
  const report = readFileSync(join(out, 'dags', 'COMPARISON.md'), 'utf8');
  for (const e of EXAMPLES) expect(report).toContain(`## ${e}\n`);
  for (const e of EXAMPLES) expect(schemaErrors(readFileSync(join(out, 'dags', `${e}.yaml`), 'utf8'))).toEqual([]);
}, 120_000);

test('stepwright dags --airflow 2 writes the Airflow 2 paths and a summary; the YAML names the schema relative to itself', async () => {
  const out = join('out', `dags-cli-${process.pid}`);
  const r = await stepwright(['dags', '--airflow', '2', '--out', out]);
  try {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^DAG\s+tasks\s+states exact \/ approximated \/ not expressible\s+written to$/m);
    expect(r.stdout).toMatch(/^saas\s+\d+\s+\d+ \/ \d+ \/ \d+\s+out\/dags-cli-\d+\/dags\/saas\.yaml$/m);
    expect(r.stdout).toContain('Airflow 2, mwaa');
    const train = readFileSync(join(out, 'dags', 'train.yaml'), 'utf8');
    expect(train).toContain('# yaml-language-server: $schema=../../../schema/dag-factory.schema.json\n');
    expect(existsSync(join(out, 'dags', '../../../schema/dag-factory.schema.json'))).toBe(true);
    expect(train).toContain('operator: airflow.operators.python.BranchPythonOperator');
  } finally {
    require('node:fs').rmSync(out, { recursive: true, force: true });
  }
}, 120_000);

test('stepwright dags --target mwaa-serverless leaves out what MWAA Serverless cannot run, and says why', async () => {
  const out = temp();
  const r = await stepwright(['dags', '--target', 'mwaa-serverless', '--out', out]);
  expect(r.status).toBe(0);
  expect(readdirSync(join(out, 'dags')).sort()).toEqual(['COMPARISON.md', 'saas.yaml']);
  expect(r.stdout).toMatch(/^train\s+\(not written\)\s+.*state Good enough\?: a branch needs a Python callable, which MWAA Serverless does not run$/m);
}, 120_000);

test('usage errors exit 1 with the fix, without a stack trace', () => {
  const bad = stepwrightProcess(['dags', '--airflow', '4', '--out', temp()]);
  expect(bad.status).toBe(1);
  expect(bad.stderr).toContain('"4" is not an Airflow major version this generator writes');
  expect(bad.stderr).not.toMatch(/^\s+at /m);
  const serverless2 = stepwrightProcess(['dags', '--airflow', '2', '--target', 'mwaa-serverless', '--out', temp()]);
  expect(serverless2.status).toBe(1);
  expect(serverless2.stderr).toContain('MWAA Serverless runs Airflow 3 only');
}, 60_000);
