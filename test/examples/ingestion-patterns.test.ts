/**
 * What the cdc, stream and saas examples promise in their header comments: reruns of cdc replace
 * the day instead of adding it twice, failures stop nothing that was running, and a failed check
 * stops before it touches anything.
 */
import { compile, execute, executionRolePolicy, type MockResponse } from '../../src/index.js';
import cdc from '../../workflows/cdc.js';
import saas from '../../workflows/saas.js';
import stream from '../../workflows/stream.js';

const ACCOUNT = { region: 'eu-west-1', account: '123456789012' };
const returns = (...values: unknown[]): MockResponse[] => values.map((v) => ({ Return: v }) as MockResponse);
const tasks = (Status: string, FullLoadProgressPercent = 100) => ({ ReplicationTasks: [{ Status, ReplicationTaskStats: { FullLoadProgressPercent, ElapsedTimeMillis: 86400000 } }] });
const actionsOf = (workflow: Parameters<typeof compile>[0]) =>
  executionRolePolicy(compile(workflow), { ...ACCOUNT, stateMachineName: workflow.name }).document.Statement.flatMap((s) => s.Action);

/** Records each call's input per state, answering from the given mocks. */
function recording(mocks: Record<string, MockResponse[]>) {
  const calls: Record<string, unknown[]> = {};
  const wrapped = Object.fromEntries(
    Object.entries(mocks).map(([state, responses]) => [
      state,
      (call: { input: unknown }) => {
        (calls[state] ??= []).push(call.input);
        return responses[Math.min(calls[state]!.length, responses.length) - 1]!;
      },
    ]),
  );
  return { calls, mocks: wrapped };
}

describe('cdc', () => {
  const happy = () =>
    recording({
      'Describe replication task': returns(tasks('running')),
      'Full load: get state': returns(tasks('running')),
      'Merge change files': returns({ ApplicationId: '00fq3k2m8v1c2a09', JobRunId: '00fq4b7c1d2e3f01' }),
      'Load the day: start': returns({ Id: 'd-1' }),
      'Load the day: get state': returns({ Id: 'd-1', Status: 'FINISHED' }),
    });

  test('a rerun for the same day sends the same single batch: the day is deleted and inserted in one transaction', async () => {
    const first = happy();
    const second = happy();
    expect((await execute(cdc, { date: '2026-11-01' }, { mocks: first.mocks })).status).toBe('SUCCEEDED');
    expect((await execute(cdc, { date: '2026-11-01' }, { mocks: second.mocks })).status).toBe('SUCCEEDED');
    expect(first.calls['Load the day: start']).toHaveLength(1);
    expect(second.calls['Load the day: start']).toEqual(first.calls['Load the day: start']);
    const { Sqls } = first.calls['Load the day: start']![0] as { Sqls: string[] };
    expect(Sqls.map((sql) => sql.split(' ')[0])).toEqual(['CREATE', 'COPY', 'DELETE', 'INSERT']);
    expect(Sqls[1]).toMatch(/^COPY stage_card_accounts /);
    expect(Sqls[2]).toBe("DELETE FROM analytics.card_accounts_daily WHERE snapshot_date = '2026-11-01'");
  });

  test('a failure with the task already running neither starts nor stops it, and notifies once', async () => {
    const run = recording({
      'Describe replication task': returns(tasks('running', 40)),
      'Full load: get state': returns(tasks('failed', 40)),
      'Notify cdc failed': returns({ MessageId: 'm-1' }),
    });
    const result = await execute(cdc, { date: '2026-11-01' }, { mocks: run.mocks });
    expect(result).toMatchObject({ status: 'FAILED', error: 'DMS.ReplicationTaskFailed' });
    expect(Object.keys(run.calls).sort()).toEqual(['Describe replication task', 'Full load: get state', 'Notify cdc failed']);
    expect(run.calls['Notify cdc failed']).toHaveLength(1);
  });

  test('its role may start the replication task but not stop, modify or delete it', () => {
    const actions = actionsOf(cdc);
    expect(actions).toContain('dms:StartReplicationTask');
    expect(actions.filter((a) => a.startsWith('dms:'))).toEqual(['dms:DescribeReplicationTasks', 'dms:StartReplicationTask']);
  });
});

