import type { JsonValue } from '../../../src/model/asl.js';
import { checkPathSyntax, pathExists, selectPath, type PathScope } from '../../../src/engine/expressions/index.js';
import { StatesError } from '../../../src/engine/states-error.js';

const scope: PathScope = {
  context: { Execution: { Id: 'exec-1', Input: { a: 1 } }, Map: { Item: { Value: 'v', Index: 2 } } },
  variables: { myVar: { x: [10, 20] }, flag: false },
};
const data: JsonValue = {
  a: { b: [1, 2, 3], 'odd key': 'spaced', "q'uote": 'sq' },
  items: [
    { id: 1, price: 5 },
    { id: 2, price: 15 },
  ],
  nil: null,
};

function failure(fn: () => unknown): StatesError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error('expected a StatesError');
}

describe('selectPath', () => {
  test.each<[string, JsonValue]>([
    ['$', data],
    ['$.a.b', [1, 2, 3]],
    ['$.a.b[1]', 2],
    ['$.a.b[-1]', 3],
    ["$.a['odd key']", 'spaced'],
    ['$["a"]["odd key"]', 'spaced'],
    ["$.a['q\\'uote']", 'sq'],
    ['$.nil', null],
    ['$$.Execution.Id', 'exec-1'],
    ['$$.Map.Item.Index', 2],
    ['$$', scope.context],
    ['$myVar', { x: [10, 20] }],
    ['$myVar.x[0]', 10],
    ['$flag', false],
  ])('%s selects a single value', (path, expected) => {
    expect(selectPath(path, data, scope, 'InputPath')).toEqual(expected);
  });

  test.each<[string, JsonValue]>([
    ['$.items[*].id', [1, 2]],
    ['$.items[?(@.price > 10)]', [{ id: 2, price: 15 }]],
    ['$.items[?(@.price > 100)]', []],
    ['$..price', [5, 15]],
    ['$.a.b[0:2]', [1, 2]],
    ['$.items[0,1].id', [1, 2]],
  ])('indefinite %s yields an array of matches, as on AWS', (path, expected) => {
    expect(selectPath(path, data, scope, 'x.$')).toEqual(expected);
  });

  test('a missing leaf in InputPath fails with Jayway\'s "No results for path" (recorded)', () => {
    const error = failure(() => selectPath('$.NoSuchInputPath', { 'int-literal': 0 }, scope, 'InputPath'));
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe("Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']");
  });

  test('a missing intermediate property fails with "Missing property in path" (recorded)', () => {
    const error = failure(() => selectPath('$.no.such.result.path', {}, scope, 'OutputPath'));
    expect(error.cause).toBe("Invalid path '$.no.such.result.path' : Missing property in path $['no']");
  });

  test('an index past the end reads as null when it is the last segment, and is missing otherwise', () => {
    expect(selectPath('$.a.b[7]', data, scope, 'x.$')).toBeNull();
    expect(failure(() => selectPath('$.items[7].id', data, scope, 'InputPath')).cause).toBe(
      "Invalid path '$.items[7].id' : No results for path: $['items'][7]",
    );
  });

  test('a payload field names itself and the input (recorded)', () => {
    const error = failure(() => selectPath('$.no_such_jsonpath', { 'int-literal': 0 }, scope, 'value.$'));
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe(
      `The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{"int-literal":0}'`,
    );
  });

  test('an unknown variable is not found', () => {
    expect(failure(() => selectPath('$nope', data, scope, 'x.$')).cause).toContain("The JSONPath '$nope' specified for the field 'x.$'");
  });
});

describe('pathExists', () => {
  test.each<[string, boolean]>([
    ['$.a.b', true],
    ['$.nil', true],
    ['$.a.c', false],
    ['$.a.b[3]', false],
    ['$.a.b.c', false],
    ['$myVar.x', true],
    ['$missingVar', false],
    ['$$.Execution.Input.a', true],
    ['$.items[?(@.price > 100)]', false],
    ['$.items[*]', true],
  ])('%s → %s', (path, expected) => {
    expect(pathExists(path, data, scope)).toBe(expected);
  });
});

describe('checkPathSyntax', () => {
  test.each(['$', '$.a', '$$.Execution.Id', '$var.a[0]', "$['a b']", '$.a[*].b', '$..x', '$.a[?(@.b == 1)]'])('%s is a path', (path) => {
    expect(checkPathSyntax(path)).toBeUndefined();
  });
  test.each(['a.b', '', '$.', '$.a[', '$.a[]', '$x-y', '$.a..'])('%s is not a path', (path) => {
    expect(checkPathSyntax(path)).toEqual(expect.any(String));
  });
});
