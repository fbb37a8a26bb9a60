/**
 * The engine's hooks for running behind an API: a scaled (real-time) clock, a live view of a
 * running execution, and task tokens answered from outside.
 */
import type { StateMachineDefinition } from '../../src/model/asl.js';
import { executeDefinition as execute, type HistoryEvent, type RunningExecution, type TaskCallback, type TaskTokenRequest } from '../../src/engine/index.js';

const waitOneSecond: StateMachineDefinition = {
  StartAt: 'Wait',
  States: { Wait: { Type: 'Wait', Seconds: 1, Next: 'Done' }, Done: { Type: 'Succeed' } },
};

const callbackMachine = (extra: Record<string, unknown> = {}): StateMachineDefinition =>
  ({
    StartAt: 'Ask',
    States: {
      Ask: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q', MessageBody: { 'token.$': '$$.Task.Token' } },
        ...extra,
        End: true,
      },
    },
  }) as StateMachineDefinition;

/** A hand-driven callback: the test answers it. */
function answerable() {
  const requests: TaskTokenRequest[] = [];
  const closed: string[] = [];
  let answer!: (r: { Return: unknown } | { Throw: { Error: string; Cause?: string } }) => void;
  let heartbeat: () => void = () => {};
  const callbacks = (request: TaskTokenRequest): TaskCallback => {
    requests.push(request);
    return {
      response: new Promise((resolve) => (answer = resolve as typeof answer)),
      onHeartbeat: (listener) => (heartbeat = listener),
      close: (reason) => closed.push(reason),
    };
  };
  return { callbacks, requests, closed, answer: (r: Parameters<typeof answer>[0]) => answer(r), heartbeat: () => heartbeat() };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 2));
};

test('a virtual clock jumps over a Wait; a scaled clock waits scale × seconds of real time', async () => {
  const t0 = performance.now();
  const virtual = await execute(waitOneSecond, {}, { clock: { start: '2024-01-01T00:00:00Z' } });
  expect(performance.now() - t0).toBeLessThan(500);
  expect(virtual.stopDate.getTime() - virtual.startDate.getTime()).toBe(1000);

  const t1 = performance.now();
  const scaled = await execute(waitOneSecond, {}, { clock: { start: '2024-01-01T00:00:00Z', scale: 0.05 } });
  expect(performance.now() - t1).toBeGreaterThanOrEqual(45);
  expect(scaled.status).toBe('SUCCEEDED');
  // The history still shows the second passing.
  expect(scaled.stopDate.getTime() - scaled.startDate.getTime()).toBeGreaterThanOrEqual(1000);
});

