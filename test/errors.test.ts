import { StepwrightError, formatProblem, isStepwrightError } from '../src/model/errors.js';

describe('user errors', () => {
  test('a problem names file, workflow, state and field, then the fix', () => {
    const line = formatProblem({
      file: 'workflows/ingest.ts',
      workflow: 'ingest',
      state: 'Crawl',
      field: 'Next',
      message: 'points to "Wait", which does not exist',
      fix: 'name an existing state',
    });
    expect(line).toBe('workflows/ingest.ts › workflow "ingest" › state "Crawl" › field Next: points to "Wait", which does not exist\n    fix: name an existing state');
  });

  test('at() fills in the location without overwriting what a problem already knows', () => {
    const error = new StepwrightError({ state: 'A', message: 'bad' }).at({ file: 'f.ts', state: 'B' });
    expect(error.problems).toEqual([{ file: 'f.ts', state: 'A', message: 'bad' }]);
    expect(isStepwrightError(error)).toBe(true);
    expect(isStepwrightError(new Error('bug'))).toBe(false);
  });
});
