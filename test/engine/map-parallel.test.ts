import type { MapState, StateMachineDefinition } from '../../src/model/asl.js';
import { executeDefinition as execute } from '../../src/engine/index.js';

const mapOf = (map: Partial<MapState> & { mode?: 'INLINE' | 'DISTRIBUTED' }, inner: StateMachineDefinition['States'] = { Work: { Type: 'Pass', End: true } }): StateMachineDefinition => {
  const { mode, ...rest } = map;
  const ItemProcessor = { ProcessorConfig: { Mode: mode ?? 'INLINE' }, StartAt: Object.keys(inner)[0]!, States: inner };
  return { StartAt: 'Each', States: { Each: { Type: 'Map', ItemProcessor, End: true, ...rest } as MapState } };
};
const work = (mode: 'INLINE' | 'DISTRIBUTED') => ({ mode });
const task = { Work: { Type: 'Task' as const, Resource: 'arn:aws:states:::lambda:invoke', End: true } };

describe('Map', () => {
  test('ItemsPath, ItemSelector with $$.Map.Item, results in item order', async () => {
    const def = mapOf({ ItemsPath: '$.xs', ItemSelector: { 'i.$': '$$.Map.Item.Index', 'v.$': '$$.Map.Item.Value', 'tag.$': '$.tag' } });
    expect((await execute(def, { xs: ['a', 'b'], tag: 't' })).output).toEqual([{ i: 0, v: 'a', tag: 't' }, { i: 1, v: 'b', tag: 't' }]);
  });

  test('legacy Iterator and Parameters', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'Each',
      States: { Each: { Type: 'Map', Parameters: { 'v.$': '$$.Map.Item.Value' }, Iterator: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } },
    };
    expect((await execute(def, [1, 2])).output).toEqual([{ v: 1 }, { v: 2 }]);
  });

  test('MaxConcurrency bounds how many iterations run at once (0 = as many as AWS allows)', async () => {
    const peak = async (max: number): Promise<number> => {
      let running = 0;
      let highest = 0;
      const def = mapOf({ MaxConcurrency: max }, { Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } });
      await execute(def, [1, 2, 3, 4, 5, 6], {
        mocks: {
          Work: async () => {
            running++;
            highest = Math.max(highest, running);
            await new Promise((r) => setImmediate(r));
            running--;
            return { Return: 1 };
          },
        },
      });
      return highest;
    };
    expect(await peak(2)).toBe(2);
    expect(await peak(0)).toBe(6);
  });

  test('an inline iteration failure fails the Map with that error; history records it', async () => {
    const def = mapOf({ MaxConcurrency: 1 }, task);
    const run = await execute(def, [1, 2, 3], { mocks: { Work: [{ Return: 1 }, { Throw: { Error: 'Bad', Cause: 'item 2' } }, { Return: 3 }] } });
    expect(run).toMatchObject({ status: 'FAILED', error: 'Bad', cause: 'item 2' });
    const types = run.history.map((e) => e.type);
    expect(types).toContain('MapIterationFailed');
    expect(types).toContain('MapStateFailed');
    expect(types.filter((t) => t === 'MapIterationStarted')).toHaveLength(2);
  });

  test('distributed: tolerated failures pass, beyond the threshold States.ExceedToleratedFailureThreshold', async () => {
    const n = (call: { input: unknown }): number => (call.input as { n: number }).n;
    const failEven = { Work: (call: { input: unknown }) => (n(call) % 2 === 0 ? { Throw: { Error: 'Even' } } : { Return: n(call) }) };
    const task = { Work: { Type: 'Task' as const, Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'n.$': '$' }, End: true } };
    const ok = await execute(mapOf({ ...work('DISTRIBUTED'), ToleratedFailureCount: 2 }, task), [1, 2, 3, 4], { mocks: failEven });
    expect(ok.status).toBe('SUCCEEDED');
    expect(ok.output).toEqual([1, null, 3, null]);
    expect(ok.history.map((e) => e.type)).toEqual(['ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'MapRunStarted', 'MapRunSucceeded', 'MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
    const pct = await execute(mapOf({ ...work('DISTRIBUTED'), ToleratedFailurePercentage: 25 }, task), [1, 2, 3, 4], { mocks: failEven });
    expect(pct).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
  });

  test('distributed children do not see outer variables', async () => {
    const def: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { outer: 1 }, Next: 'Each' },
        Each: { Type: 'Map', Items: [1], ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, StartAt: 'P', States: { P: { Type: 'Pass', Output: '{% $exists($outer) %}', End: true } } }, End: true },
      },
    };
    expect((await execute(def, {})).output).toEqual([false]);
  });

  test('ItemReader reads local fixtures: CSV (strings, header row), JSONL, arrays; MaxItems', async () => {
    const reader = (InputType: 'CSV' | 'JSONL' | 'JSON', extra: object = {}) =>
      mapOf({ ...work('DISTRIBUTED'), ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType, ...extra }, Parameters: { Bucket: 'b', Key: 'k' } } });
    expect((await execute(reader('CSV'), {}, { itemReaders: { Each: 'id,name\n1,"a, b"\n2,c\n' } })).output).toEqual([{ id: '1', name: 'a, b' }, { id: '2', name: 'c' }]);
    expect((await execute(reader('JSONL', { MaxItems: 1 }), {}, { itemReaders: { Each: '{"x":1}\n{"x":2}\n' } })).output).toEqual([{ x: 1 }]);
    expect((await execute(reader('JSON'), {}, { itemReaders: { Each: [{ y: 1 }] } })).output).toEqual([{ y: 1 }]);
    expect(await execute(reader('JSON'), {})).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed' });
  });

  test('ItemBatcher groups items with BatchInput', async () => {
    const def = mapOf({ ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { 'run.$': '$.run' } }, ItemsPath: '$.xs' });
    expect((await execute(def, { xs: [1, 2, 3], run: 'r' })).output).toEqual([{ BatchInput: { run: 'r' }, Items: [1, 2] }, { BatchInput: { run: 'r' }, Items: [3] }]);
  });

  test('ResultWriter returns ResultWriterDetails instead of the results', async () => {
    const def = mapOf({ ...work('DISTRIBUTED'), ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'out', Prefix: 'runs' } } });
    const output = (await execute(def, [1])).output as { MapRunArn: string; ResultWriterDetails: { Bucket: string; Key: string } };
    expect(output.MapRunArn).toMatch(/^arn:aws:states:us-east-1:123456789012:mapRun:StateMachine\/Each:/);
    expect(output.ResultWriterDetails.Bucket).toBe('out');
    expect(output.ResultWriterDetails.Key).toMatch(/^runs\/.+\/manifest\.json$/);
  });

  test('an inline Map runs at most 40 iterations at once, as AWS does, whatever MaxConcurrency says', async () => {
    const waits = { W: { Type: 'Wait' as const, Seconds: 10, End: true } };
    const items = Array.from({ length: 100 }, (_, i) => i);
    for (const MaxConcurrency of [undefined, 0, 100]) {
      const run = await execute(mapOf(MaxConcurrency === undefined ? {} : { MaxConcurrency }, waits), items);
      expect(run.status).toBe('SUCCEEDED');
      // 100 items, 40 at a time: three waves of 10 s.
      expect(run.stopDate.getTime() - run.startDate.getTime()).toBe(30_000);
      const started = run.history.filter((e) => e.type === 'MapIterationStarted').map((e) => e.timestamp.getTime() - run.startDate.getTime());
      expect(started.filter((t) => t === 0)).toHaveLength(40);
    }
    const ten = await execute(mapOf({ MaxConcurrency: 10 }, waits), items);
    expect(ten.stopDate.getTime() - ten.startDate.getTime()).toBe(100_000);
  });

  test('a large Map stays fast and its history grows linearly', async () => {
    const n = 5000;
    const def = mapOf({ MaxConcurrency: 0 }, { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } });
    // EXPRESS: a STANDARD execution would stop at AWS's 25,000-event history quota.
    const run = await execute(def, Array.from({ length: n }, (_, i) => ({ i })), { type: 'EXPRESS' });
    expect((run.output as unknown[]).length).toBe(n);
    // Execution (2) + Map entered/started/succeeded/exited (4) + per item: iteration started/succeeded and 2 states × 2.
    expect(run.history.length).toBe(6 + n * 6);
  });
});