test('observe sees the execution name and its history while it runs', async () => {
  let seen: RunningExecution | undefined;
  const { callbacks, requests, answer } = answerable();
  const running = execute(callbackMachine(), { a: 1 }, { callbacks, context: { Execution: { Name: 'run-1' } }, observe: (e) => (seen = e) });
  expect(seen?.name).toBe('run-1');
  expect(seen?.executionArn).toMatch(/:execution:StateMachine:run-1$/);
  await until(() => requests.length > 0);
  const types = (events: readonly HistoryEvent[]) => events.map((e) => e.type);
  expect(types(seen!.history())).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted']);
  answer({ Return: { ok: true } });
  const run = await running;
  expect(run.output).toEqual({ ok: true });
  expect(types(seen!.history()).slice(-3)).toEqual(['TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
});

test('an unmocked .waitForTaskToken task hands out its token and takes the answer as its result', async () => {
  const { callbacks, requests, answer, closed } = answerable();
  const running = execute(callbackMachine(), {}, { callbacks });
  await until(() => requests.length > 0);
  const token = requests[0]!.token;
  expect(requests[0]).toMatchObject({ state: 'Ask', resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', input: { MessageBody: { token } } });
  answer({ Throw: { Error: 'Approval.Rejected', Cause: 'no' } });
  const run = await running;
  expect(run).toMatchObject({ status: 'FAILED', error: 'Approval.Rejected', cause: 'no' });
  expect(closed).toEqual(['closed']);
});

test('without heartbeats a callback task times out after HeartbeatSeconds on a scaled clock; heartbeats keep it alive', async () => {
  const quiet = answerable();
  const timedOut = await execute(callbackMachine({ HeartbeatSeconds: 1 }), {}, { callbacks: quiet.callbacks, clock: { scale: 0.2 } });
  expect(timedOut).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
  expect(timedOut.history.map((e) => e.type)).toContain('TaskTimedOut');
  expect(quiet.closed).toEqual(['timed-out']);

  const alive = answerable();
  const running = execute(callbackMachine({ HeartbeatSeconds: 1 }), {}, { callbacks: alive.callbacks, clock: { scale: 0.2 } });
  await until(() => alive.requests.length > 0);
  for (let i = 0; i < 4; i++) {
    await new Promise((r) => setTimeout(r, 20)); // 0.1 s of execution time each: far inside HeartbeatSeconds
    alive.heartbeat();
  }
  alive.answer({ Return: 'done' });
  expect(await running).toMatchObject({ status: 'SUCCEEDED', output: 'done' });
});

test('without callbacks an unmocked .waitForTaskToken task still fails as unmocked', async () => {
  const run = await execute(callbackMachine(), {});
  expect(run).toMatchObject({ status: 'FAILED', error: 'stepwright.UnmockedTask' });
});

// The hooks together with the executor's limits, its pace and its lazily built history.

/** Real timers the process holds (setTimeout / setInterval). */
const realTimers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

test('a scaled clock keeps its waits real while a long branch gives the event loop turns', async () => {
  // One branch runs 3,000 states without a Wait (the clock paces it); the other waits 2 s at 0.01 real s per s.
  const chain: Record<string, unknown> = {};
  for (let i = 0; i < 3000; i++) chain[`P${i}`] = i === 2999 ? { Type: 'Pass', End: true } : { Type: 'Pass', Next: `P${i + 1}` };
  const definition = {
    StartAt: 'Both',
    States: {
      Both: {
        Type: 'Parallel',
        End: true,
        Branches: [
          { StartAt: 'P0', States: chain },
          { StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 2, End: true } } },
        ],
      },
    },
  } as StateMachineDefinition;
  const before = realTimers();
  const t0 = performance.now();
  const run = await execute(definition, {}, { type: 'EXPRESS', clock: { start: '2024-01-01T00:00:00Z', scale: 0.01 } });
  expect(run.status).toBe('SUCCEEDED');
  expect(performance.now() - t0).toBeGreaterThanOrEqual(18);
  expect(run.stopDate.getTime() - run.startDate.getTime()).toBeGreaterThanOrEqual(2000);
  // The execution's own maximum (five minutes for EXPRESS) was a real timer too, cleared with the rest.
  expect(realTimers()).toBe(before);
});

test('on a scaled clock a wait past any execution length ends at TimeoutSeconds, and no real timer outlives the run', async () => {
  const definition = {
    StartAt: 'Wait',
    TimeoutSeconds: 2,
    States: { Wait: { Type: 'Wait', SecondsPath: '$.s', End: true } },
  } as StateMachineDefinition;
  const before = realTimers();
  const run = await execute(definition, { s: 9_000_000_000_000_000 }, { clock: { start: '2024-01-01T00:00:00Z', scale: 0.01 } });
  expect(run).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
  expect(run.stopDate.getTime() - run.startDate.getTime()).toBeGreaterThanOrEqual(2000);
  expect(realTimers()).toBe(before);
});

test('maxWallMs stops a run on a real-time clock that would wait an hour', async () => {
  const wait = { StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 3600, End: true } } } as StateMachineDefinition;
  const t0 = performance.now();
  const run = await execute(wait, {}, { clock: { scale: 1 }, maxWallMs: 50 });
  expect(run).toMatchObject({ status: 'FAILED', error: 'stepwright.MaxWallTimeExceeded' });
  expect(performance.now() - t0).toBeLessThan(5000);
});

