import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, STACK_LINE, stepwright, stepwrightProcess, type CliResult } from './run-cli.js';

const temp = () => mkdtempSync(join(tmpdir(), 'stepwright-'));

describe('stepwright build', () => {
  const out = temp();
  let first: CliResult;
  beforeAll(async () => {
    first = await stepwright(['build', '--out', out]);
  });

  test('writes every example workflow, schedule and rule, and a summary', async () => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(readdirSync(join(out, 'asl')).sort()).toEqual(['cdc.asl.json', 'ingest.asl.json', 'pipeline.asl.json', 'saas.asl.json', 'stepwright-slot-starter.asl.json', 'stream.asl.json', 'train.asl.json', 'transform.asl.json']);
    // Schedule names are unique per group: a named group's schedules get its folder.
    expect(readdirSync(join(out, 'schedules', 'fraud-platform')).sort()).toEqual(['daily-saas.json', 'nightly-cdc.json', 'nightly-ingest.json', 'stream-health-check.json', 'weekly-retrain.json']);
    expect(readdirSync(join(out, 'rules')).sort()).toEqual(['cdc-on-replication-failure.json', 'ingest-on-landing.json', 'parquet-job-failed.json']);
    expect(readdirSync(join(out, 'iam')).sort()).toEqual(['cdc.policy.json', 'ingest.policy.json', 'pipeline.policy.json', 'saas.policy.json', 'stream.policy.json', 'train.policy.json', 'transform.policy.json']);
    expect(first.stdout).toMatch(/transform\s+5\s+athena, glue, sns\s+JSONPath/);
  });

  test('is deterministic: a second build is byte-identical', async () => {
    const again = temp();
    expect((await stepwright(['build', '--out', again, '--quiet'])).status).toBe(0);
    for (const dir of ['asl', 'schedules/fraud-platform', 'rules', 'iam']) {
      for (const file of readdirSync(join(out, dir))) expect(readFileSync(join(again, dir, file), 'utf8')).toBe(readFileSync(join(out, dir, file), 'utf8'));
    }
  });

  test('a full build removes the outputs of a workflow that no longer exists', async () => {
    const stale = temp();
    for (const dir of ['asl', 'iam']) mkdirSync(join(stale, dir), { recursive: true });
    writeFileSync(join(stale, 'asl', 'retired.asl.json'), '{}');
    writeFileSync(join(stale, 'iam', 'retired.policy.json'), '{}');
    writeFileSync(join(stale, 'asl', 'notes.txt'), 'not ours to remove');
    const r = await stepwright(['build', '--out', stale]);
    expect(r.status).toBe(0);
    expect(existsSync(join(stale, 'asl', 'retired.asl.json'))).toBe(false);
    expect(existsSync(join(stale, 'iam', 'retired.policy.json'))).toBe(false);
    expect(existsSync(join(stale, 'asl', 'notes.txt'))).toBe(true);
    expect(existsSync(join(stale, 'asl', 'ingest.asl.json'))).toBe(true);
    expect(r.stdout).toContain('removed outputs of workflows, schedules or rules that no longer exist');
  });

  test('each workflow gets its execution role policy, with concrete ARNs, and every widening is said', async () => {
    const ingestPolicy = JSON.parse(readFileSync(join(out, 'iam', 'ingest.policy.json'), 'utf8'));
    expect(ingestPolicy.Statement).toContainEqual(expect.objectContaining({ Action: expect.arrayContaining(['glue:StartJobRun', 'glue:GetJobRun']), Resource: ['arn:aws:glue:eu-west-1:123456789012:job/transactions-raw-to-parquet'] }));
    expect(first.stdout).toContain('workflows/train.ts › workflow "train": state "Train model": TrainingJobName is set at run time');
  });

  test('schedules are exactly CreateSchedule input, in the schedule’s time zone', async () => {
    const nightly = JSON.parse(readFileSync(join(out, 'schedules', 'fraud-platform', 'nightly-ingest.json'), 'utf8'));
    expect(nightly).toMatchObject({ Name: 'nightly-ingest', ScheduleExpression: 'cron(0 2 * * ? *)', ScheduleExpressionTimezone: 'Europe/Berlin', FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 } });
  });
});

