/**
 * Malformed workflows, in the DSL and in hand-written ASL: each must yield its own message, at the
 * state and field where the problem is, with a fix.
 */
import {
  buildDefinition,
  choice,
  conditions,
  expr,
  fail,
  input,
  isStepwrightError,
  parallel,
  pass,
  ref,
  succeed,
  task,
  validateDefinition,
  workflow,
  type Problem,
  type WorkflowOptions,
} from '../../src/index.js';

const LAMBDA = 'arn:aws:lambda:eu-west-1:123456789012:function:f';

function problemsOf(build: () => unknown): Problem[] {
  try {
    build();
  } catch (error) {
    if (isStepwrightError(error)) return error.problems;
    throw error;
  }
  return [];
}

const dsl = (options: Partial<WorkflowOptions> & Pick<WorkflowOptions, 'start'>) => () => buildDefinition(workflow('bad', options), 'workflows/bad.ts');
const asl = (definition: unknown) => () => {
  const problems = validateDefinition(definition);
  if (problems.length > 0) throw Object.assign(new Error('invalid'), { name: 'StepwrightError', problems });
};

interface Case {
  build: () => unknown;
  state?: string;
  field?: string;
  message: RegExp;
}

const cases: Record<string, Case> = {
  'a Next by name to a state that does not exist': {
    build: dsl({ start: pass('Load').next('Trasnform') }),
    state: 'Load',
    field: 'Next',
    message: /goes to "Trasnform", but no state has that name/,
  },
  'a listed state nothing reaches': {
    build: dsl({ start: succeed('Done'), states: [pass('Orphan')] }),
    state: 'Orphan',
    message: /listed in states but no transition reaches it/,
  },
  'a JSONata syntax error': {
    build: dsl({ start: pass('Shape', { output: expr('$states.input.(') }) }),
    state: 'Shape',
    field: 'Output',
    message: /JSONata expression does not parse/,
  },
  'two different states with one name': {
    build: dsl({ start: pass('Step').next(pass('Step')) }),
    state: 'Step',
    message: /two different states are named "Step"/,
  },
  'a JSONPath ref() in a JSONata state': {
    build: dsl({ start: task('Call', { resource: LAMBDA, arguments: { id: ref('$.id') } }) }),
    state: 'Call',
    field: 'Arguments.id',
    message: /ref\('\$\.id'\) is a JSONPath reference, but this state uses JSONata/,
  },
  'a JSONPath field in a JSONata state': {
    build: dsl({ start: pass('Trim', { inputPath: '$.detail' }) }),
    state: 'Trim',
    field: 'InputPath',
    message: /is a JSONPath field, but this state uses JSONata/,
  },
  'a JSONata field in a JSONPath state': {
    build: dsl({ queryLanguage: 'JSONPath', start: pass('Shape', { output: { a: 1 } }) }),
    state: 'Shape',
    field: 'Output',
    message: /is a JSONata field, but this state uses JSONPath/,
  },
  'a Choice with no rules': {
    build: dsl({ start: choice('Route').otherwise(succeed('Done')) }),
    state: 'Route',
    field: 'Choices',
    message: /has no rules/,
  },
  'a retry interval that is not a duration': {
    build: dsl({ start: task('Call', { resource: LAMBDA }).retry({ interval: '5 minutes' as never }) }),
    state: 'Call',
    field: 'Retry[0]',
    message: /"5 minutes" is not a duration/,
  },
  'States.ALL before another catcher': {
    build: dsl({ start: task('Call', { resource: LAMBDA }).catch(fail('Any')).catch(fail('Task'), { errors: ['States.TaskFailed'] }) }),
    state: 'Call',
    field: 'Catch[0].ErrorEquals',
    message: /States\.ALL must be in the last catcher/,
  },
  'States.ALL beside other error names': {
    build: dsl({ start: task('Call', { resource: LAMBDA }).retry({ errors: ['States.ALL', 'States.Timeout'] }) }),
    state: 'Call',
    field: 'Retry[0].ErrorEquals',
    message: /States\.ALL must be the only error name/,
  },
  'a state name over 80 characters': {
    build: dsl({ start: pass('x'.repeat(81)) }),
    state: 'x'.repeat(81),
    message: /the name is 81 characters; AWS allows at most 80/,
  },
  'a workflow name AWS would refuse': {
    build: () => workflow('daily ingest!', { start: pass('A') }),
    field: 'name',
    message: /"daily ingest!" is not a valid state machine name/,
  },
  'a Parallel with no branches': {
    build: dsl({ start: parallel('Fan out', { branches: [] }) }),
    state: 'Fan out',
    field: 'Branches',
    message: /has no branches/,
  },
  'a transition out of a Parallel branch': {
    build: () => {
      const outside = succeed('Outside');
      return buildDefinition(workflow('bad', { start: parallel('P', { branches: [pass('Inner').next('Outside')] }).next(outside) }));
    },
    state: 'Inner',
    field: 'Next',
    message: /belongs to another branch or Map processor/,
  },
  'a JSONPath path that does not parse': {
    build: dsl({ queryLanguage: 'JSONPath', start: task('Call', { resource: LAMBDA, parameters: { id: ref('$.a.') } }) }),
    state: 'Call',
    field: 'Parameters.id.$',
    message: /"\$\.a\." does not parse/,
  },
  'an intrinsic function that does not parse': {
    build: dsl({ queryLanguage: 'JSONPath', start: pass('Fmt', { parameters: { s: ref("States.Format('{}', $.x") } }) }),
    state: 'Fmt',
    field: 'Parameters.s.$',
    message: /does not parse/,
  },
  'a JSONPath condition in a JSONata Choice': {
    build: dsl({ start: choice('Route').when(conditions.booleanEquals('$.ok', true), succeed('Yes')).otherwise(fail('No')) }),
    state: 'Route',
    field: 'Choices[0].Condition',
    message: /is missing: JSONata Choice rules test a Condition/,
  },
  'a function where JSON belongs': {
    build: dsl({ start: pass('Shape', { output: { when: () => 1 } }) }),
    state: 'Shape',
    field: 'Output.when',
    message: /a function is not a JSON value/,
  },
  'a number that JSON cannot hold': {
    build: dsl({ start: pass('Shape', { output: { ratio: Number.NaN } }) }),
    state: 'Shape',
    field: 'Output.ratio',
    message: /NaN is not a JSON number/,
  },
  'a workflow timeout that is not a duration': {
    build: dsl({ start: pass('A'), timeout: 'two hours' as never }),
    field: 'TimeoutSeconds',
    message: /"two hours" is not a duration/,
  },
  'StartAt naming no state': {
    build: asl({ StartAt: 'Frist', States: { First: { Type: 'Succeed' } } }),
    field: 'StartAt',
    message: /StartAt "Frist" is not a state/,
  },
  'a state with neither Next nor End': {
    build: asl({ StartAt: 'A', States: { A: { Type: 'Pass' } } }),
    state: 'A',
    field: 'Next',
    message: /has neither Next nor End/,
  },
  'a state with both Next and End': {
    build: asl({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B', End: true }, B: { Type: 'Succeed' } } }),
    state: 'A',
    field: 'End',
    message: /has both Next and End/,
  },
  'a machine that can never end': {
    build: asl({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } } }),
    field: 'States',
    message: /the state machine can never end/,
  },
  'a hand-written unreachable state': {
    build: asl({ StartAt: 'A', States: { A: { Type: 'Succeed' }, Lost: { Type: 'Succeed' } } }),
    state: 'Lost',
    message: /is unreachable: no transition from StartAt "A" leads to it/,
  },
  'a machine-level field inside States': {
    build: asl({ StartAt: 'A', States: { QueryLanguage: 'JSONata', A: { Type: 'Succeed' } } }),
    state: 'QueryLanguage',
    message: /States\.QueryLanguage is "JSONata", not a state object/,
  },
  'a JSONPath state in a JSONata machine': {
    build: asl({ QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } } }),
    state: 'A',
    field: 'QueryLanguage',
    message: /AWS does not allow JSONPath states in a JSONata machine/,
  },
  'an empty ErrorEquals': {
    build: asl({ StartAt: 'A', States: { A: { Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: [] }], End: true } } }),
    state: 'A',
    field: 'Retry[0].ErrorEquals',
    message: /must list at least one error name/,
  },
  'a definition over 1 MiB': {
    build: asl({ StartAt: 'A', States: { A: { Type: 'Pass', Result: 'x'.repeat(1_048_576), End: true } } }),
    message: /the definition is \d+ bytes; AWS accepts at most 1048576/,
  },
  'a Default naming an object built-in (__proto__)': {
    build: asl({ StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'Done' }], Default: '__proto__' }, Done: { Type: 'Succeed' } } }),
    state: 'C',
    field: 'Default',
    message: /^goes to "__proto__", which is not a state$/,
  },
  'a Default naming an object built-in (valueOf)': {
    build: asl({ StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'Done' }], Default: 'valueOf' }, Done: { Type: 'Succeed' } } }),
    state: 'C',
    field: 'Default',
    message: /^goes to "valueOf", which is not a state$/,
  },
  'a Catch naming an object built-in (constructor)': {
    build: asl({ StartAt: 'A', States: { A: { Type: 'Task', Resource: LAMBDA, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'constructor' }], End: true } } }),
    state: 'A',
    field: 'Catch[0].Next',
    message: /^goes to "constructor", which is not a state$/,
  },
  'a Next naming an object built-in (toString)': {
    build: asl({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'toString' } } }),
    state: 'A',
    field: 'Next',
    message: /^goes to "toString", which is not a state$/,
  },
  'StartAt naming an object built-in': {
    build: asl({ StartAt: 'hasOwnProperty', States: { A: { Type: 'Succeed' } } }),
    field: 'StartAt',
    message: /StartAt "hasOwnProperty" is not a state/,
  },
  'StartAt missing': {
    build: asl({ States: { A: { Type: 'Succeed' } } }),
    field: 'StartAt',
    message: /^is missing: a machine must name its first state$/,
  },
  'StartAt missing in a Parallel branch': {
    build: asl({ StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [{ States: { B: { Type: 'Succeed' } } }], End: true } } }),
    state: 'P',
    field: 'Branches[0].StartAt',
    message: /^is missing: a machine must name its first state \(inside Branches\[0\] of "P"\)$/,
  },
  'a state name with a line break': {
    build: asl({ StartAt: 'Load\ndata', States: { 'Load\ndata': { Type: 'Succeed' } } }),
    state: 'Load\ndata',
    message: /^the name "Load\\ndata" contains a line break; a state name is one line$/,
  },
  'a Task Resource that is not an ARN (asl-validator)': {
    build: asl({ StartAt: 'A', States: { A: { Type: 'Task', Resource: 'my-function', End: true } } }),
    state: 'A',
    field: 'Resource',
    message: /\/States\/A\/Resource is invalid/,
  },
};

