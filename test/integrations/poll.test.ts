/**
 * The polling loops, run on the embedded executor with mocked service calls: they end when the
 * service reports done, fail with the service's reason, give up after maxPolls, and keep the
 * state input unchanged.
 */
import { executeDefinition as execute, type MockResponse } from '../../src/engine/index.js';
import { appflow, compile, datasync, dms, expr, flink, glue, pass, pollUntil, pollVariables, redshiftData, workflow } from '../../src/index.js';
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

describe('dms: waiting for the full load of a full-load-and-CDC task', () => {
  const task = 'arn:aws:dms:eu-west-1:1:task:CDC';
  const described = (Status: string, FullLoadProgressPercent: number, extra: Record<string, unknown> = {}) => ({
    ReplicationTasks: [{ ReplicationTaskArn: task, MigrationType: 'full-load-and-cdc', Status, ReplicationTaskStats: { FullLoadProgressPercent, TablesLoaded: 3, TablesLoading: 1, TablesQueued: 0, TablesErrored: 0 }, ...extra }],
  });

  test('the start loop ends once the full load is at 100% while the task keeps running', async () => {
    const chain = dms.startReplicationTask({ ReplicationTaskArn: task, StartReplicationTaskType: 'resume-processing' }, { until: 'full-load-complete', name: 'Load' });
    const run = await execute(build(chain), input, { mocks: { 'Load: start': returns({}), 'Load: get state': returns(described('starting', 0), described('running', 40), described('running', 100)) } });
    expect(run).toMatchObject({ status: 'SUCCEEDED', output: input });
  });

  test('without a start, the loop checks at once and starts nothing', async () => {
    const chain = dms.waitForReplicationTask({ ReplicationTaskArn: task }, { until: 'full-load-complete', name: 'Full load' });
    const definition = build(chain);
    expect(definition.StartAt).toBe('Full load: begin');
    expect(Object.values(definition.States).map((s) => (s as { Resource?: string }).Resource).filter(Boolean)).toEqual([sdkResource('databasemigration', 'describeReplicationTasks')]);
    const run = await execute(definition, input, { mocks: { 'Full load: get state': returns(described('running', 100)) } });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.history.filter((e) => e.type === 'WaitStateEntered')).toHaveLength(0);
  });

  test('a task that stops before its full load is complete fails with its stop reason', async () => {
    const chain = dms.waitForReplicationTask({ ReplicationTaskArn: task }, { until: 'full-load-complete', name: 'Full load' });
    const run = await execute(build(chain), input, {
      mocks: { 'Full load: get state': returns(described('running', 20), described('stopped', 20, { StopReason: 'Stop Reason STOPPED_DUE_TO_LOW_DISK' })) },
    });
    expect(run).toMatchObject({ status: 'FAILED', error: 'DMS.ReplicationTaskFailed', cause: 'Stop Reason STOPPED_DUE_TO_LOW_DISK' });
  });

  test('a failed task fails with its LastFailureMessage', async () => {
    const chain = dms.waitForReplicationTask({ ReplicationTaskArn: task }, { until: 'full-load-complete', name: 'Full load' });
    const run = await execute(build(chain), input, {
      mocks: { 'Full load: get state': returns(described('failed', 35, { LastFailureMessage: 'Last Error ORA-01555: snapshot too old' })) },
    });
    expect(run).toMatchObject({ status: 'FAILED', error: 'DMS.ReplicationTaskFailed', cause: 'Last Error ORA-01555: snapshot too old' });
  });
});

describe('appflow.runFlow', () => {
  const records = (...runs: [string, string, string?][]) => ({
    FlowExecutions: runs.map(([ExecutionId, ExecutionStatus, message]) => ({
      ExecutionId,
      ExecutionStatus,
      ExecutionResult: message ? { ErrorInfo: { ExecutionMessage: message, PutFailuresCount: 0 } } : { RecordsProcessed: 120, BytesProcessed: 40960, BytesWritten: 40960 },
    })),
  });

  test('follows the run StartFlow returned, not the flow’s other runs', async () => {
    const asked: unknown[] = [];
    const chain = appflow.runFlow({ FlowName: 'salesforce-accounts' }, { output: (v) => expr(`{ "executionId": ${v.executionId} }`) });
    const answers = [records(['run-1', 'Error', 'old failure']), records(['run-2', 'InProgress'], ['run-1', 'Error', 'old failure']), records(['run-2', 'Successful'], ['run-1', 'Error', 'old failure'])];
    const run = await execute(build(chain), input, {
      mocks: {
        'Run flow salesforce-accounts: start': returns({ FlowArn: 'arn:aws:appflow:eu-west-1:1:flow/salesforce-accounts', FlowStatus: 'Active', ExecutionId: 'run-2' }),
        'Run flow salesforce-accounts: get state': (call) => {
          asked.push(call.input);
          return { Return: answers[asked.length - 1] } as unknown as MockResponse;
        },
      },
    });
    // The first poll does not list run-2 yet, so the loop waits; run-1's error is not this run's.
    expect(asked).toHaveLength(3);
    expect(asked[0]).toEqual({ FlowName: 'salesforce-accounts', MaxResults: 10 });
    expect(run).toMatchObject({ status: 'SUCCEEDED', output: { executionId: 'run-2' } });
  });

  test('Successful ends the loop; Error fails with the run’s message', async () => {
    const chain = () => appflow.runFlow({ FlowName: 'f' }, { output: (v) => expr(`{ "executionId": ${v.executionId} }`) });
    const start = returns({ FlowArn: 'arn:aws:appflow:eu-west-1:1:flow/f', FlowStatus: 'Active', ExecutionId: 'e-9' });
    const ok = await execute(build(chain()), input, { mocks: { 'Run flow f: start': start, 'Run flow f: get state': returns(records(['e-9', 'InProgress']), records(['e-9', 'Successful'])) } });
    expect(ok).toMatchObject({ status: 'SUCCEEDED', output: { executionId: 'e-9' } });
    const bad = await execute(build(chain()), input, {
      mocks: { 'Run flow f: start': start, 'Run flow f: get state': returns(records(['e-9', 'Error', 'Salesforce: INVALID_SESSION_ID'])) },
    });
    expect(bad).toMatchObject({ status: 'FAILED', error: 'AppFlow.FlowRunFailed', cause: 'Salesforce: INVALID_SESSION_ID' });
  });
});

