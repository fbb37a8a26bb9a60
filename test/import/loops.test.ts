/**
 * A polling loop comes back as the call that made it: a definition compiled from
 * `glue.startCrawler(...)`, `dms.waitForReplicationTask(...)`, `pollUntil(...)` and the other
 * polled builders imports as that call, not as its six or seven states, and the module builds the
 * same ASL byte for byte and type-checks. A loop that is not exactly what a call makes is written
 * state by state, as before.
 */
import {
  appflow,
  compile,
  datasync,
  dms,
  expr,
  fail,
  flink,
  glue,
  importDefinition,
  parallel,
  pollUntil,
  redshiftData,
  sdkResource,
  sns,
  succeed,
  toAslJson,
  workflow,
  type StateMachineDefinition,
  type Workflow,
} from '../../src/index.js';
import { GeneratedModules } from './generated.js';

jest.setTimeout(120_000);

const alert = () =>
  sns
    .publish('Alert', { TopicArn: 'arn:aws:sns:eu-west-1:123456789012:alerts', Message: expr('$string($states.input)') }, { output: expr('$states.input') })
    .next(fail('Failed', { error: expr('$states.input.Error'), cause: expr('$states.input.Cause') }));

const TASK = 'arn:aws:dms:eu-west-1:123456789012:task:ORDERS';

