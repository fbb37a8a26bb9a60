/**
 * Each example's failure path: a caught error is notified, then the run fails with that error and
 * cause (not with an error of the failure path itself).
 */
import { execute } from '../../src/index.js';
import ingest from '../../workflows/ingest.js';
import transform from '../../workflows/transform.js';
import pipeline from '../../workflows/pipeline.js';

const notified = () => {
  const messages: unknown[] = [];
  return { messages, mock: (call: { input: unknown }) => (messages.push(call.input), { Return: { MessageId: 'm-1' } }) };
};

test('ingest: a failed Glue job run is notified and fails the run with the job’s error', async () => {
  const sns = notified();
  const crawler = { Return: { Crawler: { State: 'READY', LastCrawl: { Status: 'SUCCEEDED' } } } };
  const run = await execute(ingest, { date: '2026-11-01' }, {
    mocks: {
      'Catalog raw partition: start': [{ Return: {} }],
      'Catalog raw partition: get state': [crawler],
      'Convert to Parquet': [{ Throw: { Error: 'States.TaskFailed', Cause: 'Job run jr_1 failed: OOM' } }],
      'Notify ingest failed': sns.mock,
    },
  });
  expect(run).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed', cause: 'Job run jr_1 failed: OOM' });
  expect(sns.messages).toHaveLength(1);
});

test('transform: a failed Athena query is notified (JSONPath) and fails the run with its error', async () => {
  const sns = notified();
  const run = await execute(transform, { dates: ['2026-11-01'] }, {
    mocks: {
      'Build daily features': [{ Throw: { Error: 'States.TaskFailed', Cause: 'SYNTAX_ERROR: line 1:8' } }],
      'Notify transform failed': sns.mock,
    },
  });
  expect(run).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed', cause: 'SYNTAX_ERROR: line 1:8' });
  expect(sns.messages).toEqual([expect.objectContaining({ Message: 'transform failed: States.TaskFailed - SYNTAX_ERROR: line 1:8' })]);
});

test('pipeline: a failed child execution is notified and fails the parent with its error', async () => {
  const sns = notified();
  const run = await execute(pipeline, { date: '2026-11-01' }, {
    mocks: {
      'Run ingest': [{ Throw: { Error: 'States.TaskFailed', Cause: '{"status":"FAILED"}' } }],
      'Notify pipeline failed': sns.mock,
    },
  });
  expect(run).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed', cause: '{"status":"FAILED"}' });
  expect(sns.messages).toHaveLength(1);
});
