/**
 * The polling loops, run on the embedded executor with mocked service calls: they end when the
 * service reports done, fail with the service's reason, give up after maxPolls, and keep the
 * state input unchanged.
 */
import { executeDefinition as execute, type MockResponse } from '../../src/engine/index.js';
import { compile, datasync, dms, expr, flink, glue, pass, pollUntil, redshiftData, workflow } from '../../src/index.js';
import { sdkResource } from '../../src/integrations/integration.js';
import { build, stateOf } from './helpers.js';

const input = { day: '2026-11-01' };
const returns = (...values: unknown[]): MockResponse[] => values.map((v) => ({ Return: v }) as MockResponse);
const dmsStatus = (Status: string, LastFailureMessage?: string) => ({ ReplicationTasks: [{ Status, ...(LastFailureMessage ? { LastFailureMessage } : {}) }] });

describe('dms.startReplicationTask', () => {
  const loop = (maxPolls = 10) =>
    dms.startReplicationTask({ ReplicationTaskArn: 'arn:aws:dms:us-east-1:1:task:FULLLOAD', StartReplicationTaskType: 'reload-target' }, { maxPolls, pollEvery: '1m' });

  test('polls until stopped and keeps the input', async () => {
    const run = await execute(build(loop()), input, {
      mocks: { 'Replicate FULLLOAD: start': returns({}), 'Replicate FULLLOAD: get state': returns(dmsStatus('starting'), dmsStatus('running'), dmsStatus('stopped')) },
    });
    expect(run).toMatchObject({ status: 'SUCCEEDED', output: input });
    expect(run.history.filter((e) => e.type === 'WaitStateEntered')).toHaveLength(3);
  });

  test('a failed task fails the run with its failure message', async () => {
    const run = await execute(build(loop()), input, {
      mocks: { 'Replicate FULLLOAD: start': returns({}), 'Replicate FULLLOAD: get state': returns(dmsStatus('running'), dmsStatus('failed', 'source endpoint unreachable')) },
    });
    expect(run).toMatchObject({ status: 'FAILED', error: 'DMS.ReplicationTaskFailed', cause: 'source endpoint unreachable' });
  });

  test('gives up after maxPolls with the timeout error', async () => {
    const run = await execute(build(loop(2)), input, {
      mocks: { 'Replicate FULLLOAD: start': returns({}), 'Replicate FULLLOAD: get state': returns(dmsStatus('running'), dmsStatus('running'), dmsStatus('stopped')) },
    });
    expect(run).toMatchObject({ status: 'FAILED', error: 'DMS.ReplicationTaskTimeout' });
  });

  test("until: 'running' ends once CDC is under way", async () => {
    const chain = dms.startReplicationTask({ ReplicationTaskArn: 'arn:aws:dms:r:1:task:CDC', StartReplicationTaskType: 'start-replication' }, { until: 'running' });
    const run = await execute(build(chain), input, { mocks: { 'Replicate CDC: start': returns({}), 'Replicate CDC: get state': returns(dmsStatus('starting'), dmsStatus('running')) } });
    expect(run.status).toBe('SUCCEEDED');
  });
});

test('datasync: the check asks about the execution the start returned', async () => {
  const asked: unknown[] = [];
  const chain = datasync.startTaskExecution({ TaskArn: 'arn:aws:datasync:r:1:task/task-0abc' }, { output: (v) => expr(`{ "execution": ${v.executionArn} }`) });
  const run = await execute(build(chain), input, {
    mocks: {
      'Transfer task-0abc: start': returns({ TaskExecutionArn: 'arn:exec/1' }),
      'Transfer task-0abc: get state': (call) => {
        asked.push(call.input);
        return { Return: { Status: asked.length < 2 ? 'TRANSFERRING' : 'SUCCESS' } };
      },
    },
  });
  expect(run).toMatchObject({ status: 'SUCCEEDED', output: { execution: 'arn:exec/1' } });
  expect(asked).toEqual([{ TaskExecutionArn: 'arn:exec/1' }, { TaskExecutionArn: 'arn:exec/1' }]);
});

