import { describeConformance, readCorpusJson } from '../support/conformance.js';
import { EventBridgeApiError, testEventPattern } from '../../src/schedules/index.js';
import { PATTERN_GAPS } from './known-gaps.js';

interface PatternCase {
  id: string;
  event: unknown;
  pattern: unknown;
  event_text?: string;
  pattern_text?: string;
  expected: 'match' | 'no-match' | 'invalid';
  error?: { code: string; message: string };
}

/** The corpus was recorded by a Python test suite, which sent `json.dumps` text: same separators here. */
function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${pythonJson(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** Runs one case; returns a description of the difference, or undefined when it agrees with AWS. */
function run(c: PatternCase): string | undefined {
  const pattern = c.pattern_text ?? pythonJson(c.pattern);
  const event = c.event_text ?? c.event;
  let actual: string;
  try {
    actual = testEventPattern(pattern, event) ? 'match' : 'no-match';
  } catch (error) {
    if (!(error instanceof EventBridgeApiError)) throw error;
    if (c.expected !== 'invalid') return `expected ${c.expected}, got invalid: ${error.message}`;
    if (c.error && (c.error.code !== error.code || c.error.message !== error.message)) {
      return `expected ${c.error.code}: ${JSON.stringify(c.error.message)}, got ${error.code}: ${JSON.stringify(error.message)}`;
    }
    return undefined;
  }
  return actual === c.expected ? undefined : `expected ${c.expected}, got ${actual}`;
}

describeConformance('eventbridge-patterns', 'EventBridge pattern conformance (TestEventPattern recorded on AWS)', (dir) => {
  const cases = readCorpusJson<PatternCase[]>(dir, 'cases.json');

  test('every known gap names a case in the corpus', () => {
    const ids = new Set(cases.map((c) => c.id));
    expect(Object.keys(PATTERN_GAPS).filter((id) => !ids.has(id))).toEqual([]);
  });

  test.each(cases.filter((c) => !(c.id in PATTERN_GAPS)).map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(run(c)).toBeUndefined();
  });

  const gaps = cases.filter((c) => c.id in PATTERN_GAPS);
  if (gaps.length > 0) {
    test.each(gaps.map((c) => [c.id, c] as const))('still a gap: %s', (_id, c) => {
      expect(run(c)).toBeDefined();
    });
  }
});
