/**
 * Where asl-validator is stricter than AWS, stepwright's verdict follows AWS. Each case cites the
 * execution recorded on AWS (../shared/conformance/sfn-executions) or the document that shows AWS
 * accepts it, and checks that asl-validator's own function still refuses it, so the list says exactly
 * where the two differ. The corpus test below holds every recorded definition to the same rule, and
 * runs those asl-validator refuses through execute() (which validates first) to their recorded end.
 */
import aslValidator from 'asl-validator';
import { execute, validateDefinition } from '../../src/index.js';
import { describeConformance, readCorpusJson } from '../support/conformance.js';
import { mocksFor, type ConformanceCase } from '../engine/conformance-cases.js';

const jsonata = (state: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ QueryLanguage: 'JSONata', StartAt: 'S', States: { S: { End: true, ...state } }, ...extra });
const choice = (extra: Record<string, unknown>) => ({
  QueryLanguage: 'JSONata',
  StartAt: 'C',
  States: { C: { Type: 'Choice', Choices: [{ Condition: '{% true %}', Next: 'Done' }], ...extra }, Done: { Type: 'Succeed' } },
});

const cases: [string, string, unknown][] = [
  ['Output that is a number', 'test_output.py::test_base_output_any_non_dict[INT]', jsonata({ Type: 'Pass', Output: 42 })],
  ['Output that is an empty list', 'test_output.py::test_base_output_any_non_dict[LIST_RICH] (a list holding an empty list)', jsonata({ Type: 'Pass', Output: [] })],
  ['Output that is null', 'test_output.py::test_base_output_any_non_dict[NULL]', jsonata({ Type: 'Pass', Output: null })],
  ['Output that is a literal string', 'test_output.py::test_base_output_any_non_dict[STR_LIT]', jsonata({ Type: 'Pass', Output: 'done' })],
  ['Output that is a number, on a Choice state', 'test_output.py::test_base_output_any_non_dict[INT] (Output is the same field on every state type)', choice({ Output: 3 })],
  ['" {% states.input %} ", not exactly "{% ... %}": a literal', 'test_output.py::test_base_cases[BASE_LITERALS]', jsonata({ Type: 'Pass', Output: ' {% states.input %} ' })],
  ['a "key.$" field in a JSONata template: a literal key', 'test_output.py::test_base_cases[BASE_LITERALS]', jsonata({ Type: 'Pass', Output: { 'id.$': '$', nested: [[1, 2], []] } })],
  ['a Condition that is the literal true', 'test_base_scenarios.py::test_choice_condition_constant_jsonata', { ...choice({}), States: { C: { Type: 'Choice', Choices: [{ Condition: true, Next: 'Done' }] }, Done: { Type: 'Succeed' } } }],
  ['a ToleratedFailurePercentage of 0.5', 'test_base_scenarios.py::test_map_state_tolerated_failure_values[percentage_literal]', {
    StartAt: 'M',
    States: { M: { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, ToleratedFailurePercentage: 0.5, End: true } },
  }],
  ['null and "{% %}" strings in a JSONPath Assign list', 'test_assign_base.py::test_base_cases[BASE_CONSTANT_LITERALS]', {
    StartAt: 'P',
    States: { P: { Type: 'Pass', Assign: { list: [null, 0, '{% $x %}', '', [null]] }, End: true } },
  }],
];

describe('asl-validator refuses, AWS accepts, and so does stepwright', () => {
  // asl-validator compiles its schemas on each call: on a loaded machine one call can take seconds.
  test.each(cases)(
    '%s (recorded: %s)',
    (_title, _source, definition) => {
      expect(aslValidator(structuredClone(definition), { checkPaths: true, checkArn: true }).isValid).toBe(false);
      expect(validateDefinition(definition, { remember: false })).toEqual([]);
    },
    30_000,
  );
});

describeConformance('sfn-executions', 'every definition AWS ran is accepted', (dir) => {
  const recorded = readCorpusJson<ConformanceCase[]>(dir, 'cases.json');

  test('by stepwright validate, all of them', () => {
    const refused = recorded.flatMap((c) => {
      const problems = validateDefinition(c.definition, { remember: false });
      return problems.length > 0 ? [{ id: c.id, problems: problems.map((p) => `${p.state ?? ''} ${p.field ?? ''}: ${p.message}`) }] : [];
    });
    expect(refused).toEqual([]);
  }, 30_000); // 643 definitions: about a second on an idle machine

  // The recordings asl-validator's function refuses (one call costs it ~50 ms: too slow to ask it
  // about all 643 here; the cases above show each kind). execute() validates before it runs, so
  // running them proves the executor takes them too, to the outcome AWS recorded.
  const STRICTER = [
    'test_assign_base.py::TestAssignBase::test_base_cases[BASE_CONSTANT_LITERALS]',
    'test_assign_base.py::TestAssignBase::test_base_cases[BASE_VAR]',
    'test_output.py::TestArgumentsBase::test_base_output_any_non_dict[BOOL]',
    'test_output.py::TestArgumentsBase::test_base_output_any_non_dict[INT]',
    'test_output.py::TestArgumentsBase::test_base_output_any_non_dict[LIST_RICH]',
    'test_output.py::TestArgumentsBase::test_base_output_any_non_dict[NULL]',
    'test_output.py::TestArgumentsBase::test_base_output_any_non_dict[STR_LIT]',
    'test_base_scenarios.py::TestBaseScenarios::test_choice_condition_constant_jsonata',
    'test_base_scenarios.py::TestBaseScenarios::test_escape_sequence_parsing[ESCAPE_SEQUENCES_JSONATA_COMPARISON_OUTPUT]',
    'test_base_scenarios.py::TestBaseScenarios::test_map_state_tolerated_failure_values[percentage_literal]',
    // asl-validator accepts this one; stepwright's own checks refused it before (" {% %} " and "key.$" literals).
    'test_output.py::TestArgumentsBase::test_base_cases[BASE_LITERALS]',
  ];
  const strict = STRICTER.map((id) => {
    const found = recorded.find((c) => c.id.endsWith(id));
    if (!found) throw new Error(`no recorded case ${id}`);
    return found;
  });

  test.each(strict.map((c) => [c.id.split('::').slice(-1)[0]!, c] as const))('execute() runs %s as AWS did', async (_id, c) => {
    const run = await execute(c.definition, c.input, { mocks: mocksFor(c.mocks), type: c.stateMachineType ?? 'STANDARD' });
    expect(run.status).toBe(c.expected.status);
    if (c.expected.status === 'SUCCEEDED') expect(run.output).toEqual(c.expected.output);
  });
});