test('redshiftData: FAILED carries the statement error', async () => {
  const chain = redshiftData.executeStatement({ Sql: "COPY t FROM 's3://b/p'", Database: 'dev', WorkgroupName: 'wg', StatementName: 'copy' });
  const run = await execute(build(chain), input, {
    mocks: { 'SQL copy: start': returns({ Id: 's-1' }), 'SQL copy: get state': returns({ Status: 'STARTED' }, { Status: 'FAILED', Error: 'S3ServiceException: access denied' }) },
  });
  expect(run).toMatchObject({ status: 'FAILED', error: 'RedshiftData.StatementFailed', cause: 'S3ServiceException: access denied' });
});

test('flink: a start that falls back to READY fails', async () => {
  const run = await execute(build(flink.startApplication({ ApplicationName: 'enrich' })), input, {
    mocks: { 'Start enrich: start': returns({}), 'Start enrich: get state': returns({ ApplicationDetail: { ApplicationStatus: 'STARTING' } }, { ApplicationDetail: { ApplicationStatus: 'READY' } }) },
  });
  expect(run).toMatchObject({ status: 'FAILED', error: 'Flink.StartFailed' });
});

describe('glue.startCrawler', () => {
  const crawler = (State: string, Status?: string, ErrorMessage?: string) => ({ Crawler: { State, ...(Status ? { LastCrawl: { Status, ...(ErrorMessage ? { ErrorMessage } : {}) } } : {}) } });

  test('READY after a successful crawl continues with the input', async () => {
    const run = await execute(build(glue.startCrawler('raw').next(pass('After'))), input, {
      mocks: { 'Crawl raw: start': returns({}), 'Crawl raw: get state': returns(crawler('RUNNING'), crawler('STOPPING'), crawler('READY', 'SUCCEEDED')) },
    });
    expect(run).toMatchObject({ status: 'SUCCEEDED', output: input });
  });

  test('READY after a failed crawl is a failure (it used to pass as success)', async () => {
    const run = await execute(build(glue.startCrawler('raw')), input, {
      mocks: { 'Crawl raw: start': returns({}), 'Crawl raw: get state': returns(crawler('READY', 'FAILED', 'Insufficient Lake Formation permission')) },
    });
    expect(run).toMatchObject({ status: 'FAILED', error: 'Glue.CrawlerFailed', cause: 'Insufficient Lake Formation permission' });
  });

  test('keeps its ASL shape: state names, JSONata loop states inside a JSONPath machine', () => {
    const definition = build(glue.startCrawler('raw', { maxPolls: 5 }), 'JSONPath');
    expect(Object.keys(definition.States)).toEqual([
      'Crawl raw: start', 'Crawl raw: wait', 'Crawl raw: get state', 'Crawl raw: ready?', 'Crawl raw: ready', 'Crawl raw: failed', 'Crawl raw: timed out',
    ]);
    for (const state of Object.values(definition.States)) expect(state.QueryLanguage).toBe('JSONata');
    expect(definition.States['Crawl raw: timed out']).toEqual({
      Type: 'Fail', QueryLanguage: 'JSONata', Error: 'Glue.CrawlerTimeout', Cause: 'crawler raw was not READY after 5 polls',
    });
  });
});

test('glue.startDataQualityRun polls the run the start returned', async () => {
  const chain = glue.startDataQualityRun({ DataSource: { GlueTable: { DatabaseName: 'curated', TableName: 'tx' } }, Role: 'arn:aws:iam::1:role/dq', RulesetNames: ['tx-rules'] });
  const check = stateOf(chain, 'JSONata', 'Data quality curated.tx: get state');
  expect(check).toMatchObject({ Resource: 'arn:aws:states:::aws-sdk:glue:getDataQualityRulesetEvaluationRun', Arguments: { RunId: '{% $polls_Data_quality_curated_tx_runId %}' } });
  const run = await execute(build(chain), input, {
    mocks: { 'Data quality curated.tx: start': returns({ RunId: 'dq-1' }), 'Data quality curated.tx: get state': returns({ Status: 'RUNNING' }, { Status: 'TIMEOUT' }) },
  });
  expect(run).toMatchObject({ status: 'FAILED', error: 'Glue.DataQualityRunFailed' });
});

