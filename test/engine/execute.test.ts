import type { StateMachineDefinition } from '../../src/model/asl.js';
import { executeDefinition as execute } from '../../src/engine/index.js';

const pass = (extra: object = {}): StateMachineDefinition => ({ StartAt: 'A', States: { A: { Type: 'Pass', ...extra, End: true } as never } });

describe('execute', () => {
  test('runs a JSONPath machine: InputPath, Parameters, ResultPath, OutputPath', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'Shape',
      States: {
        Shape: { Type: 'Pass', InputPath: '$.order', Parameters: { 'id.$': '$.id', 'total.$': 'States.MathAdd($.price, $.tax)' }, ResultPath: '$.shaped', Next: 'Out' },
        Out: { Type: 'Pass', OutputPath: '$.shaped', End: true },
      },
    };
    const run = await execute(def, { order: { id: 'o-1', price: 10, tax: 2 } });
    expect(run).toMatchObject({ status: 'SUCCEEDED', output: { id: 'o-1', total: 12 } });
  });

  test('runs a JSONata machine: Arguments-free Pass with Output and $states.input', async () => {
    const def: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: { A: { Type: 'Pass', Output: { doubled: '{% $states.input.n * 2 %}' }, End: true } },
    };
    expect((await execute(def, { n: 21 })).output).toEqual({ doubled: 42 });
  });

  test('a state may switch query language against the machine default', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Parameters: { 'v.$': '$.v' }, Next: 'B' },
        B: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input.v & "!" %}', End: true },
      },
    };
    expect((await execute(def, { v: 'hi' })).output).toBe('hi!');
  });

  test('a JSONata expression returning nothing fails with States.QueryEvaluationError and the state prefix', async () => {
    const def: StateMachineDefinition = { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', Output: '{% $states.input.missing %}', End: true } } };
    const run = await execute(def, {});
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('States.QueryEvaluationError');
    expect(run.cause).toMatch(/^An error occurred while executing the state 'A' \(entered at the event id #2\)\. /);
  });

  test('history has GetExecutionHistory shape with chained ids', async () => {
    const run = await execute(pass({ Result: { ok: true } }), { in: 1 }, { clock: '2025-03-01T12:00:00Z' });
    expect(run.history.map((e) => e.type)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    expect(run.history.map((e) => [e.id, e.previousEventId])).toEqual([[1, 0], [2, 1], [3, 2], [4, 3]]);
    expect(run.history[0]!.timestamp).toEqual(new Date('2025-03-01T12:00:00Z'));
    expect(run.history[1]!.stateEnteredEventDetails).toEqual({ name: 'A', input: '{"in":1}', inputDetails: { truncated: false } });
    expect(run.history[2]!.stateExitedEventDetails).toEqual({ name: 'A', output: '{"ok":true}', outputDetails: { truncated: false } });
    expect(run.history[3]!.executionSucceededEventDetails).toEqual({ output: '{"ok":true}', outputDetails: { truncated: false } });
  });

  test('the context object: defaults, per-run overrides, State.Name and EnteredTime', async () => {
    const def = pass({ Parameters: { 'ctx.$': '$$' } });
    const run = await execute(def, { a: 1 }, { clock: { start: '2025-01-02T03:04:05.678Z' }, context: { Execution: { Name: 'nightly' }, StateMachine: { Name: 'ingest' } } });
    expect(run.output).toEqual({
      ctx: {
        Execution: {
          Id: 'arn:aws:states:us-east-1:123456789012:execution:ingest:nightly',
          Input: { a: 1 },
          Name: 'nightly',
          RoleArn: 'arn:aws:iam::123456789012:role/service-role/StepFunctions-ingest-role',
          StartTime: '2025-01-02T03:04:05.678Z',
          RedriveCount: 0,
        },
        State: { Name: 'A', EnteredTime: '2025-01-02T03:04:05.678Z', RetryCount: 0 },
        StateMachine: { Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:ingest', Name: 'ingest' },
      },
    });
  });

  test('generated execution names repeat for the same seed and differ across seeds', async () => {
    const def = pass({ Parameters: { 'n.$': '$$.Execution.Name' } });
    const a = await execute(def, {}, { seed: 7 });
    const b = await execute(def, {}, { seed: 7 });
    const c = await execute(def, {}, { seed: 8 });
    expect(a.output).toEqual(b.output);
    expect(a.output).not.toEqual(c.output);
  });

  test('Fail with ErrorPath/CausePath; missing Error and Cause are absent', async () => {
    const def: StateMachineDefinition = { StartAt: 'F', States: { F: { Type: 'Fail', ErrorPath: '$.e', CausePath: "States.Format('bad {}', $.c)" } } };
    expect(await execute(def, { e: 'Boom', c: 'x' })).toMatchObject({ status: 'FAILED', error: 'Boom', cause: 'bad x' });
    const bare = await execute({ StartAt: 'F', States: { F: { Type: 'Fail' } } }, {});
    expect(bare.status).toBe('FAILED');
    expect(bare.error).toBeUndefined();
    expect(bare.cause).toBeUndefined();
    expect(bare.history.map((e) => e.type)).toEqual(['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed']);
  });

  test('Choice: first matching rule, Default, and States.NoChoiceMatched', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: 10, Next: 'Big' }, { Variable: '$.n', NumericGreaterThan: 5, Next: 'Mid' }], Default: 'Small' },
        Big: { Type: 'Pass', Result: 'big', End: true },
        Mid: { Type: 'Pass', Result: 'mid', End: true },
        Small: { Type: 'Pass', Result: 'small', End: true },
      },
    };
    expect((await execute(def, { n: 20 })).output).toBe('big');
    expect((await execute(def, { n: 7 })).output).toBe('mid');
    expect((await execute(def, { n: 1 })).output).toBe('small');
    const noDefault: StateMachineDefinition = { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.n', IsPresent: true, Next: 'X' }] }, X: { Type: 'Succeed' } } };
    expect(await execute(noDefault, {})).toMatchObject({ status: 'FAILED', error: 'States.NoChoiceMatched' });
  });

  test('JSONata Choice Condition must be boolean', async () => {
    const def: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'C',
      States: { C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.n %}', Next: 'X' }], Default: 'X' }, X: { Type: 'Succeed' } },
    };
    const run = await execute(def, { n: 3 });
    expect(run).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError' });
    expect(run.cause).toContain("Expected 'boolean', but was 'number'");
  });

  test('a state output over 256 KiB fails with States.DataLimitExceeded', async () => {
    const run = await execute(pass({ Result: 'é'.repeat(140 * 1024) }), {});
    expect(run).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded', cause: "The state/task 'A' returned a result with a size exceeding the maximum number of bytes service limit." });
  });
});

