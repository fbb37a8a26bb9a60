import type { ChoiceRule, JsonValue } from '../../../src/model/asl.js';
import { evaluateChoiceRule, parseTimestamp, stringMatches, type PathScope } from '../../../src/engine/expressions/index.js';
import { StatesError } from '../../../src/engine/states-error.js';

const scope: PathScope = { context: { Execution: { Name: 'exec' } }, variables: { limit: 10 } };
const data: JsonValue = {
  s: 'log-2024.txt',
  n: 7,
  f: 7.5,
  b: true,
  z: null,
  t: '2024-03-01T10:00:00.5+01:00',
  other: { s: 'log-2024.txt', n: 7, t: '2024-03-01T09:00:00.5Z', b: true },
};
const check = (rule: ChoiceRule) => evaluateChoiceRule(rule, data, scope);

describe('evaluateChoiceRule', () => {
  test.each<[ChoiceRule, boolean]>([
    [{ Variable: '$.s', StringEquals: 'log-2024.txt' }, true],
    [{ Variable: '$.s', StringEqualsPath: '$.other.s' }, true],
    [{ Variable: '$.s', StringLessThan: 'log-2025' }, true],
    [{ Variable: '$.s', StringGreaterThanEquals: 'm' }, false],
    [{ Variable: '$.n', StringEquals: '7' }, false], // wrong type is false, not an error
    [{ Variable: '$.n', NumericEquals: 7 }, true],
    [{ Variable: '$.f', NumericGreaterThan: 7 }, true],
    [{ Variable: '$.f', NumericLessThanEquals: 7.5 }, true],
    [{ Variable: '$.n', NumericLessThanPath: '$limit' }, true],
    [{ Variable: '$.n', NumericEqualsPath: '$.other.n' }, true],
    [{ Variable: '$.s', NumericEquals: 7 }, false],
    [{ Variable: '$.b', BooleanEquals: true }, true],
    [{ Variable: '$.b', BooleanEqualsPath: '$.other.b' }, true],
    [{ Variable: '$.n', BooleanEquals: true }, false],
    [{ Variable: '$.t', TimestampEquals: '2024-03-01T09:00:00.500Z' }, true], // offsets and fractions are compared as instants
    [{ Variable: '$.t', TimestampEqualsPath: '$.other.t' }, true],
    [{ Variable: '$.t', TimestampLessThan: '2024-03-01T09:00:00.501Z' }, true],
    [{ Variable: '$.t', TimestampGreaterThan: '2024-03-01T09:00:00Z' }, true],
    [{ Variable: '$.s', TimestampEquals: '2024-03-01T09:00:00Z' }, false],
    [{ Variable: '$.s', StringMatches: 'log-*.txt' }, true],
    [{ Variable: '$.s', StringMatches: 'log-*.csv' }, false],
    [{ Variable: '$.n', StringMatches: '*' }, false],
    [{ Variable: '$.z', IsNull: true }, true],
    [{ Variable: '$.n', IsNull: false }, true],
    [{ Variable: '$.n', IsNumeric: true }, true],
    [{ Variable: '$.s', IsString: true }, true],
    [{ Variable: '$.b', IsBoolean: true }, true],
    [{ Variable: '$.t', IsTimestamp: true }, true],
    [{ Variable: '$.s', IsTimestamp: false }, true],
    [{ Variable: '$.nope', IsPresent: false }, true],
    [{ Variable: '$.z', IsPresent: true }, true],
    [{ Variable: '$limit', IsPresent: true }, true],
    [{ Variable: '$$.Execution.Name', StringEquals: 'exec' }, true],
    [{ And: [{ Variable: '$.n', NumericEquals: 7 }, { Variable: '$.b', BooleanEquals: true }] }, true],
    [{ And: [{ Variable: '$.n', NumericEquals: 7 }, { Variable: '$.b', BooleanEquals: false }] }, false],
    [{ Or: [{ Variable: '$.n', NumericEquals: 8 }, { Variable: '$.b', BooleanEquals: true }] }, true],
    [{ Not: { Variable: '$.n', NumericEquals: 8 } }, true],
    [{ Not: { Variable: '$.nope', IsPresent: true } }, true],
  ])('%j → %s', (rule, expected) => {
    expect(check(rule)).toBe(expected);
  });

  test('a comparison on a missing Variable fails the state with States.Runtime', () => {
    expect(() => check({ Variable: '$.nope', StringEquals: 'x' })).toThrow(StatesError);
    try {
      check({ Variable: '$.nope', StringEquals: 'x' });
    } catch (error) {
      expect((error as StatesError).error).toBe('States.Runtime');
      expect((error as StatesError).cause).toContain("Invalid path '$.nope'");
    }
  });
});

describe('stringMatches', () => {
  test.each<[string, string, boolean]>([
    ['abc', 'abc', true],
    ['abc', 'a*', true],
    ['abc', '*c', true],
    ['abc', '*b*', true],
    ['abc', '*d*', false],
    ['', '*', true],
    ['a*c', 'a\\*c', true],
    ['abc', 'a\\*c', false],
    ['a\\c', 'a\\\\c', true],
    ['a.c', 'a.c', true],
    ['abc', 'a.c', false],
    ['multi\nline', 'multi*', true],
    ['(x)+[y]', '(x)+[*]', true],
  ])('%j matches %j → %s', (value, pattern, expected) => {
    expect(stringMatches(value, pattern)).toBe(expected);
  });
});

describe('parseTimestamp', () => {
  test.each(['2016-12-05T21:29:29Z', '2016-12-05T21:29:29.123456789Z', '2016-12-05T21:29:29+05:30', '2024-02-29T00:00:00Z'])('%s is a timestamp', (text) => {
    expect(parseTimestamp(text)).toEqual(expect.any(BigInt));
  });
  // The first five are the invalid timestamps recorded against AWS's Wait state.
  test.each(['2016-13-05T21:29:29Z', '2016-12-05T25:29:29Z', '2016-12-05 21:29:29Z', '2016-12-05T21:29:29', '05-12-2016T21:29:29Z', '2023-02-29T00:00:00Z', 'x', ''])(
    '%s is not a timestamp',
    (text) => {
      expect(parseTimestamp(text)).toBeUndefined();
    },
  );
});