/** Workflows made with each polled builder, and what their import must say. */
const cases: [string, () => Workflow, string[]][] = [
  ['a crawler with every default', () => workflow('crawl', { start: glue.startCrawler('raw').next(succeed('Done')) }), ["glue.startCrawler('raw').next(succeed('Done'))"]],
  [
    'a crawler with options and a catch',
    () => workflow('crawl-options', { start: glue.startCrawler('raw', { name: 'Catalog', pollEvery: '1m', maxPolls: 30, retry: glue.retries.throttling(), catch: alert() }) }),
    ["glue.startCrawler('raw', {", "name: 'Catalog',", "pollEvery: '1m',", 'maxPolls: 30,', 'retry: glue.retries.throttling(),', 'catch: alert.next(failed),'],
  ],
  [
    'a data quality run with an output',
    () =>
      workflow('quality', {
        start: glue.startDataQualityRun(
          { DataSource: { GlueTable: { DatabaseName: 'fraud', TableName: 'transactions' } }, Role: 'arn:aws:iam::123456789012:role/dq', RulesetNames: ['completeness'] },
          { output: (v) => expr(`{ "runId": ${v.runId} }`) },
        ),
      }),
    ['glue.startDataQualityRun(', 'output: (v) => expr(`{ "runId": ${v.runId} }`)'],
  ],
  [
    'a replication task, until stopped (the default) and until running',
    () =>
      workflow('replicate', {
        start: dms
          .startReplicationTask({ ReplicationTaskArn: TASK, StartReplicationTaskType: 'reload-target' }, { pollEvery: '2m' })
          .next(dms.startReplicationTask({ ReplicationTaskArn: TASK, StartReplicationTaskType: 'resume-processing' }, { name: 'Resume', until: 'running' })),
      }),
    [`dms.startReplicationTask(\n  { ReplicationTaskArn: '${TASK}', StartReplicationTaskType: 'reload-target' },\n  { pollEvery: '2m' },\n)`, "{ name: 'Resume', until: 'running' }"],
  ],
  [
    'a replication task already running, with a catch that names its errors',
    () =>
      workflow('full-load', {
        start: dms.waitForReplicationTask({ ReplicationTaskArn: TASK }, { until: 'full-load-complete', catch: { handler: alert(), errors: ['DMS.ReplicationTaskFailed'] } }),
      }),
    ['dms.waitForReplicationTask(', "until: 'full-load-complete',", "errors: ['DMS.ReplicationTaskFailed']"],
  ],
  [
    'a transfer in a JSONPath workflow, whose catch keeps the input (resultPath)',
    () =>
      workflow('transfer', {
        queryLanguage: 'JSONPath',
        start: datasync.startTaskExecution({ TaskArn: 'arn:aws:datasync:eu-west-1:123456789012:task/task-0abc' }, { catch: { handler: succeed('Noted'), resultPath: '$.error' } }),
      }),
    ["datasync.startTaskExecution(", "catch: { handler: succeed('Noted'), resultPath: '$.error' }"],
  ],
  [
    'Redshift statements, one and a batch',
    () =>
      workflow('warehouse', {
        start: redshiftData
          .executeStatement({ Sql: 'VACUUM transactions', Database: 'dev', WorkgroupName: 'analytics', StatementName: 'vacuum' })
          .next(redshiftData.batchExecuteStatement({ Sqls: ['DELETE FROM t', 'INSERT INTO t SELECT * FROM s'], Database: 'dev', WorkgroupName: 'analytics' }, { maxPolls: 10 })),
      }),
    ["redshiftData.executeStatement({", "StatementName: 'vacuum'", 'redshiftData.batchExecuteStatement(', 'maxPolls: 10'],
  ],
  [
    'Flink applications: stop, start, and wait until READY',
    () =>
      workflow('restart', {
        start: flink
          .stopApplication({ ApplicationName: 'enrich' })
          .next(flink.startApplication({ ApplicationName: 'enrich' }, { pollEvery: '20s' }))
          .next(flink.waitForApplication({ ApplicationName: 'other' }, { until: 'READY' })),
      }),
    ["flink.stopApplication({ ApplicationName: 'enrich' })", "flink.startApplication({ ApplicationName: 'enrich' }, { pollEvery: '20s' })", "flink.waitForApplication({ ApplicationName: 'other' }, { until: 'READY' })"],
  ],
  [
    'an AppFlow run',
    () => workflow('flow', { start: appflow.runFlow({ FlowName: 'accounts' }, { output: (v) => expr(`{ "run": ${v.executionId}, "polls": ${v.polls} }`) }) }),
    ["appflow.runFlow(\n  { FlowName: 'accounts' },\n  { output: (v) => expr(`{ \"run\": ${v.executionId}, \"polls\": ${v.polls} }`) },\n)"],
  ],
  [
    'loops in Parallel branches',
    () => workflow('branches', { start: parallel('Both', { branches: [glue.startCrawler('a'), glue.startCrawler('b')] }) }),
    ["branches: [glue.startCrawler('a'), glue.startCrawler('b')]"],
  ],
  [
    'pollUntil, with a start call, kept values, a reason and labels',
    () =>
      workflow('query', {
        start: pollUntil({
          name: 'Export',
          start: { resource: sdkResource('athena', 'startQueryExecution'), arguments: { QueryString: 'SELECT 1', WorkGroup: 'primary' }, keep: { queryId: '$states.result.QueryExecutionId' } },
          check: { resource: sdkResource('athena', 'getQueryExecution'), arguments: (v) => ({ QueryExecutionId: expr(v.queryId!) }) },
          status: '$states.result.QueryExecution.Status.State',
          reason: '$states.result.QueryExecution.Status.StateChangeReason',
          succeeded: ['SUCCEEDED'],
          failed: ['FAILED', 'CANCELLED'],
          errors: { failed: 'Athena.QueryFailed', timeout: 'Athena.QueryTimeout' },
          timeoutCause: 'the query did not finish',
          labels: { done: 'finished', check: 'finished?' },
          pollEvery: '10s',
        }),
      }),
    [
      "name: 'Export',",
      "keep: { queryId: '$states.result.QueryExecutionId' },",
      'arguments: (v) => ({ QueryExecutionId: expr(v.queryId) }),',
      "reason: '$states.result.QueryExecution.Status.StateChangeReason',",
      "failed: ['FAILED', 'CANCELLED'],",
      "labels: { done: 'finished', check: 'finished?' },",
    ],
  ],
  [
    'pollUntil without a start call, its status a function of its variables',
    () =>
      workflow('watch', {
        start: pollUntil({
          name: 'Watch',
          check: { resource: sdkResource('s3', 'listObjectsV2'), arguments: () => ({ Bucket: 'landing', Prefix: 'done/' }) },
          status: (v) => `$states.result.KeyCount > ${v.polls} ? 'READY' : 'WAITING'`,
          succeeded: ['READY'],
          errors: { timeout: 'Landing.Timeout' },
          timeoutCause: 'nothing landed',
        }),
      }),
    ['arguments: () => ({', "status: (v) => `$states.result.KeyCount > ${v.polls} ? 'READY' : 'WAITING'`,"],
  ],
];