describe('stepwright build with a broken workflow', () => {
  const project = temp();
  mkdirSync(join(project, 'workflows'));
  writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
  const src = JSON.stringify(join(REPO, 'src', 'index.ts'));
  writeFileSync(
    join(project, 'workflows', 'broken.ts'),
    `import { workflow, pass, succeed, expr } from ${src};
export default workflow('broken', {
  start: pass('Load', { output: expr('$states.input.(') }).next('Trasnform'),
  states: [succeed('Orphan')],
});
`,
  );
  let result: CliResult;
  beforeAll(async () => {
    result = await stepwright(['build'], project);
  });

  test('exits non-zero and writes nothing', async () => {
    expect(result.status).toBe(1);
    expect(existsSync(join(project, 'out'))).toBe(false);
  });

  test('names the file, workflow, state and field of each problem, with a fix, and no stack trace', async () => {
    expect(result.stderr).toContain('workflows/broken.ts › workflow "broken" › state "Load" › field Next: goes to "Trasnform", but no state has that name');
    expect(result.stderr).toContain('state "Orphan": is listed in states but no transition reaches it');
    expect(result.stderr).toContain('state "Load" › field Output: JSONata expression does not parse');
    expect(result.stderr).toMatch(/fix: /);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  test('a module that throws while loading is reported at its file and line, without a stack trace', async () => {
    writeFileSync(join(project, 'workflows', 'throws.ts'), `const x: any = undefined;\nexport default x.oops;\n`);
    const r = await stepwright(['build', 'workflows/throws.ts'], project);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/workflows\/throws\.ts:2:\d+: could not load the module: .*oops/);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});

describe('stepwright validate', () => {
  const dir = temp();
  const good = join(dir, 'good.asl.json');
  const bad = join(dir, 'bad.asl.json');
  writeFileSync(good, JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Succeed' } } }));
  writeFileSync(bad, JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } }));

  test('accepts a valid definition', async () => {
    const r = await stepwright(['validate', good]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`✓ ${good}`);
  });

  test('rejects an invalid one with located problems', async () => {
    const r = await stepwright(['validate', good, bad]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`✗ ${bad}`);
    expect(r.stdout).toContain('state "A" › field Next: goes to "B", which is not a state');
  });

  test('--json is machine-readable', async () => {
    const r = await stepwright(['validate', '--json', bad]);
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ file: bad, valid: false })]);
  });
});