describe.each(Object.entries(cases))('%s', (_title, c) => {
  test('is reported at its state and field, with a fix', () => {
    const problems = problemsOf(c.build);
    const match = problems.find((p) => c.message.test(p.message));
    expect({ problems: problems.map((p) => `${p.state ?? '-'} ${p.field ?? '-'}: ${p.message}`), found: !!match }).toMatchObject({ found: true });
    expect(match?.state).toBe(c.state);
    expect(match?.field).toBe(c.field);
    expect(match?.fix ?? '').not.toBe('');
  });
});

test('a name that is missing is never reported as unreachable as well', () => {
  const problems = validateDefinition({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'toString' } } });
  expect(problems.map((p) => p.message)).toEqual(['goes to "toString", which is not a state']);
});

test('no message reads "undefined" for a missing StartAt', () => {
  const problems = [...validateDefinition({ States: { A: { Type: 'Succeed' } } }), ...validateDefinition({ StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [{ States: {} }], End: true } } })];
  expect(problems.length).toBeGreaterThan(0);
  expect(problems.filter((p) => p.message.includes('undefined'))).toEqual([]);
});

test('DSL problems carry the file and the workflow', () => {
  const [problem] = problemsOf(dsl({ start: pass('Load').next('Missing') }));
  expect(problem).toMatchObject({ file: 'workflows/bad.ts', workflow: 'bad', state: 'Load', field: 'Next' });
});

test('every problem of a workflow is reported at once', () => {
  const problems = problemsOf(dsl({ start: pass('A', { inputPath: '$.x' }).next('Nowhere').next(pass('B')) as never }));
  expect(problems.length).toBeGreaterThanOrEqual(1);
  const all = problemsOf(dsl({ start: pass('A', { output: expr('(') }).next(pass('B', { output: input('(') })) }));
  expect(all.map((p) => p.state)).toEqual(['A', 'B']);
});