const modules = new GeneratedModules();
afterAll(() => modules.remove());

function imported(definition: StateMachineDefinition, name: string) {
  const result = importDefinition(JSON.parse(JSON.stringify(definition)), { name });
  return { ...result, path: modules.write(result.source) };
}

describe.each(cases)('%s', (_, make, expected) => {
  const made = make();
  const asl = toAslJson(compile(made));
  const result = imported(JSON.parse(asl), made.name);

  test('imports as the builder call, not as the loop’s states', () => {
    for (const text of expected) expect(result.source).toContain(text);
    expect(result.source).not.toMatch(/\bwait\(/);
    expect(result.exact).toBe(true);
  });

  test('and builds the same ASL, byte for byte', async () => {
    expect(toAslJson(compile(await modules.load(result.path)))).toBe(asl);
  });
});

describe('a loop that is not exactly what a call makes is written state by state', () => {
  const crawl = () => JSON.parse(toAslJson(compile(workflow('crawl', { start: glue.startCrawler('raw', { catch: alert() }) })))) as StateMachineDefinition & { States: Record<string, Record<string, unknown>> };
  // Imported here, so the type check below sees every module.
  const edited = crawl();
  edited.States['Crawl raw: wait']!.Comment = 'tuned by hand';
  const editedImport = imported(edited, 'edited');
  const otherCheck = crawl();
  otherCheck.States['Crawl raw: get state']!.Arguments = { Name: 'another-crawler' };
  const otherCheckImport = imported(otherCheck, 'other-check');
  const entered = crawl();
  entered.States['Again?'] = { Type: 'Choice', Choices: [{ Condition: '{% $states.input.again %}', Next: 'Crawl raw: get state' }], Default: 'Crawl raw: start' };
  entered.StartAt = 'Again?';
  const enteredImport = imported(entered, 'entered');

  test('a state of the loop edited by hand', async () => {
    expect(editedImport.source).not.toContain('glue.startCrawler');
    expect(editedImport.source).toContain("wait('Crawl raw: wait', { comment: 'tuned by hand', seconds: '30s' })");
    expect(editedImport.exact).toBe(true);
    expect(compile(await modules.load(editedImport.path))).toEqual(edited);
  });

  test('a check the builder would not make: pollUntil with every part spelled out', async () => {
    expect(otherCheckImport.source).not.toContain('glue.startCrawler');
    expect(otherCheckImport.source).toContain("pollUntil({\n  name: 'Crawl raw',");
    expect(otherCheckImport.source).toContain("arguments: () => ({ Name: 'another-crawler' }) },");
    expect(otherCheckImport.source).toContain("labels: { done: 'ready', check: 'ready?' },");
    expect(otherCheckImport.exact).toBe(true);
    expect(toAslJson(compile(await modules.load(otherCheckImport.path)))).toBe(toAslJson(otherCheck));
  });

  test('a transition from outside into the middle of the loop', async () => {
    expect(enteredImport.source).not.toContain('glue.startCrawler');
    expect(enteredImport.source).not.toContain('pollUntil');
    expect(enteredImport.exact).toBe(true);
    expect(compile(await modules.load(enteredImport.path))).toEqual(entered);
  });
});

test('every module type-checks', () => {
  expect(modules.typeCheck()).toBe('');
});