describe('execute options', () => {
  test('an AbortSignal stops the run: ABORTED with ExecutionAborted', async () => {
    const def: StateMachineDefinition = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10, End: true } } };
    const controller = new AbortController();
    const pending = execute(def, {}, { signal: controller.signal });
    controller.abort();
    const run = await pending;
    expect(run.status).toBe('ABORTED');
    expect(run.history.at(-1)!.type).toBe('ExecutionAborted');
  });

  test('itemReaders for a state that has no ItemReader is a user error', async () => {
    const def: StateMachineDefinition = { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } } };
    await expect(execute(def, [], { itemReaders: { M: [] } })).rejects.toThrow(/not a Map state with an ItemReader/);
  });
});

test('a JSONata failure records EvaluationFailed with the field and state', async () => {
  const def: StateMachineDefinition = { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', Output: { x: '{% $nope %}' }, End: true } } };
  const run = await execute(def, {});
  expect(run.history.map((e) => e.type)).toEqual(['ExecutionStarted', 'PassStateEntered', 'EvaluationFailed', 'ExecutionFailed']);
  expect(run.history[2]!.evaluationFailedEventDetails).toMatchObject({ error: 'States.QueryEvaluationError', location: 'Output/x', state: 'A' });
});

test('never mutates the input or mock results (payloads are shared, not copied)', async () => {
  const deepFreeze = <T>(v: T): T => {
    if (v && typeof v === 'object') {
      Object.values(v).forEach(deepFreeze);
      Object.freeze(v);
    }
    return v;
  };
  const input = deepFreeze({ a: { b: [1, 2] }, c: 'x' });
  const result = deepFreeze({ r: { s: 1 } });
  const def: StateMachineDefinition = {
    StartAt: 'T',
    States: {
      T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultPath: '$.a.result', Next: 'P' },
      P: { Type: 'Pass', Result: { z: 1 }, ResultPath: '$.a.b', Next: 'M' },
      M: { Type: 'Map', ItemsPath: '$.list', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', ResultPath: '$.seen', Result: true, End: true } } }, ResultPath: '$.mapped', End: true },
    },
  };
  const run = await execute(def, { ...input, list: deepFreeze([{ k: 1 }]) }, { mocks: { T: [{ Return: result }] } });
  expect(run.status).toBe('SUCCEEDED');
  expect(run.output).toEqual({ a: { b: { z: 1 }, result: { r: { s: 1 } } }, c: 'x', list: [{ k: 1 }], mapped: [{ k: 1, seen: true }] });
  expect(input).toEqual({ a: { b: [1, 2] }, c: 'x' });
});
