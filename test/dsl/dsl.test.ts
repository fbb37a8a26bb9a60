import {
  compile,
  conditions,
  choice,
  errorOutput,
  expr,
  fail,
  input,
  map,
  parallel,
  pass,
  ref,
  retries,
  sequence,
  States,
  succeed,
  task,
  variable,
  wait,
  workflow,
  type Chainable,
} from '../../src/index.js';
import { toSeconds } from '../../src/dsl/duration.js';
import { evaluateIntrinsic } from '../../src/engine/expressions/index.js';

const LAMBDA = 'arn:aws:lambda:eu-west-1:123456789012:function:f';
const states = (start: Chainable, options: Parameters<typeof workflow>[1] extends infer O ? Partial<O> : never = {}) =>
  compile(workflow('w', { start, ...options })).States;

describe('chaining', () => {
  test('.next() links states in order and the last one ends', () => {
    const s = states(pass('A').next(pass('B')).next(pass('C')));
    expect(Object.keys(s)).toEqual(['A', 'B', 'C']);
    expect(s.A).toMatchObject({ Next: 'B' });
    expect(s.C).toMatchObject({ End: true });
  });

  test('a fragment is a function returning a chain, reusable with its own names', () => {
    const load = (table: string) => sequence(pass(`Extract ${table}`), pass(`Load ${table}`));
    const s = states(load('cards').next(load('merchants')));
    expect(Object.keys(s)).toEqual(['Extract cards', 'Load cards', 'Extract merchants', 'Load merchants']);
    expect(s['Load cards']).toMatchObject({ Next: 'Extract merchants' });
  });

  test('choice branches rejoin with afterwards()', () => {
    const decide = choice('Big?').when(expr('$states.input.n > 10'), pass('Split')).otherwise(pass('Whole'));
    const s = states(decide.afterwards().next(succeed('Done')));
    expect(s.Split).toMatchObject({ Next: 'Done' });
    expect(s.Whole).toMatchObject({ Next: 'Done' });
    expect(s['Big?']).toEqual({ Type: 'Choice', Choices: [{ Condition: '{% $states.input.n > 10 %}', Next: 'Split' }], Default: 'Whole' });
  });

  test('afterwards({ includeOtherwise }) makes "no rule matched" continue too', () => {
    const decide = choice('Skip?').when(expr('$states.input.skip'), succeed('Skipped'));
    const s = states(decide.afterwards({ includeOtherwise: true }).next(pass('Work')));
    expect(s['Skip?']).toMatchObject({ Default: 'Work' });
  });

  test('a transition by name makes a loop', () => {
    const poll = task('Poll', { resource: LAMBDA });
    const check = choice('Done?').when(expr('$states.input.done'), succeed('Finished')).otherwise('Pause');
    const s = states(poll.next(check), { states: [wait('Pause', { seconds: 10 }).next('Poll')] });
    expect(s.Pause).toEqual({ Type: 'Wait', Seconds: 10, Next: 'Poll' });
    expect(s['Done?']).toMatchObject({ Default: 'Pause' });
  });

  test('a state continues only once', () => {
    const a = pass('A');
    a.next(pass('B'));
    expect(() => a.next(pass('C'))).toThrow('already continues with "B"');
  });
});