test('pollUntil: two loops in one workflow keep separate counters', () => {
  const loop = (name: string) =>
    pollUntil({
      name,
      start: { resource: sdkResource('svc', 'start'), arguments: {} },
      check: { resource: sdkResource('svc', 'describe'), arguments: () => ({}) },
      status: '$states.result.s',
      succeeded: ['OK'],
      errors: { timeout: 'Svc.Timeout' },
      timeoutCause: 'too slow',
    });
  const definition = build(loop('A').next(loop('B')));
  expect(definition.States['A: start']).toMatchObject({ Assign: { polls_A: 0 } });
  expect(definition.States['B: start']).toMatchObject({ Assign: { polls_B: 0 } });
  expect(() => pollUntil({ name: 'X', start: { resource: 'r', arguments: {} }, check: { resource: 'r', arguments: () => ({}) }, status: 's', succeeded: ['OK'], errors: { timeout: 'T' }, timeoutCause: 'c', maxPolls: 0 })).toThrow(/maxPolls|at least 1/);
});

test('every loop compiles to a definition the validator accepts, in both machine languages', async () => {
  const { validateDefinition } = await import('../../src/index.js');
  const loops = () => [
    glue.startCrawler('raw'),
    glue.startDataQualityRun({ DataSource: { GlueTable: { DatabaseName: 'd', TableName: 't' } }, Role: 'r', RulesetNames: ['x'] }),
    dms.startReplicationTask({ ReplicationTaskArn: 'arn:aws:dms:r:1:task:T', StartReplicationTaskType: 'start-replication' }),
    datasync.startTaskExecution({ TaskArn: 'arn:aws:datasync:r:1:task/task-1' }),
    flink.startApplication({ ApplicationName: 'a' }),
    flink.stopApplication({ ApplicationName: 'a' }),
    redshiftData.executeStatement({ Sql: 'select 1', StatementName: 's' }),
  ];
  for (const language of ['JSONata', 'JSONPath'] as const) {
    for (const loop of loops()) expect(validateDefinition(build(loop, language))).toEqual([]);
  }
});

describe('a loop failure goes where the loop’s Catch goes', () => {
  test('a failed crawl in the ingest example notifies, then fails with the crawler’s reason', async () => {
    const { execute } = await import('../../src/compile/execute.js');
    const { default: ingest } = await import('../../workflows/ingest.js');
    const published: unknown[] = [];
    const run = await execute(ingest, { date: '2026-11-01' }, {
      mocks: {
        'Catalog raw partition: start': [{ Return: {} }],
        'Catalog raw partition: get state': [{ Return: { Crawler: { State: 'READY', LastCrawl: { Status: 'FAILED', ErrorMessage: 'Access denied to s3://landing/raw/' } } } }],
        'Notify ingest failed': (call) => {
          published.push(call.input);
          return { Return: { MessageId: 'm-1' } };
        },
      },
    });
    expect(run).toMatchObject({ status: 'FAILED', error: 'Glue.CrawlerFailed', cause: 'Access denied to s3://landing/raw/' });
    expect(published).toEqual([expect.objectContaining({ Message: 'ingest of 2026-11-01 failed: Glue.CrawlerFailed - Access denied to s3://landing/raw/' })]);
  });

  test('without a catch, the loop ends in a Fail state', () => {
    const definition = compile(workflow('w', { start: glue.startCrawler('raw', { name: 'Crawl raw' }) }));
    expect(definition.States['Crawl raw: failed']).toMatchObject({ Type: 'Fail', Error: 'Glue.CrawlerFailed' });
  });

  test('with a JSONPath ResultPath, the error output is placed there', () => {
    const handler = pass('Handle');
    const definition = compile(workflow('w', { start: glue.startCrawler('raw', { name: 'Crawl raw', catch: { handler, resultPath: '$.error' } }) }));
    expect(definition.States['Crawl raw: failed']).toMatchObject({
      Type: 'Pass',
      Output: `{% $merge([$states.input, { "error": { "Error": "Glue.CrawlerFailed", "Cause": $polls_Crawl_raw_reason } }]) %}`,
      Next: 'Handle',
    });
  });
});
