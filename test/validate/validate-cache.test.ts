/**
 * validateDefinition keeps its answer for each definition text. These tests break when the cache
 * answers wrongly: for other options, for a value its key cannot see, after a caller changed a
 * kept answer, or when `remember: false` still goes through it.
 */
import { validateDefinition } from '../../src/index.js';
import { Memo } from '../../src/model/memo.js';

const bad = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Missing' } } };

afterEach(() => jest.restoreAllMocks());

test('validating the same definition again gives the same problems, as fresh copies', () => {
  const first = validateDefinition(bad);
  first[0]!.message = 'changed by the caller';
  first.push({ message: 'added by the caller' });
  const second = validateDefinition(structuredClone(bad));
  expect(second).toEqual([expect.objectContaining({ state: 'A', field: 'Next', message: 'goes to "Missing", which is not a state' })]);
});

test('the options are part of what is remembered', () => {
  const nonArn = { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'my-function', End: true } } };
  expect(validateDefinition(nonArn)).not.toEqual([]);
  expect(validateDefinition(nonArn, { checkArn: false })).toEqual([]);
  expect(validateDefinition(nonArn)).not.toEqual([]);
});

test('a value JSON text cannot show is not answered from the text it shares with a valid definition', () => {
  const valid = { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } };
  expect(validateDefinition(valid)).toEqual([]);
  // JSON.stringify leaves the function out, so this has the very same text as `valid`.
  const withFunction = { StartAt: 'A', States: { A: { Type: 'Pass', End: true, Result: () => 1 } } };
  expect(JSON.stringify(withFunction)).toBe(JSON.stringify(valid));
  expect(validateDefinition(withFunction)).toEqual([expect.objectContaining({ state: 'A', field: 'Result', message: 'a function is not a JSON value' })]);
});

/** The keys validateDefinition asks its memo for: one per definition text it looks up. */
function lookups(run: () => void): string[] {
  const spy = jest.spyOn(Memo.prototype, 'get');
  run();
  return spy.mock.calls.map(([key]) => String(key)).filter((key) => key.includes('"StartAt"'));
}

test('remember: false validates afresh: the kept answers are not consulted, nor added to', () => {
  const definition = { StartAt: 'Fresh', States: { Fresh: { Type: 'Pass', Next: 'Nowhere' } } };
  expect(lookups(() => validateDefinition(definition, { remember: false }))).toEqual([]);
  expect(lookups(() => validateDefinition(definition))).toEqual([`true|true|${JSON.stringify(definition)}`]);
  // Both give the same answer: the cache only saves time.
  expect(validateDefinition(definition, { remember: false })).toEqual(validateDefinition(definition));
});

test('a kept answer outlives no more than the cache holds, and is right when asked again', () => {
  const first = { StartAt: 'A0', States: { A0: { Type: 'Pass', Next: 'Nowhere' } } };
  const answer = validateDefinition(first);
  for (let i = 1; i <= 300; i++) validateDefinition({ StartAt: `A${i}`, States: { [`A${i}`]: { Type: 'Succeed' } } });
  expect(validateDefinition(first)).toEqual(answer);
});
