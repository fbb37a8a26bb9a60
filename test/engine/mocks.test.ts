import type { StateMachineDefinition } from '../../src/model/asl.js';
import { executeDefinition as execute, StatesError, UNMOCKED_TASK, type MockConfigFile } from '../../src/engine/index.js';
import { isStepwrightError } from '../../src/model/errors.js';

const twoCalls: StateMachineDefinition = {
  StartAt: 'Check',
  States: {
    Check: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['NotReady'], IntervalSeconds: 1, MaxAttempts: 5 }], Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

describe('mocks', () => {
  test('a list is consumed in call order', async () => {
    const run = await execute(twoCalls, {}, { mocks: { Check: [{ Throw: { Error: 'NotReady' } }, { Return: 'ready' }] } });
    expect(run).toMatchObject({ status: 'SUCCEEDED', output: 'ready' });
  });

  test('Step Functions Local keyed form: "0", "1-2"', async () => {
    const mocks = { Check: { '0': { Throw: { Error: 'NotReady' } }, '1-2': { Throw: { Error: 'NotReady' } }, '3': { Return: 'ready' } } };
    const run = await execute(twoCalls, {}, { mocks });
    expect(run.output).toBe('ready');
    expect(run.history.filter((e) => e.type === 'TaskFailed')).toHaveLength(3);
  });

  test('a function receives the effective Parameters, resource, attempt and context', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'Call',
      States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f', 'Payload.$': '$.p' }, End: true } },
    };
    const calls: unknown[] = [];
    const run = await execute(def, { p: 7 }, {
      mocks: {
        Call: async (call) => {
          calls.push({ state: call.state, resource: call.resource, input: call.input, attempt: call.attempt, name: (call.context as { State: { Name: string } }).State.Name });
          await new Promise((r) => setTimeout(r, 5)); // real async work in a mock is fine
          return { Return: { Payload: (call.input as { Payload: number }) .Payload * 2, StatusCode: 200 } };
        },
      },
    });
    expect(run.output).toEqual({ Payload: 14, StatusCode: 200 });
    expect(calls).toEqual([{ state: 'Call', resource: 'arn:aws:states:::lambda:invoke', input: { FunctionName: 'f', Payload: 7 }, attempt: 0, name: 'Call' }]);
  });

  test('a Step Functions Local MockConfigFile and test case', async () => {
    const config: MockConfigFile = {
      StateMachines: { Machine: { TestCases: { HappyPath: { Check: 'ReadyOnSecondTry' } } } },
      MockedResponses: { ReadyOnSecondTry: { '0': { Throw: { Error: 'NotReady', Cause: 'wait' } }, '1': { Return: { state: 'READY' } } } },
    };
    const run = await execute(twoCalls, {}, { mocks: { config, testCase: 'HappyPath' } });
    expect(run.output).toEqual({ state: 'READY' });
  });

  test('an unmocked Task fails the run naming the state and resource; Retry and Catch do not hide it', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Retry: [{ ErrorEquals: ['States.ALL'] }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'X' }], End: true }, X: { Type: 'Succeed' } },
    };
    const run = await execute(def, {});
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe(UNMOCKED_TASK);
    expect(run.cause).toContain("'T'");
    expect(run.cause).toContain('arn:aws:states:::sns:publish');
  });

  test('a function mock may throw a StatesError to fail the task', async () => {
    const run = await execute(twoCalls, {}, {
      mocks: {
        Check: (call) => {
          if (call.attempt < 1) throw new StatesError('NotReady', 'thrown');
          return { Return: 'ready' };
        },
      },
    });
    expect(run.output).toBe('ready');
  });

  test('too few responses fails with stepwright.MockExhausted', async () => {
    const run = await execute(twoCalls, {}, { mocks: { Check: [{ Throw: { Error: 'NotReady' } }] } });
    expect(run).toMatchObject({ status: 'FAILED', error: 'stepwright.MockExhausted' });
  });

  test('mocking a state that does not exist, or is not a Task, is a user error with a fix', async () => {
    const err = await execute(twoCalls, {}, { mocks: { Chek: [{ Return: 1 }] } }).catch((e: unknown) => e);
    expect(isStepwrightError(err)).toBe(true);
    expect((err as Error).message).toContain('"Chek"');
    expect((err as { problems: { fix?: string }[] }).problems[0]!.fix).toContain('Check');
    await expect(execute(twoCalls, {}, { mocks: { Done: [{ Return: 1 }] } })).rejects.toThrow(/Succeed state, not a Task/);
  });

  test('a malformed response is a user error', async () => {
    await expect(execute(twoCalls, {}, { mocks: { Check: [{ Result: 1 } as never] } })).rejects.toThrow(/Return or Throw/);
  });
});

describe('task integrations', () => {
  test('a function ARN gets the payload and records LambdaFunction* events', async () => {
    const def: StateMachineDefinition = { StartAt: 'F', States: { F: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:double', End: true } } };
    const run = await execute(def, { n: 2 }, { mocks: { F: (call) => ({ Return: { n: (call.input as { n: number }).n * 2 } }) } });
    expect(run.output).toEqual({ n: 4 });
    expect(run.history.map((e) => e.type)).toEqual([
      'ExecutionStarted', 'TaskStateEntered', 'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionSucceeded', 'TaskStateExited', 'ExecutionSucceeded',
    ]);
    expect(run.history[2]!.lambdaFunctionScheduledEventDetails).toMatchObject({ resource: 'arn:aws:lambda:us-east-1:123456789012:function:double', input: '{"n":2}' });
  });

  test('.waitForTaskToken tasks see $$.Task.Token', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'Ask',
      States: { Ask: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: 'q', MessageBody: { 'token.$': '$$.Task.Token' } }, End: true } },
    };
    let token: unknown;
    const run = await execute(def, {}, { mocks: { Ask: (call) => ((token = (call.input as { MessageBody: { token: string } }).MessageBody.token), { Return: { approved: true } }) } });
    expect(run.output).toEqual({ approved: true });
    expect(typeof token).toBe('string');
    expect((token as string).length).toBeGreaterThan(20);
    expect(run.history.map((e) => e.type)).toContain('TaskSubmitted');
  });
});