describe('query languages', () => {
  test('JSONata is the default and is written once, at the top', () => {
    const definition = compile(workflow('w', { start: pass('A', { output: input('x') }) }));
    expect(definition.QueryLanguage).toBe('JSONata');
    expect(definition.States.A).toEqual({ Type: 'Pass', Output: '{% $states.input.x %}', End: true });
  });

  test('a JSONPath state in a JSONata workflow makes the machine JSONPath and marks the JSONata states', () => {
    const definition = compile(workflow('w', { start: pass('A', { output: input() }).next(pass('B', { queryLanguage: 'JSONPath', parameters: { v: ref('$.x') } })) }));
    expect(definition.QueryLanguage).toBe('JSONPath');
    expect(definition.States.A).toMatchObject({ QueryLanguage: 'JSONata' });
    expect(definition.States.B).toEqual({ Type: 'Pass', Parameters: { 'v.$': '$.x' }, End: true });
  });

  test('ref() values become "key.$" entries, nested ones too', () => {
    const s = states(task('T', { resource: LAMBDA, parameters: { a: { b: ref('$.b') }, c: 'literal' } }), { queryLanguage: 'JSONPath' });
    expect(s.T).toMatchObject({ Parameters: { a: { 'b.$': '$.b' }, c: 'literal' } });
  });

  test('a task request is Arguments in JSONata and Parameters in JSONPath', () => {
    const make = () => task('T', { resource: LAMBDA, request: { FunctionName: 'f' } });
    expect(states(make())['T']).toMatchObject({ Arguments: { FunctionName: 'f' } });
    expect(states(make(), { queryLanguage: 'JSONPath' })['T']).toMatchObject({ Parameters: { FunctionName: 'f' } });
  });
});

