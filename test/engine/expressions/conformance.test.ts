/**
 * Replays the recorded AWS executions made only of Pass, Choice, Succeed and Fail states through
 * the expression layer (via a tiny test-only executor) and compares with AWS's recorded result.
 * Causes are compared after AWS's "An error occurred while executing the state ..." prefix, which
 * belongs to the executor.
 */
import { describeConformance, readCorpusJson } from '../../support/conformance.js';
import { isReplayable, replay } from './support/mini-executor.js';
import type { ConformanceCase } from '../conformance-cases.js';

type Case = ConformanceCase;

const STATE_PREFIX = /^An error occurred while executing the state '[^']*' \(entered at the event id #\d+\)\. /;

/** Cases this harness cannot judge, with the reason. */
const NOT_REPLAYABLE: Record<string, string> = {
  'tests/aws/services/stepfunctions/v2/error_handling/test_states_errors.py::TestStatesErrors::test_start_large_input':
    'payload size limits belong to the executor',
};

describeConformance('sfn-executions', 'expressions against recorded AWS executions', (dir) => {
  const cases = readCorpusJson<Case[]>(dir, 'cases.json').filter((c) => isReplayable(c.definition) && !NOT_REPLAYABLE[c.id]);

  test('the corpus has replayable cases', () => {
    expect(cases.length).toBeGreaterThan(400);
  });

  test.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const outcome = await replay(c.definition, c.input);
    if (c.expected.status === 'SUCCEEDED') {
      expect(outcome).toEqual({ status: 'SUCCEEDED', output: c.expected.output });
      return;
    }
    expect(outcome.status).toBe('FAILED');
    if (outcome.status !== 'FAILED') return;
    expect(outcome.error).toBe(c.expected.error ?? '');
    if (c.expected.compare_cause === false) return;
    const expectedCause = (c.expected.cause ?? '').replace(STATE_PREFIX, '');
    if (c.expected.cause_is_json) expect(JSON.parse(outcome.cause)).toEqual(JSON.parse(expectedCause));
    else expect(outcome.cause).toBe(expectedCause);
  });
});