describe('stream', () => {
  test('an inactive stream is reported before anything is started or put on it', async () => {
    const run = recording({
      'Describe transaction stream': returns({ StreamDescriptionSummary: { StreamStatus: 'DELETING' } }),
      'Describe delivery stream': returns({ DeliveryStreamDescription: { DeliveryStreamStatus: 'ACTIVE' } }),
      'Alert stream unhealthy': returns({ MessageId: 'm-1' }),
    });
    const result = await execute(stream, {}, { mocks: run.mocks });
    expect(result).toMatchObject({ status: 'FAILED', error: 'Stream.NotActive', cause: 'kinesis stream is DELETING, firehose stream is ACTIVE' });
    expect(Object.keys(run.calls).sort()).toEqual(['Alert stream unhealthy', 'Describe delivery stream', 'Describe transaction stream']);
  });

  test('the canary carries the execution name, which is the S3 prefix the check lists', async () => {
    const run = recording({
      'Describe transaction stream': returns({ StreamDescriptionSummary: { StreamStatus: 'ACTIVE' } }),
      'Describe delivery stream': returns({ DeliveryStreamDescription: { DeliveryStreamStatus: 'ACTIVE' } }),
      'Describe scoring app': returns({ ApplicationDetail: { ApplicationStatus: 'RUNNING' } }),
      'Scoring app: get state': returns({ ApplicationDetail: { ApplicationStatus: 'RUNNING' } }),
      'Canary: start': returns({ ShardId: 'shardId-000000000001', SequenceNumber: '4965709387' }),
      'Canary: get state': returns({ KeyCount: 1 }),
    });
    const result = await execute(stream, {}, { mocks: run.mocks, context: { Execution: { Name: 'stream-health-check-20261102T101500Z' } } });
    expect(result.status).toBe('SUCCEEDED');
    const put = run.calls['Canary: start']![0] as { PartitionKey: string; Data: string };
    expect(put.PartitionKey).toBe('stream-health-check-20261102T101500Z');
    expect(JSON.parse(put.Data)).toMatchObject({ canary_id: 'stream-health-check-20261102T101500Z', card_id: 'canary', amount: 0 });
    expect(run.calls['Canary: get state']).toEqual([{ Bucket: 'fraud-stream-123456789012', Prefix: 'canary/stream-health-check-20261102T101500Z/', MaxKeys: 1 }]);
  });

  test('its role may start the scoring app but not stop it', () => {
    const actions = actionsOf(stream);
    expect(actions).toContain('kinesisanalytics:StartApplication');
    expect(actions.some((a) => /Stop|Delete|Update/.test(a))).toBe(false);
  });
});

test('saas: a failed flow run is notified, and the crawler is not started', async () => {
  const run = recording({
    'Pull merchant accounts: start': returns({ FlowStatus: 'Active', ExecutionId: 'e-1' }),
    'Pull merchant accounts: get state': returns({ FlowExecutions: [{ ExecutionId: 'e-1', ExecutionStatus: 'Error', ExecutionResult: { ErrorInfo: { ExecutionMessage: 'Salesforce: REQUEST_LIMIT_EXCEEDED' } } }] }),
    'Notify saas failed': returns({ MessageId: 'm-1' }),
  });
  const result = await execute(saas, {}, { mocks: run.mocks });
  expect(result).toMatchObject({ status: 'FAILED', error: 'AppFlow.FlowRunFailed', cause: 'Salesforce: REQUEST_LIMIT_EXCEEDED' });
  expect(run.calls['Catalog merchant accounts: start']).toBeUndefined();
});