describe('expression helpers', () => {
  test('JSONata helpers write the {% %} ASL expects', () => {
    expect(expr(' $x + 1 ')).toBe('{% $x + 1 %}');
    expect(input()).toBe('{% $states.input %}');
    expect(input('detail.bucket')).toBe('{% $states.input.detail.bucket %}');
    expect(input('[0]')).toBe('{% $states.input[0] %}');
    expect(errorOutput('Cause')).toBe('{% $states.errorOutput.Cause %}');
    expect(variable('runDate')).toBe('{% $runDate %}');
  });

  test.each([
    [States.format("dt = '{}' and path = 'a\\b'", ref('$.d')), { d: '2026-11-01' }, "dt = '2026-11-01' and path = 'a\\b'"],
    [States.arrayContains(ref('$.a'), "it's {x}"), { a: ["it's {x}"] }, true],
    [States.mathAdd(ref('$.n'), -1), { n: 5 }, 4],
    [States.arrayRange(1, 9, 4), {}, [1, 5, 9]],
    [States.stringSplit(ref('$.csv'), ','), { csv: 'a,b' }, ['a', 'b']],
    [States.hash('abc', 'SHA-256'), {}, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ])('intrinsic helper %# builds text the executor evaluates', (call, data, expected) => {
    expect(evaluateIntrinsic(call.text, data, { context: {}, variables: {} })).toEqual(expected);
  });
});

describe('retry, catch and timeouts', () => {
  test('durations are seconds or readable text', () => {
    expect(toSeconds(30)).toBe(30);
    expect(toSeconds('5m')).toBe(300);
    expect(toSeconds('1h30m')).toBe(5400);
    expect(toSeconds('1d')).toBe(86400);
    expect(() => toSeconds('5 minutes')).toThrow('"5 minutes" is not a duration');
  });

  test('retry and catch render in order with ASL names', () => {
    const handler = fail('Failed');
    const t = task('T', { resource: LAMBDA, timeout: '15m', heartbeat: { path: '$.hb' } })
      .retry({ errors: ['States.Timeout'], interval: '30s', maxAttempts: 2, backoffRate: 1.5, maxDelay: '5m', jitter: 'FULL' })
      .retry(retries.anyError())
      .catch(handler, { errors: ['States.TaskFailed'], output: { error: errorOutput() }, assign: { failed: true } });
    expect(states(t).T).toEqual({
      Type: 'Task',
      Resource: LAMBDA,
      TimeoutSeconds: 900,
      HeartbeatSecondsPath: '$.hb',
      Retry: [
        { ErrorEquals: ['States.Timeout'], IntervalSeconds: 30, MaxAttempts: 2, BackoffRate: 1.5, MaxDelaySeconds: 300, JitterStrategy: 'FULL' },
        { ErrorEquals: ['States.ALL'], IntervalSeconds: 10, MaxAttempts: 2, BackoffRate: 2 },
      ],
      Catch: [{ ErrorEquals: ['States.TaskFailed'], Output: { error: '{% $states.errorOutput %}' }, Assign: { failed: true }, Next: 'Failed' }],
      End: true,
    });
  });

  test('presets can be adjusted', () => {
    expect(retries.throttling({ maxAttempts: 9 })).toMatchObject({ maxAttempts: 9, jitter: 'FULL' });
  });
});

describe('every state type', () => {
  test('JSONPath Choice rules cover the comparison operators and their combinations', () => {
    const rule = conditions.and(
      conditions.stringMatches('$.file', '*.csv'),
      conditions.or(conditions.numericGreaterThanEqualsPath('$.rows', '$.min'), conditions.not(conditions.isPresent('$.skip'))),
      conditions.timestampLessThan('$.at', '2026-01-01T00:00:00Z'),
    );
    const s = states(choice('C').when(rule, succeed('Yes')).otherwise(fail('No')), { queryLanguage: 'JSONPath' });
    expect(s.C).toEqual({
      Type: 'Choice',
      Choices: [
        {
          And: [
            { Variable: '$.file', StringMatches: '*.csv' },
            { Or: [{ Variable: '$.rows', NumericGreaterThanEqualsPath: '$.min' }, { Not: { Variable: '$.skip', IsPresent: true } }] },
            { Variable: '$.at', TimestampLessThan: '2026-01-01T00:00:00Z' },
          ],
          Next: 'Yes',
        },
      ],
      Default: 'No',
    });
  });

  test('Parallel branches and an inline Map processor are nested machines', () => {
    const s = states(
      parallel('Both', { branches: [pass('Left'), pass('Right').next(pass('Right 2'))] }).next(
        map('Each', { items: input('days'), maxConcurrency: 4, itemSelector: { day: expr('$states.context.Map.Item.Value') }, processor: pass('One day') }),
      ),
    );
    expect(s.Both).toMatchObject({ Branches: [{ StartAt: 'Left', States: { Left: { Type: 'Pass', End: true } } }, { StartAt: 'Right' }], Next: 'Each' });
    expect(s.Each).toMatchObject({ Items: '{% $states.input.days %}', MaxConcurrency: 4, ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'One day' } });
  });

  test('a Map with an ItemReader is distributed, with STANDARD child executions by default', () => {
    const s = states(
      map('Files', {
        itemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', Arguments: { Bucket: 'b', Prefix: 'raw/' } },
        itemBatcher: { MaxItemsPerBatch: 100 },
        toleratedFailurePercentage: 5,
        label: 'files',
        processor: pass('Batch'),
      }),
    );
    expect(s.Files).toMatchObject({ ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } }, ToleratedFailurePercentage: 5, Label: 'files' });
  });

  test('Wait takes seconds, a timestamp, an expression or a path', () => {
    expect(states(wait('W', { seconds: '2m' })).W).toEqual({ Type: 'Wait', Seconds: 120, End: true });
    expect(states(wait('W', { timestamp: '2026-12-01T00:00:00Z' })).W).toMatchObject({ Timestamp: '2026-12-01T00:00:00Z' });
    expect(states(wait('W', { seconds: expr('$states.input.delay') })).W).toMatchObject({ Seconds: '{% $states.input.delay %}' });
    expect(states(wait('W', { timestamp: { path: '$.until' } }), { queryLanguage: 'JSONPath' }).W).toMatchObject({ TimestampPath: '$.until' });
  });

  test('Fail takes literal or computed error and cause', () => {
    expect(states(fail('F', { error: 'Bad', cause: expr('$states.input.why') })).F).toEqual({ Type: 'Fail', Error: 'Bad', Cause: '{% $states.input.why %}' });
    expect(states(fail('F', { errorPath: '$.e', causePath: "States.Format('{}', $.c)" }), { queryLanguage: 'JSONPath' }).F).toEqual({ Type: 'Fail', ErrorPath: '$.e', CausePath: "States.Format('{}', $.c)" });
  });

  test('workflow options: comment and timeout reach the ASL', () => {
    const definition = compile(workflow('w', { start: succeed('S'), comment: 'c', timeout: '2h' }));
    expect(definition).toEqual({ Comment: 'c', QueryLanguage: 'JSONata', TimeoutSeconds: 7200, StartAt: 'S', States: { S: { Type: 'Succeed' } } });
  });
});
