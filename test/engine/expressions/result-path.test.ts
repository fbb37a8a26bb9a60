import type { JsonValue } from '../../../src/model/asl.js';
import { applyResultPath } from '../../../src/engine/expressions/index.js';
import { StatesError } from '../../../src/engine/states-error.js';

describe('applyResultPath', () => {
  const input: JsonValue = { comment: 'test', details: { who: 'sfn' }, list: [1, 2] };

  test.each<[string | null | undefined, JsonValue]>([
    [undefined, 'R'],
    ['$', 'R'],
    [null, input],
    ['$.taskresult', { comment: 'test', details: { who: 'sfn' }, list: [1, 2], taskresult: 'R' }],
    ['$.details.who', { comment: 'test', details: { who: 'R' }, list: [1, 2] }],
    ['$.new.deep.key', { comment: 'test', details: { who: 'sfn' }, list: [1, 2], new: { deep: { key: 'R' } } }],
    ["$['details']['extra']", { comment: 'test', details: { who: 'sfn', extra: 'R' }, list: [1, 2] }],
    ['$.list[1]', { comment: 'test', details: { who: 'sfn' }, list: [1, 'R'] }],
  ])('ResultPath %s', (resultPath, expected) => {
    expect(applyResultPath(input, 'R', resultPath)).toEqual(expected);
  });

  test('does not modify the input it was given', () => {
    const before = JSON.parse(JSON.stringify(input));
    applyResultPath(input, 'R', '$.details.who');
    expect(input).toEqual(before);
  });

  test.each<[JsonValue, string]>([
    ['a string', '$.x'],
    [[1, 2], '$.x'],
    [{ a: 'scalar' }, '$.a.b'],
    [{ a: [1] }, '$.a[5]'],
    [{ a: 1 }, '$.a[*]'],
    [{ a: 1 }, '$$.Execution'],
  ])('on %j, ResultPath %s fails with States.ResultPathMatchFailure', (value, resultPath) => {
    expect(() => applyResultPath(value, 'R', resultPath)).toThrow(StatesError);
    try {
      applyResultPath(value, 'R', resultPath);
    } catch (error) {
      expect((error as StatesError).error).toBe('States.ResultPathMatchFailure');
    }
  });
});
