import type { StateMachineDefinition } from '../../src/model/asl.js';
import { executeDefinition as execute } from '../../src/engine/index.js';

describe('variables', () => {
  test('JSONata: every Assign expression and Output see the values from before the state', async () => {
    const def: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { a: 1, b: 2 }, Next: 'Swap' },
        Swap: { Type: 'Pass', Assign: { a: '{% $b %}', b: '{% $a %}' }, Output: { a: '{% $a %}', b: '{% $b %}' }, Next: 'Read' },
        Read: { Type: 'Pass', Output: { before: '{% $states.input %}', after: { a: '{% $a %}', b: '{% $b %}' } }, End: true },
      },
    };
    const run = await execute(def, {});
    expect(run.output).toEqual({ before: { a: 1, b: 2 }, after: { a: 2, b: 1 } });
    const exited = run.history.find((e) => e.type === 'PassStateExited' && (e.stateExitedEventDetails as { name: string }).name === 'Swap')!;
    expect(exited.stateExitedEventDetails).toMatchObject({ assignedVariables: { a: '2', b: '1' }, assignedVariablesDetails: { truncated: false } });
  });

  test('JSONPath: Assign with paths, context and intrinsics; $var in later paths', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { 'id.$': '$.id', 'label.$': "States.Format('run-{}', $.id)", 'state.$': '$$.State.Name', constant: 5 }, Next: 'Use' },
        Use: { Type: 'Pass', Parameters: { 'id.$': '$id', 'label.$': '$label', 'state.$': '$state', 'c.$': '$constant' }, End: true },
      },
    };
    expect((await execute(def, { id: 42 })).output).toEqual({ id: 42, label: 'run-42', state: 'Set', c: 5 });
  });

  test('Map and Parallel branches read outer variables; what they assign stays inside', async () => {
    const def: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { base: 10 }, Next: 'Each' },
        Each: {
          Type: 'Map',
          Items: '{% [1, 2] %}',
          ItemProcessor: {
            StartAt: 'Inner',
            States: {
              Inner: { Type: 'Pass', Assign: { local: '{% $base + $states.input %}' }, Next: 'Out' },
              Out: { Type: 'Pass', Output: '{% $local %}', End: true },
            },
          },
          Next: 'Both',
        },
        Both: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', Assign: { branchOnly: true }, Output: '{% $base %}', End: true } } }],
          Output: { map: '{% $states.input %}', parallel: '{% $states.result %}', leaked: '{% $exists($local) or $exists($branchOnly) %}' },
          End: true,
        },
      },
    };
    expect((await execute(def, {})).output).toEqual({ map: [11, 12], parallel: [10], leaked: false });
  });

  test('Choice rules assign their own variables; Default uses the state-level Assign', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericEquals: 1, Assign: { picked: 'one' }, Next: 'Out' }], Assign: { picked: 'default' }, Default: 'Out' },
        Out: { Type: 'Pass', Parameters: { 'picked.$': '$picked' }, End: true },
      },
    };
    expect((await execute(def, { n: 1 })).output).toEqual({ picked: 'one' });
    expect((await execute(def, { n: 2 })).output).toEqual({ picked: 'default' });
  });
});
