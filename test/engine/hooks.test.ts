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
