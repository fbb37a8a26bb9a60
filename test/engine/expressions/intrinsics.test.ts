import type { JsonValue } from '../../../src/model/asl.js';
import { checkIntrinsicSyntax, evaluateIntrinsic, type PathScope } from '../../../src/engine/expressions/index.js';
import { StatesError } from '../../../src/engine/states-error.js';

const scope: PathScope = { context: { Execution: { Name: 'run-1' } }, variables: { template: 'Hi {}!', n: 3 } };
const data: JsonValue = {
  name: 'Ada',
  list: [1, 2, 2, 3],
  obj: { a: 1, b: { c: [true, null] } },
  csv: 'a,b,,c',
  json: '{"k":[1,2]}',
};
const run = (text: string) => evaluateIntrinsic(text, data, scope);

function failure(text: string): StatesError {
  try {
    run(text);
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error(`expected ${text} to fail`);
}

describe('evaluateIntrinsic', () => {
  test.each<[string, JsonValue]>([
    ["States.Format('Hello, {}!', $.name)", 'Hello, Ada!'],
    ["States.Format('{} and {}', $.list, $.obj)", '[1, 2, 2, 3] and {a=1, b={c=[true, null]}}'],
    ["States.Format('literal \\{\\} and {}', 'x')", 'literal {} and x'],
    ["States.Format('it\\'s {}', 'me')", "it's me"],
    ["States.Format('back\\\\slash {}', 1.5)", 'back\\slash 1.5'],
    ['States.Format($template, $.name)', 'Hi Ada!'],
    ['States.Format($template, $$.Execution.Name)', 'Hi run-1!'],
    ["States.Format('{}', null)", 'null'],
    ['States.StringToJson($.json)', { k: [1, 2] }],
    ['States.JsonToString($.obj)', '{"a":1,"b":{"c":[true,null]}}'],
    ["States.Array(1, 'two', true, null, $.name, States.Array())", [1, 'two', true, null, 'Ada', []]],
    ['States.ArrayPartition($.list, 3)', [[1, 2, 2], [3]]],
    ['States.ArrayContains($.list, 3)', true],
    ["States.ArrayContains(States.Array($.obj), States.StringToJson('{\"b\":{\"c\":[true,null]},\"a\":1}'))", true],
    ['States.ArrayRange(1, 9, 2)', [1, 3, 5, 7, 9]],
    ['States.ArrayRange(5, 1, -2)', [5, 3, 1]],
    ['States.ArrayRange(5, 1, 2)', []],
    ['States.ArrayGetItem($.list, 3)', 3],
    ['States.ArrayLength($.list)', 4],
    ['States.ArrayUnique($.list)', [1, 2, 3]],
    ["States.Base64Encode('Data to encode')", 'RGF0YSB0byBlbmNvZGU='],
    ["States.Base64Decode('RGF0YSB0byBlbmNvZGU=')", 'Data to encode'],
    ["States.Hash('input data', 'SHA-512')", expect.stringMatching(/^[0-9a-f]{128}$/)],
    ["States.Hash('input data', 'MD5')", '812f45842bc6d66ee14572ce20db8e86'],
    ["States.JsonMerge($.obj, States.StringToJson('{\"b\":2}'), false)", { a: 1, b: 2 }],
    ['States.MathAdd($n, -1)', 2],
    ['States.MathAdd(1.5, 0)', 2],
    ["States.StringSplit($.csv, ',')", ['a', 'b', 'c']],
    ['States.UUID()', expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)],
    [
      "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit('a/b.c/d', '/'), 1), '.'), 1)",
      'c',
    ],
  ])('%s', (text, expected) => {
    expect(run(text)).toEqual(expected);
  });

  test('MathRandom stays in [start, end) and a seed repeats its value', () => {
    for (let i = 0; i < 50; i++) {
      const value = run('States.MathRandom(3, 6)') as number;
      expect(Number.isInteger(value) && value >= 3 && value < 6).toBe(true);
    }
    const seeded = run('States.MathRandom(1, 1000, 42)');
    expect(run('States.MathRandom(1, 1000, 42)')).toBe(seeded);
  });

  test.each([
    ["States.Format('{} {}', 'one')", 'States.IntrinsicFailure'],
    ["States.Format('{}', 'one', 'two')", 'States.IntrinsicFailure'],
    ['States.ArrayPartition($.list, 0)', 'States.IntrinsicFailure'],
    ['States.ArrayRange(0, 2000, 1)', 'States.IntrinsicFailure'],
    ['States.ArrayRange(0, 10, 0)', 'States.IntrinsicFailure'],
    ['States.ArrayRange(0, 10.5, 1)', 'States.IntrinsicFailure'],
    ['States.ArrayGetItem($.list, 4)', 'States.IntrinsicFailure'],
    ['States.ArrayLength($.name)', 'States.IntrinsicFailure'],
    ["States.Hash('x', 'SHA-3')", 'States.IntrinsicFailure'],
    ['States.JsonMerge($.obj, $.obj, true)', 'States.IntrinsicFailure'],
    ["States.StringToJson('{not json')", 'States.IntrinsicFailure'],
    ["States.Base64Decode('@@@')", 'States.IntrinsicFailure'],
    ['States.MathRandom(5, 5)', 'States.IntrinsicFailure'],
    ["States.MathAdd('1', 2)", 'States.IntrinsicFailure'],
    ['States.UUID(1)', 'States.IntrinsicFailure'],
    ['States.Nope(1)', 'States.IntrinsicFailure'],
    ['States.Array(', 'States.IntrinsicFailure'],
    ['States.ArrayLength($.missing)', 'States.Runtime'],
  ])('%s fails with %s', (text, error) => {
    expect(failure(text).error).toBe(error);
  });

  test('Base64Encode refuses more than 10,000 characters', () => {
    const long = 'x'.repeat(10001);
    expect(() => evaluateIntrinsic('States.Base64Encode($.s)', { s: long }, scope)).toThrow(/10000/);
    expect(evaluateIntrinsic('States.Base64Encode($.s)', { s: long.slice(1) }, scope)).toEqual(expect.any(String));
  });
});

