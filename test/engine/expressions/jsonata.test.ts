import type { JsonValue } from '../../../src/model/asl.js';
import { checkJsonataSyntax, evaluateJsonataField, evaluateJsonataTemplate, isJsonataExpression, type JsonataScope } from '../../../src/engine/expressions/index.js';
import { StatesError } from '../../../src/engine/states-error.js';

const scope: JsonataScope = {
  states: { input: { values: [1, 2, 3], name: 'Ada', nothing: null }, context: { Execution: { Name: 'run-1' } } },
  variables: { bias: 10, list: ['a', 'b'] },
};
const evaluate = (value: JsonValue, field = 'Output') => evaluateJsonataTemplate(value, scope, field);

async function failure(value: JsonValue, field = 'Output'): Promise<StatesError> {
  try {
    await evaluate(value, field);
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error('expected a StatesError');
}

describe('evaluateJsonataTemplate', () => {
  test.each<[JsonValue, JsonValue]>([
    ['{% $sum($states.input.values) + $bias %}', 16],
    ['{% $states.context.Execution.Name %}', 'run-1'],
    ['{% $states.input.nothing %}', null],
    ['{%$list[1]%}', 'b'],
    ['not an expression', 'not an expression'],
    [' {% 1 %}', ' {% 1 %}'], // must start and end exactly with the braces
    [{ a: '{% 1 + 1 %}', b: ['{% "x" %}', 3, { c: '{% true %}' }], d: null }, { a: 2, b: ['x', 3, { c: true }], d: null }],
    ['{% $states.input.values[$ > 1] %}', [2, 3]],
    ['{% [$states.input.values[0]] %}', [1]],
    ['{% {"k": $states.input.missing, "j": 1} %}', { j: 1 }],
    ['{% $partition([1,2,3,4,5], 2) %}', [[1, 2], [3, 4], [5]]],
    ['{% $range(0, 10, 5) %}', [0, 5, 10]],
    ['{% $range(0, 0, 1) %}', 0],
    ["{% $hash('input data', 'MD5') %}", '812f45842bc6d66ee14572ce20db8e86'],
    ['{% $random(7) = $random(7) %}', true],
    ['{% $random() < 1 %}', true],
    ['{% $length($uuid()) %}', 36],
    ['{% $parse(\'{"a":[1,{"b":null}]}\') %}', { a: [1, { b: null }] }],
  ])('%j → %j', async (value, expected) => {
    expect(await evaluate(value)).toEqual(expected);
  });

  test('an undefined result fails with AWS\'s cause, naming the nested field (recorded)', async () => {
    const error = await failure({ FunctionName: '{% $doesNotExist %}' }, 'Arguments');
    expect(error.error).toBe('States.QueryEvaluationError');
    expect(error.cause).toBe(
      "The JSONata expression '$doesNotExist' specified for the field 'Arguments/FunctionName' returned nothing (undefined).",
    );
  });

  test('array elements are named with [i]', async () => {
    expect((await failure({ a: [1, '{% $nope %}'] })).cause).toContain("for the field 'Output/a[1]'");
  });

  test('an evaluation error carries the JSONata code and message (recorded)', async () => {
    const error = await failure({ FunctionResult: '{% $randomSeeded($states.input.values) %}' });
    expect(error.cause).toBe(
      "The JSONata expression '$randomSeeded($states.input.values)' specified for the field 'Output/FunctionResult' threw an error during evaluation. T1006: Attempted to invoke a non-function",
    );
  });

  test('$eval is not available, as on AWS', async () => {
    expect((await failure("{% $eval('1') %}")).cause).toContain('T1006');
  });

  test('a function result is an unsupported result type (recorded)', async () => {
    expect((await failure('{% $fn := function($x){$x} %}', 'Items')).cause).toBe(
      "The JSONata expression '$fn := function($x){$x}' specified for the field 'Items' returned an unsupported result type.",
    );
  });

  test.each(['{% $partition([], 2) %}', '{% $partition([1], 0) %}', '{% $range(0, 5) %}', '{% $range(5, 0, 1) %}', "{% $hash('x') %}"])(
    '%s returns nothing',
    async (value) => {
      expect((await failure(value)).cause).toContain('returned nothing (undefined)');
    },
  );

  test.each(['{% $states.input.nothing ?: 1 %}', '{% $states.input.missing ?? 1 %}'])('%s uses JSONata 2.1 syntax AWS does not have', async (value) => {
    expect((await failure(value)).cause).toContain('not supported');
  });
});

describe('isJsonataExpression and checkJsonataSyntax', () => {
  test.each<[unknown, boolean]>([
    ['{% 1 %}', true],
    ['{%1%}', true],
    [' {% 1 %}', false],
    ['{% 1 %} ', false],
    ['{%}', false],
    [1, false],
    [null, false],
  ])('isJsonataExpression(%j) → %s', (value, expected) => {
    expect(isJsonataExpression(value)).toBe(expected);
  });

  test.each(['{% $states.input.a %}', '{% ($x := 1; $x + 1) %}', '{% $cond ? 1 : 2 %}'])('%s parses', (text) => {
    expect(checkJsonataSyntax(text)).toBeUndefined();
  });
  test.each(['{% 1 + %}', '{%  %}', 'no braces', '{% a ?: b %}', '{% ( %}'])('%s is reported', (text) => {
    expect(checkJsonataSyntax(text)).toEqual(expect.any(String));
  });
});

describe('evaluateJsonataField', () => {
  // Causes recorded on AWS for a Map state's Items.
  test.each<[string, string]>([
    ['{% true %}', "The JSONata expression 'true' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'boolean' for value: true"],
    ['{% null %}', "The JSONata expression 'null' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'null' for value: null"],
    ["{% 'string' %}", "The JSONata expression ''string'' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'string' for value: \"string\""],
    ['{% {"foo": "bar"} %}', 'The JSONata expression \'{"foo": "bar"}\' specified for the field \'Items\' returned an unexpected result type. Expected \'array\', but was \'object\' for value: {"foo":"bar"}'],
  ])('%s as Items', async (value, cause) => {
    await expect(evaluateJsonataField(value, scope, 'Items', 'array')).rejects.toEqual(new StatesError('States.QueryEvaluationError', cause));
  });

  test('a value of the expected type is returned', async () => {
    expect(await evaluateJsonataField('{% $states.input.values %}', scope, 'Items', 'array')).toEqual([1, 2, 3]);
    expect(await evaluateJsonataField([1], scope, 'Items', 'array')).toEqual([1]);
  });
});