describe('Parallel', () => {
  test('a failing branch fails the state with its error and stops the others', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 10, Next: 'Never' }, Never: { Type: 'Pass', End: true } } },
            { StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Broke', Cause: 'branch 2' } } },
          ],
          Catch: [{ ErrorEquals: ['Broke'], ResultPath: '$.err', Next: 'Handled' }],
          End: true,
        },
        Handled: { Type: 'Pass', End: true },
      },
    };
    const run = await execute(def, {});
    expect(run).toMatchObject({ status: 'SUCCEEDED', output: { err: { Error: 'Broke', Cause: 'branch 2' } } });
    const names = run.history.map((e) => (e.stateEnteredEventDetails as { name?: string } | undefined)?.name).filter(Boolean);
    expect(names).not.toContain('Never');
    expect(run.history.map((e) => e.type)).toContain('ParallelStateFailed');
  });

  test('Parameters feed every branch; results are in branch order', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Parameters: { 'x.$': '$.x' },
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 2, Next: 'A2' }, A2: { Type: 'Pass', Parameters: { 'a.$': '$.x' }, End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Pass', Parameters: { 'b.$': '$.x' }, End: true } } },
          ],
          ResultSelector: { 'first.$': '$[0].a', 'second.$': '$[1].b' },
          End: true,
        },
      },
    };
    expect((await execute(def, { x: 9 })).output).toEqual({ first: 9, second: 9 });
  });
});