describe('stepwright exec', () => {
  const dir = temp();
  const mocks = join(dir, 'mocks.json');
  writeFileSync(
    mocks,
    JSON.stringify({
      'Name the training run': undefined,
      'Train model': [{ Throw: { Error: 'SageMaker.AmazonSageMakerException', Cause: 'Rate exceeded' } }, { Return: { ModelArtifacts: { S3ModelArtifacts: 's3://m/model.tar.gz' } } }],
      'Evaluate model': [{ Return: { Payload: { auc: 0.95, modelArtifacts: 's3://m/model.tar.gz' } } }],
      'Register model': [{ Return: { Payload: { modelPackageArn: 'arn:aws:sagemaker:eu-west-1:123456789012:model-package/fraud/1' } } }],
    }),
  );

  test('runs a workflow module with mocks on virtual time', async () => {
    const r = await stepwright(['exec', 'workflows/train.ts', '--input', '{"date":"2026-11-01"}', '--mocks', mocks, '--history']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^SUCCEEDED in \d+(\.\d+)?s of virtual time/);
    expect(r.stdout).toContain('"modelPackageArn": "arn:aws:sagemaker:eu-west-1:123456789012:model-package/fraud/1"');
    expect(r.stdout).toMatch(/TaskFailed\s+Train model|TaskFailed/);
  });

  test('the README’s command runs train with its happy-path mocks', async () => {
    const r = await stepwright(['exec', 'workflows/train.ts', '--input', '{"date":"2026-11-01"}', '--mocks', 'test/mocks/train-happy.json']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('"modelPackageArn": "arn:aws:sagemaker:eu-west-1:123456789012:model-package/fraud/7"');
  });

  test('--json gives the result object', async () => {
    const r = await stepwright(['exec', 'workflows/train.ts', '--input', '{"date":"2026-11-01"}', '--mocks', mocks, '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'SUCCEEDED', output: { promoted: true, auc: 0.95 } });
  });

  test('an unmocked task fails the run, naming the state and resource, and says how to mock it in a file and in code', async () => {
    const r = await stepwright(['exec', 'workflows/train.ts', '--input', '{"date":"2026-11-01"}']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('FAILED');
    expect(r.stdout).toContain('Train model');
    expect(r.stdout).toContain('arn:aws:states:::sagemaker:createTrainingJob.sync');
    expect(r.stdout).toContain(`"Train model": [{ "Return": ... }] in a mock file or scenario, mocks: { 'Train model': [...] } in code`);
  });

  test('--clock sets the virtual start (as `clock` in the API and scenario files); --json has the path without --history', async () => {
    const r = await stepwright(['exec', 'workflows/train.ts', '--input', '{"date":"2026-11-01"}', '--mocks', mocks, '--json', '--clock', '2026-11-01T23:30:00Z']);
    const result = JSON.parse(r.stdout);
    expect(result.startDate).toBe('2026-11-01T23:30:00.000Z');
    expect(result.path).toEqual(['Name the training run', 'Train model', 'Evaluate model', 'Good enough?', 'Register model', 'Model registered']);
    expect(result.history).toBeUndefined();
    expect((await stepwright(['exec', 'workflows/train.ts', '--clock', 'tomorrow'])).stderr).toContain('field --clock: "tomorrow" is not a time');
  });

  test('the history table shows the error of each failure', async () => {
    const r = await stepwright(['exec', 'workflows/train.ts', '--input', '{"date":"2026-11-01"}', '--mocks', mocks, '--history']);
    expect(r.stdout).toMatch(/TaskFailed\s+SageMaker\.AmazonSageMakerException/);
  });

  test('a mock file naming an unknown state is a user error at the mock file', async () => {
    const wrong = join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ 'Train modle': [{ Return: {} }] }));
    const r = await stepwright(['exec', 'workflows/train.ts', '--mocks', wrong]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(wrong);
    expect(r.stderr).toContain('Train modle');
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  test('bad --input JSON is a user error', async () => {
    const r = await stepwright(['exec', 'workflows/train.ts', '--input', '{date:1}']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--input: is not valid JSON');
  });

  test('runs a plain ASL file too', async () => {
    const file = join(dir, 'hello.asl.json');
    writeFileSync(file, JSON.stringify({ QueryLanguage: 'JSONata', StartAt: 'Hi', States: { Hi: { Type: 'Pass', Output: '{% "hello " & $states.input.name %}', End: true } } }));
    const r = await stepwright(['exec', file, '--input', '{"name":"data"}', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'SUCCEEDED', output: 'hello data' });
  });
});

describe('stepwright schedules and events', () => {
  test('schedules next lists fire times in each schedule’s zone, across a DST change', async () => {
    const r = await stepwright(['schedules', 'next', '--count', '3', '--from', '2026-10-24T00:00:00Z']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('2026-10-25 02:00 CEST  2026-10-25T00:00:00.000Z');
    expect(r.stdout).toContain('2026-10-26 02:00 CET   2026-10-26T01:00:00.000Z');
  });

  test('events test: a landed object matches and the workflow receives the transformed input', async () => {
    const r = await stepwright(['events', 'test', 'ingest-on-landing', '--event', 'schedules/samples/s3-object-created.json']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('✓ matches rule ingest-on-landing');
    expect(r.stdout).toContain('"source": "s3://fraud-landing-123456789012/raw/year=2025/month=06/day=02/part-0000.json"');
  });

  test('events test: an event the rule does not match exits 1', async () => {
    const r = await stepwright(['events', 'test', 'ingest-on-landing', '--event', 'schedules/samples/glue-job-failed.json']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('✗ does not match rule ingest-on-landing');
  });

  test('events simulate (as in the README): the landed object starts ingest on the executor with the mocks', async () => {
    const r = await stepwright(['events', 'simulate', 'ingest-on-landing', '--event', 'schedules/samples/s3-object-created.json', '--mocks', 'test/mocks/ingest-happy.json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('ingest-on-landing → ingest: SUCCEEDED');
    // The day comes from the object's key, through the rule's input transformer.
    expect(r.stdout).toContain('"date": "2025-06-02"');
  });

  test('events simulate (every rule): the sample DMS failure starts cdc, which resumes the task and reloads the day before', async () => {
    const r = await stepwright(['events', 'simulate', '--event', 'schedules/samples/dms-task-failed.json', '--mocks', 'test/mocks/cdc-dms-event.json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('✗ does not match rule ingest-on-landing');
    expect(r.stdout).toContain('✓ matches rule cdc-on-replication-failure');
    expect(r.stdout).toContain('cdc-on-replication-failure → cdc: SUCCEEDED');
    expect(r.stdout).not.toContain('→ ingest:');
    expect(r.stdout).toContain('"date": "2025-06-01"');
    expect(r.stdout).toContain('"replication": "resumed"');
  });

  test('events simulate (every rule): the sample S3 object starts ingest, and only ingest', async () => {
    const r = await stepwright(['events', 'simulate', '--event', 'schedules/samples/s3-object-created.json', '--mocks', 'test/mocks/ingest-happy.json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('ingest-on-landing → ingest: SUCCEEDED');
    expect(r.stdout).toContain('✗ does not match rule cdc-on-replication-failure');
    expect(r.stdout).not.toContain('→ cdc:');
  });

  test('an empty object or a _SUCCESS marker under raw/ starts nothing', async () => {
    for (const sample of ['s3-object-created-empty.json', 's3-object-created-marker.json']) {
      const r = await stepwright(['events', 'simulate', '--event', `schedules/samples/${sample}`, '--mocks', 'test/mocks/ingest-happy.json']);
      expect([sample, r.status]).toEqual([sample, 1]);
      expect(r.stdout).toContain('✗ does not match rule ingest-on-landing');
      expect(r.stdout).toContain('nothing to run');
    }
  });

  test('an unknown rule is a user error listing the rules', async () => {
    const r = await stepwright(['events', 'test', 'nope', '--event', 'schedules/samples/glue-job-failed.json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('use one of: ingest-on-landing, parquet-job-failed, cdc-on-replication-failure');
  });
});

test('--version prints the package’s version', async () => {
  const r = await stepwright(['--version']);
  expect(r.status).toBe(0);
  expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version);
});

test('an unknown option is said in the command’s terms, with the one meant', async () => {
  const r = await stepwright(['build', '--outt', 'x']);
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/^stepwright build: unknown option --outt \(did you mean --out\?\)/);
  expect((await stepwright(['exec', 'workflows/train.ts', '--input'])).stderr).toMatch(/^stepwright exec: --input needs a value/);
});

test('an unknown command prints help and exits 1', async () => {
  const r = await stepwright(['bulid']);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('unknown command "bulid" (did you mean "build"?)');
});

describe('stepwright build --typecheck', () => {
  const project = temp();
  mkdirSync(join(project, 'workflows'));
  writeFileSync(join(project, 'stepwright.config.json'), '{ "region": "eu-west-1", "account": "123456789012" }\n');
  // The project's own tsconfig.json is used; here it points 'stepwright' at the sources, as an installed package's types would.
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', skipLibCheck: true, types: [], paths: { stepwright: [join(REPO, 'src', 'index.ts')] } } }),
  );
  writeFileSync(
    join(project, 'workflows', 'typed.ts'),
    `import { workflow, glue, succeed } from 'stepwright';

const retries: number = 'three';
export default workflow('typed', { start: glue.startJobRun('Convert', { JobName: 'x' }).next(succeed('Done')) });
export const attempts = retries;
`,
  );

  test('reports the compiler’s errors at file:line:column with its message; nothing is written', async () => {
    const r = await stepwright(['build', '--typecheck'], project);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("workflows/typed.ts:3:7: TS2322: Type 'string' is not assignable to type 'number'.");
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(join(project, 'out', 'asl'))).toBe(false);
  });

  test("with --out outside the project, the project's @types are still seen (the example project names types: node, jest)", async () => {
    const r = await stepwright(['build', '--typecheck', '--quiet', '--out', temp()]);
    expect(r.stderr).not.toContain('TS2688');
    expect(r.status).toBe(0);
  });

  test('without --typecheck the same module builds (the types are not checked by default: bench/ has the cost)', async () => {
    const r = await stepwright(['build', '--quiet'], project);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

test('--json: what build wrote, or its problems', async () => {
  const out = temp();
  const ok = JSON.parse((await stepwright(['build', '--json', '--out', out, 'workflows/train.ts'])).stdout);
  expect(ok).toMatchObject({ ok: true, written: [join(out, 'asl', 'train.asl.json'), join(out, 'iam', 'train.policy.json')] });
});