test('observe reads the lazily built history while it grows: the same events, payload text included, as the result', async () => {
  // A Map whose tasks answer at once from a list, then a task answered from outside.
  const definition = {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemProcessor: { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:work', End: true } } },
        ResultPath: '$.done',
        Next: 'Ask',
      },
      Ask: callbackMachine().States.Ask!,
    },
  } as StateMachineDefinition;
  const items = [1, 2, 3];
  let seen: RunningExecution | undefined;
  const { callbacks, requests, answer } = answerable();
  const running = execute(definition, { items }, { mocks: { Work: items.map((i) => ({ Return: { i } })) }, callbacks, observe: (e) => (seen = e) });
  expect(seen!.history()[0]!.type).toBe('ExecutionStarted');
  await until(() => requests.length > 0);
  const midway = seen!.history().slice();
  expect(midway.map((e) => e.type).slice(-5)).toEqual(['MapStateExited', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted']);
  expect(midway.filter((e) => e.type === 'LambdaFunctionSucceeded').map((e) => e.lambdaFunctionSucceededEventDetails)).toEqual(
    items.map((i) => ({ output: JSON.stringify({ i }), outputDetails: { truncated: false } })),
  );
  expect(midway.map((e) => e.id)).toEqual(midway.map((_, i) => i + 1));
  answer({ Return: { approved: true } });
  const run = await running;
  expect(run.status).toBe('SUCCEEDED');
  // The result's history continues the live view: the events read midway, then the rest.
  expect(run.history.slice(0, midway.length)).toEqual(midway);
  expect(seen!.history()).toEqual(run.history);
  expect(run.history.at(-1)).toMatchObject({ type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: JSON.stringify({ approved: true }) } });
});

test('a branch with mocks that answer at once runs on while another waits for its task token', async () => {
  const definition = {
    StartAt: 'Both',
    States: {
      Both: {
        Type: 'Parallel',
        End: true,
        Branches: [
          { StartAt: 'Ask', States: { Ask: callbackMachine().States.Ask! } },
          {
            StartAt: 'Flaky',
            States: {
              Flaky: {
                Type: 'Task',
                Resource: 'arn:aws:lambda:us-east-1:123456789012:function:flaky',
                Retry: [{ ErrorEquals: ['Flaky.Error'], IntervalSeconds: 1, MaxAttempts: 3 }],
                End: true,
              },
            },
          },
        ],
      },
    },
  } as StateMachineDefinition;
  const mocks = { Flaky: [{ Throw: { Error: 'Flaky.Error', Cause: '1' } }, { Throw: { Error: 'Flaky.Error', Cause: '2' } }, { Return: 'fine' }] };
  // On a scaled clock the retries' intervals are real timers and pass while the token is out.
  const { callbacks, requests, answer } = answerable();
  let seen: RunningExecution | undefined;
  const running = execute(definition, {}, { mocks, callbacks, clock: { scale: 0.005 }, observe: (e) => (seen = e) });
  await until(() => requests.length > 0 && seen!.history().some((e) => e.type === 'LambdaFunctionSucceeded'));
  expect(seen!.history().filter((e) => e.type === 'LambdaFunctionFailed')).toHaveLength(2);
  answer({ Return: 'approved' });
  const run = await running;
  expect(run).toMatchObject({ status: 'SUCCEEDED', output: ['approved', 'fine'] });
  // The token's task records TaskSubmitted once, when the token went out.
  expect(run.history.filter((e) => e.type === 'TaskSubmitted')).toHaveLength(1);
});

test('a mocked .waitForTaskToken task answers from its mock even in a run given callbacks', async () => {
  const { callbacks, requests } = answerable();
  const run = await execute(callbackMachine(), {}, { callbacks, mocks: { Ask: [{ Return: { fromMock: true } }] } });
  expect(run).toMatchObject({ status: 'SUCCEEDED', output: { fromMock: true } });
  expect(requests).toHaveLength(0);
  expect(run.history.filter((e) => e.type === 'TaskSubmitted')).toHaveLength(1);
});