test('redshiftData.batchExecuteStatement: one statement id for the batch, FAILED carries its error', async () => {
  const chain = redshiftData.batchExecuteStatement({ Sqls: ['DELETE FROM t', "COPY t FROM 's3://b/p'"], Database: 'dev', ClusterIdentifier: 'dw', StatementName: 'load' });
  expect(stateOf(chain, 'JSONata', 'SQL batch load: start')).toMatchObject({ Resource: sdkResource('redshiftdata', 'batchExecuteStatement'), Arguments: { Sqls: ['DELETE FROM t', "COPY t FROM 's3://b/p'"] } });
  const run = await execute(build(chain), input, {
    mocks: {
      'SQL batch load: start': returns({ Id: 'b-1', ClusterIdentifier: 'dw', Database: 'dev' }),
      'SQL batch load: get state': returns({ Id: 'b-1', Status: 'FAILED', Error: 'ERROR: Load into table t failed', SubStatements: [{ Id: 'b-1:1', Status: 'FINISHED' }, { Id: 'b-1:2', Status: 'FAILED' }] }),
    },
  });
  expect(run).toMatchObject({ status: 'FAILED', error: 'RedshiftData.StatementFailed', cause: 'ERROR: Load into table t failed' });
});

test('pollVariables names the variables a loop assigns, for states outside it (a handler cancelling the statement)', () => {
  const definition = build(redshiftData.executeStatement({ Sql: 'select 1' }, { name: 'Load day' }));
  const vars = pollVariables('Load day', 'statementId');
  expect(vars).toEqual({ polls: '$polls_Load_day', status: '$polls_Load_day_state', statementId: '$polls_Load_day_statementId' });
  expect(Object.keys((definition.States['Load day: start'] as { Assign: object }).Assign)).toEqual([vars.polls.slice(1), vars.statementId!.slice(1)]);
  expect(Object.keys((definition.States['Load day: get state'] as { Assign: object }).Assign)).toContain(vars.status.slice(1));
});

test('flink.waitForApplication: an application already STARTING is polled until RUNNING, not started again', async () => {
  const chain = flink.waitForApplication({ ApplicationName: 'scorer' });
  const definition = build(chain);
  expect(Object.keys(definition.States)).not.toContain('Wait for scorer: start');
  const run = await execute(definition, input, {
    mocks: { 'Wait for scorer: get state': returns({ ApplicationDetail: { ApplicationStatus: 'STARTING' } }, { ApplicationDetail: { ApplicationStatus: 'RUNNING' } }) },
  });
  expect(run).toMatchObject({ status: 'SUCCEEDED', output: input });
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
    redshiftData.batchExecuteStatement({ Sqls: ['select 1', 'select 2'], StatementName: 'b' }),
    dms.waitForReplicationTask({ ReplicationTaskArn: 'arn:aws:dms:r:1:task:T' }, { until: 'full-load-complete' }),
    flink.waitForApplication({ ApplicationName: 'a' }),
    appflow.runFlow({ FlowName: 'f' }),
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

  test('with a JSONPath ResultPath, a failed call keeps the input too: the JSONata calls catch with the Output that does the same', async () => {
    const { validateDefinition } = await import('../../src/index.js');
    const definition = compile(workflow('w', { queryLanguage: 'JSONPath', start: glue.startCrawler('raw', { name: 'Crawl raw', catch: { handler: pass('Handle'), resultPath: '$.error' } }) }));
    expect(validateDefinition(definition)).toEqual([]);
    expect((definition.States['Crawl raw: start'] as { Catch: unknown[] }).Catch).toEqual([
      { ErrorEquals: ['States.ALL'], Output: '{% $merge([$states.input, { "error": $states.errorOutput }]) %}', Next: 'Handle' },
    ]);
    const run = await execute(definition, input, { mocks: { 'Crawl raw: start': [{ Throw: { Error: 'Glue.EntityNotFoundException', Cause: 'no crawler raw' } }] } });
    expect(run).toMatchObject({ status: 'SUCCEEDED', output: { ...input, error: { Error: 'Glue.EntityNotFoundException', Cause: 'no crawler raw' } } });
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