describe('checkIntrinsicSyntax', () => {
  const nest = (depth: number): string => (depth === 0 ? "'x'" : `States.Array(${nest(depth - 1)})`);
  test.each(["States.Format('{}', $.a)", 'States.UUID()', "States.Array(1, -2.5, true, null, 'a', $$.Execution.Id, $v)", nest(10)])(
    '%s is fine',
    (text) => {
      expect(checkIntrinsicSyntax(text)).toBeUndefined();
    },
  );
  test.each(['States.Unknown()', "States.Format('{}'", 'States.Array(1 2)', "States.Array('open)", 'Format(1)', 'States.Array(abc)', 'States.Array($.a[)', nest(11)])(
    '%s is reported',
    (text) => {
      expect(checkIntrinsicSyntax(text)).toEqual(expect.any(String));
    },
  );
});

describe('intrinsic failures name the whole expression as written', () => {
  const cause = (text: string, input: JsonValue) => {
    try {
      evaluateIntrinsic(text, input, scope);
    } catch (error) {
      return { error: (error as StatesError).error, cause: (error as StatesError).cause };
    }
    throw new Error('expected a failure');
  };

  test.each<[string, JsonValue, string]>([
    ["States.Format('{}', $.nope)", { other: 1 }, '$.nope'],
    ["States.Format('{}',$.nope)", { other: 1 }, '$.nope'],
    ["States.Format('{} {}', $.other, $.a.b)", { other: 1 }, '$.a.b'],
    ["States.Format('{}', States.Format('{}', $.nope))", { other: 1 }, '$.nope'],
    ["States.Format('{}', $.items[5])", { items: [1, 2] }, '$.items[5]'],
    ["States.Format('{}', $$.Nope.Deep)", { other: 1 }, '$.Nope.Deep'],
    ['States.ArrayLength($nope)', { other: 1 }, '$nope'],
  ])('%s on %j misses %s', (text, input, shown) => {
    expect(cause(text, input)).toEqual({
      error: 'States.Runtime',
      cause: `The function '${text}' had the following error: The JsonPath argument for the field '${shown}' could not be found in the input '${JSON.stringify(input)}'`,
    });
  });

  test('a null argument is present and an empty wildcard match is an empty array', () => {
    expect(evaluateIntrinsic("States.Format('{}', $.nul)", { nul: null }, scope)).toBe('null');
    expect(evaluateIntrinsic('States.ArrayLength($.items[*].nope)', { items: [1, 2] }, scope)).toBe(0);
  });

  test('argument errors are wrapped the same way', () => {
    expect(cause('States.ArrayGetItem($.list, 9)', { list: [1] }).cause).toMatch(
      /^The function 'States\.ArrayGetItem\(\$\.list, 9\)' had the following error: /,
    );
  });
});
