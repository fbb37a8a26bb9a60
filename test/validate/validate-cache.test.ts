import { validateDefinition } from '../../src/index.js';

const bad = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Missing' } } };

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
});

test('remember: false validates afresh', () => {
  expect(validateDefinition(bad, { remember: false })).toEqual(validateDefinition(bad));
});
