import type { StateMachineDefinition } from '../../src/model/asl.js';
import { executeDefinition as execute } from '../../src/engine/index.js';

const task = (extra: object): StateMachineDefinition => ({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::glue:startJobRun.sync', ...extra, End: true } as never } });

describe('timeouts on the virtual clock', () => {
  test('Wait states advance virtual time without sleeping', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'W1',
      States: {
        W1: { Type: 'Wait', Seconds: 86_400, Next: 'W2' },
        W2: { Type: 'Wait', TimestampPath: '$.until', Next: 'W3' },
        W3: { Type: 'Wait', SecondsPath: '$.s', End: true },
      },
    };
    const started = Date.now();
    const run = await execute(def, { until: '2024-01-03T00:00:00Z', s: 30 }, { clock: '2024-01-01T00:00:00Z' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.stopDate.toISOString()).toBe('2024-01-03T00:00:30.000Z');
  });

  test('concurrent waits finish in virtual-time order', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 5, End: true } } },
            { StartAt: 'Fast', States: { Fast: { Type: 'Wait', Seconds: 1, End: true } } },
          ],
        },
      },
    };
    const run = await execute(def, {});
    const exits = run.history.filter((e) => e.type === 'WaitStateExited').map((e) => (e.stateExitedEventDetails as { name: string }).name);
    expect(exits).toEqual(['Fast', 'Slow']);
    expect(run.stopDate.getTime() - run.startDate.getTime()).toBe(5000);
  });

  test('TimeoutSeconds fires States.Timeout when the mock takes longer', async () => {
    const run = await execute(task({ TimeoutSeconds: 30 }), {}, { mocks: { T: [{ Return: { done: true }, DelaySeconds: 3600 }] } });
    expect(run).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(run.history.map((e) => e.type)).toContain('TaskTimedOut');
    expect(run.stopDate.getTime() - run.startDate.getTime()).toBe(30_000);
    const inTime = await execute(task({ TimeoutSeconds: 30 }), {}, { mocks: { T: [{ Return: { done: true }, DelaySeconds: 10 }] } });
    expect(inTime).toMatchObject({ status: 'SUCCEEDED', output: { done: true } });
  });

  test('HeartbeatSeconds fires States.HeartbeatTimeout (mocks send no heartbeats); Path forms read the input', async () => {
    const run = await execute(task({ TimeoutSecondsPath: '$.t', HeartbeatSecondsPath: '$.h' }), { t: 600, h: 60 }, { mocks: { T: [{ Return: 1, DelaySeconds: 120 }] } });
    expect(run).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    const scheduled = run.history.find((e) => e.type === 'TaskScheduled')!.taskScheduledEventDetails;
    expect(scheduled).toMatchObject({ resourceType: 'glue', resource: 'startJobRun.sync', timeoutInSeconds: 600, heartbeatInSeconds: 60 });
  });

  test('JSONata TimeoutSeconds expression', async () => {
    const def: StateMachineDefinition = { QueryLanguage: 'JSONata', ...task({ TimeoutSeconds: '{% $states.input.t %}', Arguments: {} }) };
    expect(await execute(def, { t: 5 }, { mocks: { T: [{ Return: 1, DelaySeconds: 6 }] } })).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });

  test('machine TimeoutSeconds ends the execution TIMED_OUT', async () => {
    const def: StateMachineDefinition = { TimeoutSeconds: 60, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } };
    const run = await execute(def, {});
    expect(run).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(run.history.at(-1)!.type).toBe('ExecutionTimedOut');
    expect(run.stopDate.getTime() - run.startDate.getTime()).toBe(60_000);
  });

  test('Wait with a negative SecondsPath is States.Runtime', async () => {
    const def: StateMachineDefinition = { StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: '$.s', End: true } } };
    expect(await execute(def, { s: -1 })).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });
});
