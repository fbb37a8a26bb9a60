/**
 * JSONPath Choice rules: comparisons, their *Path forms, And/Or/Not, StringMatches and the Is* tests.
 * A comparison whose value has the wrong type is simply false (not an error), as on AWS.
 */
import type { ChoiceRule, JsonValue } from '../../model/asl.js';
import { StatesError } from '../states-error.js';
import { pathExists, selectPath, type PathScope } from './jsonpath.js';
import { parseTimestamp } from './timestamp.js';

type Kind = 'String' | 'Numeric' | 'Boolean' | 'Timestamp';
type Relation = 'Equals' | 'LessThan' | 'GreaterThan' | 'LessThanEquals' | 'GreaterThanEquals';

const COMPARISON = /^(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$/;

const TYPE_TESTS: Record<string, (value: JsonValue) => boolean> = {
  IsNull: (v) => v === null,
  IsNumeric: (v) => typeof v === 'number',
  IsString: (v) => typeof v === 'string',
  IsBoolean: (v) => typeof v === 'boolean',
  IsTimestamp: (v) => parseTimestamp(v) !== undefined,
};

/** A rule's operator, found once per rule object (a Map's Choice runs for every item). */
type Test =
  | { kind: 'type'; test: (value: JsonValue) => boolean; expected: unknown }
  | { kind: 'matches'; pattern: string }
  | { kind: 'compare'; type: Kind; relation: Relation; operand: JsonValue; path: boolean }
  | { kind: 'none' };

const tests = new WeakMap<ChoiceRule, Test>();

function testOf(rule: ChoiceRule): Test {
  let test = tests.get(rule);
  if (!test) {
    test = findTest(rule);
    tests.set(rule, test);
  }
  return test;
}

function findTest(rule: ChoiceRule): Test {
  for (const [operator, test] of Object.entries(TYPE_TESTS)) {
    const expected = (rule as Record<string, unknown>)[operator];
    if (expected !== undefined) return { kind: 'type', test, expected };
  }
  if (rule.StringMatches !== undefined) return { kind: 'matches', pattern: rule.StringMatches };
  for (const [operator, operand] of Object.entries(rule)) {
    const m = COMPARISON.exec(operator);
    if (m) return { kind: 'compare', type: m[1] as Kind, relation: m[2] as Relation, operand: operand as JsonValue, path: m[3] !== undefined };
  }
  return { kind: 'none' };
}

/** Whether a JSONPath Choice rule matches `data`. Throws States.Runtime when a path cannot be read. */
export function evaluateChoiceRule(rule: ChoiceRule, data: JsonValue, scope: PathScope): boolean {
  if (rule.And) return rule.And.every((r) => evaluateChoiceRule(r, data, scope));
  if (rule.Or) return rule.Or.some((r) => evaluateChoiceRule(r, data, scope));
  if (rule.Not) return !evaluateChoiceRule(rule.Not, data, scope);
  const variable = rule.Variable;
  if (variable === undefined) throw new StatesError('States.Runtime', 'A choice rule has no Variable and no And, Or or Not');

  if (rule.IsPresent !== undefined) return pathExists(variable, data, scope) === rule.IsPresent;
  const value = readVariable(variable, data, scope);

  const test = testOf(rule);
  switch (test.kind) {
    case 'type':
      return test.test(value) === test.expected;
    case 'matches':
      return typeof value === 'string' && stringMatches(value, test.pattern);
    case 'compare': {
      const expected = test.path ? readVariable(test.operand as string, data, scope) : test.operand;
      return compare(test.type, test.relation, value, expected);
    }
    case 'none':
      throw new StatesError('States.Runtime', `The choice rule for '${variable}' has no comparison operator`);
  }
}

function readVariable(path: string, data: JsonValue, scope: PathScope): JsonValue {
  if (!pathExists(path, data, scope)) {
    throw new StatesError('States.Runtime', `Invalid path '${path}': The choice state's condition path references an invalid value.`);
  }
  return selectPath(path, data, scope, 'Variable');
}

function compare(kind: Kind, relation: Relation, actual: JsonValue, expected: JsonValue): boolean {
  let order: number;
  switch (kind) {
    case 'String':
      if (typeof actual !== 'string' || typeof expected !== 'string') return false;
      order = actual < expected ? -1 : actual > expected ? 1 : 0; // UTF-16 code units, as Java's compareTo
      break;
    case 'Numeric':
      if (typeof actual !== 'number' || typeof expected !== 'number') return false;
      order = Math.sign(actual - expected);
      break;
    case 'Boolean':
      if (typeof actual !== 'boolean' || typeof expected !== 'boolean') return false;
      if (relation !== 'Equals') return false;
      order = actual === expected ? 0 : 1;
      break;
    case 'Timestamp': {
      const a = parseTimestamp(actual);
      const b = parseTimestamp(expected);
      if (a === undefined || b === undefined) return false;
      order = a < b ? -1 : a > b ? 1 : 0;
      break;
    }
  }
  switch (relation) {
    case 'Equals':
      return order === 0;
    case 'LessThan':
      return order < 0;
    case 'GreaterThan':
      return order > 0;
    case 'LessThanEquals':
      return order <= 0;
    case 'GreaterThanEquals':
      return order >= 0;
  }
}

/**
 * StringMatches: `*` matches any run of characters; `\*` is a literal star and `\\` a backslash.
 * Matched without a regular expression: a backtracking regex takes exponential time on patterns
 * such as `*a*a*a*b`. Here the literal pieces between stars are found left to right (the leftmost
 * place for each is always the best one), the first anchored at the start, the last at the end:
 * linear in the text for each piece.
 */
export function stringMatches(value: string, pattern: string): boolean {
  const pieces = patternPieces(pattern);
  const first = pieces[0]!;
  if (pieces.length === 1) return value === first;
  const last = pieces[pieces.length - 1]!;
  if (first.length + last.length > value.length || !value.startsWith(first) || !value.endsWith(last)) return false;
  let at = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i]!;
    if (piece === '') continue;
    const found = value.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}

/** The literal text between the pattern's stars (escapes resolved): `a*b\*c` → ['a', 'b*c']. */
function patternPieces(pattern: string): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) piece += pattern[++i];
    else if (c === '*') {
      pieces.push(piece);
      piece = '';
    } else piece += c;
  }
  pieces.push(piece);
  return pieces;
}
