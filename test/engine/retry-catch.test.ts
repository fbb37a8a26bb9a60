import type { Retrier, StateMachineDefinition } from '../../src/model/asl.js';
import { executeDefinition as execute, type MockResponse } from '../../src/engine/index.js';

const boom: MockResponse = { Throw: { Error: 'Boom', Cause: 'it broke' } };

function taskWith(extra: object, next: Record<string, unknown> = {}): StateMachineDefinition {
  return { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ...extra, End: true } as never, ...(next as Record<string, never>) } };
}

/** Seconds between successive TaskScheduled events: the retry delays. */
function delays(history: { type: string; timestamp: Date }[]): number[] {
  const times = history.filter((e) => e.type === 'TaskScheduled').map((e) => e.timestamp.getTime());
  return times.slice(1).map((t, i) => (t - times[i]!) / 1000);
}

describe('Retry', () => {
  test('defaults: IntervalSeconds 1, MaxAttempts 3, BackoffRate 2', async () => {
    const run = await execute(taskWith({ Retry: [{ ErrorEquals: ['States.ALL'] }] }), {}, { mocks: { T: [boom, boom, boom, boom] } });
    expect(run).toMatchObject({ status: 'FAILED', error: 'Boom', cause: 'it broke' });
    expect(delays(run.history)).toEqual([1, 2, 4]);
  });

  test('succeeds on a later attempt; RetryCount and attempt are visible', async () => {
    const seen: number[] = [];
    const run = await execute(taskWith({ Retry: [{ ErrorEquals: ['Boom'], IntervalSeconds: 3, BackoffRate: 1.5, MaxAttempts: 5 }], Parameters: { 'retry.$': '$$.State.RetryCount' } }), {}, {
      mocks: { T: (call) => (seen.push(call.attempt), call.attempt < 2 ? boom : { Return: call.input }) },
    });
    expect(run).toMatchObject({ status: 'SUCCEEDED', output: { retry: 2 } });
    expect(seen).toEqual([0, 1, 2]);
    expect(delays(run.history)).toEqual([3, 4.5]);
    // Retries do not re-enter the state.
    expect(run.history.filter((e) => e.type === 'TaskStateEntered')).toHaveLength(1);
  });

  test('MaxAttempts 0 never retries; MaxDelaySeconds caps the backoff', async () => {
    const never = await execute(taskWith({ Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 0 }] }), {}, { mocks: { T: [boom] } });
    expect(never.status).toBe('FAILED');
    const capped = await execute(taskWith({ Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 10, MaxAttempts: 4, MaxDelaySeconds: 25 }] }), {}, { mocks: { T: [boom, boom, boom, boom, boom] } });
    expect(delays(capped.history)).toEqual([10, 20, 25, 25]);
  });

  test('the first matching retrier decides, and each counts its own attempts', async () => {
    const retry: Retrier[] = [
      { ErrorEquals: ['Boom'], MaxAttempts: 1, IntervalSeconds: 1 },
      { ErrorEquals: ['States.ALL'], MaxAttempts: 5, IntervalSeconds: 1 },
    ];
    const run = await execute(taskWith({ Retry: retry }), {}, { mocks: { T: [boom, boom, { Return: 1 }] } });
    // Boom is retried once by the first retrier, then fails: the second is not consulted.
    expect(run).toMatchObject({ status: 'FAILED', error: 'Boom' });
    expect(delays(run.history)).toEqual([1]);
  });

  test('JitterStrategy FULL is seeded: the same seed repeats, another seed differs, never above the cap', async () => {
    const def = taskWith({ Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 8, MaxAttempts: 3, JitterStrategy: 'FULL' }] });
    const go = (seed: number) => execute(def, {}, { seed, mocks: { T: [boom, boom, boom, { Return: 1 }] } });
    const a = delays((await go(1)).history);
    expect(delays((await go(1)).history)).toEqual(a);
    expect(delays((await go(2)).history)).not.toEqual(a);
    a.forEach((d, i) => expect(d).toBeLessThan(8 * 2 ** i));
  });

  test('States.Runtime is never retried or caught, even when named', async () => {
    const def = taskWith({
      OutputPath: '$.missing',
      Retry: [{ ErrorEquals: ['States.ALL'] }],
      Catch: [{ ErrorEquals: ['States.Runtime', 'States.ALL'], Next: 'Caught' }],
    }, { Caught: { Type: 'Succeed' } });
    const run = await execute(def, {}, { mocks: { T: [{ Return: {} }] } });
    expect(run).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });
});

describe('Catch', () => {
  const caught = { Caught: { Type: 'Pass', End: true } };

  test('JSONPath: error output goes through the catcher ResultPath into the raw input', async () => {
    const def = taskWith({ InputPath: '$.x', Catch: [{ ErrorEquals: ['Other'], Next: 'Caught' }, { ErrorEquals: ['Boom'], ResultPath: '$.error', Next: 'Caught' }] }, caught);
    const run = await execute(def, { x: 1, keep: true }, { mocks: { T: [boom] } });
    expect(run).toMatchObject({ status: 'SUCCEEDED', output: { x: 1, keep: true, error: { Error: 'Boom', Cause: 'it broke' } } });
    expect(run.history.map((e) => e.type)).toEqual([
      'ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'TaskStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded',
    ]);
  });

  test('JSONata: Output and Assign see $states.errorOutput', async () => {
    const def: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: {}, Catch: [{ ErrorEquals: ['States.TaskFailed'], Output: { e: '{% $states.errorOutput.Error %}' }, Assign: { why: '{% $states.errorOutput.Cause %}' }, Next: 'After' }], End: true },
        After: { Type: 'Pass', Output: { e: '{% $states.input.e %}', why: '{% $why %}' }, End: true },
      },
    };
    const run = await execute(def, {}, { mocks: { T: [boom] } });
    expect(run.output).toEqual({ e: 'Boom', why: 'it broke' });
  });

  test('States.TaskFailed matches any error except States.Timeout', async () => {
    const def = taskWith({ TimeoutSeconds: 5, Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Caught' }] }, caught);
    expect((await execute(def, {}, { mocks: { T: [boom] } })).status).toBe('SUCCEEDED');
    const timedOut = await execute(def, {}, { mocks: { T: [{ Return: 1, DelaySeconds: 60 }] } });
    expect(timedOut).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });

  test('a task result too large is States.DataLimitExceeded and States.ALL catches it (as AWS does)', async () => {
    const def = taskWith({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }] }, caught);
    const run = await execute(def, {}, { mocks: { T: [{ Return: 'x'.repeat(300 * 1024) }] } });
    expect(run.output).toEqual({ Error: 'States.DataLimitExceeded', Cause: "The state/task 'lambda' returned a result with a size exceeding the maximum number of bytes service limit." });
  });
});
