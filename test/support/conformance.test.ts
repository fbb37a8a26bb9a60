/**
 * Without ../shared/conformance the fidelity suites skip on a user's machine, but fail under CI: a
 * CI run that silently skipped them would report green without having compared anything with AWS.
 */
import { describeConformance, whenCorpusAbsent } from './conformance.js';

type Registered = { kind: 'describe' | 'skip' | 'test'; name: string; fn: () => void };

/** What describeConformance registers with Jest, recorded instead of registered. */
function registered(env: Record<string, string | undefined>, corpus: string): Registered[] {
  const out: Registered[] = [];
  const g = globalThis as unknown as Record<string, unknown>;
  const saved = { describe: g.describe, test: g.test, env: { ...process.env } };
  const record = (kind: Registered['kind']) => (name: string, fn: () => void) => {
    out.push({ kind, name, fn });
    if (kind !== 'test') fn();
  };
  g.describe = Object.assign(record('describe'), { skip: record('skip') });
  g.test = record('test');
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    for (const key of ['CI', 'STEPWRIGHT_CONFORMANCE_DIR']) delete process.env[key];
    Object.assign(process.env, Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)));
    describeConformance(corpus, 'a suite', () => g.test && (g.test as (n: string, f: () => void) => void)('a case', () => undefined));
  } finally {
    g.describe = saved.describe;
    g.test = saved.test;
    process.env = saved.env;
    warn.mockRestore();
  }
  return out;
}

test('absent corpus, a user running the tests: the suite is skipped', () => {
  expect(registered({}, 'no-such-corpus').map((r) => r.kind)).toEqual(['skip', 'test']);
});

test('absent corpus under CI: the suite has one test, and it fails saying why', () => {
  const suite = registered({ CI: 'true' }, 'no-such-corpus');
  expect(suite.map((r) => r.kind)).toEqual(['describe', 'test']);
  expect(() => suite[1]!.fn()).toThrow(/conformance corpus "no-such-corpus" not found/);
});

test('a location set explicitly that is not there fails too', () => {
  const suite = registered({ STEPWRIGHT_CONFORMANCE_DIR: '/nonexistent/conformance' }, 'sfn-executions');
  expect(suite.map((r) => r.kind)).toEqual(['describe', 'test']);
  expect(() => suite[1]!.fn()).toThrow(/\/nonexistent\/conformance\/sfn-executions/);
});

test('CI is recognised as CI providers set it', () => {
  expect(whenCorpusAbsent({ CI: 'true' })).toBe('fail');
  expect(whenCorpusAbsent({ CI: '1' })).toBe('fail');
  expect(whenCorpusAbsent({ CI: 'false' })).toBe('skip');
  expect(whenCorpusAbsent({})).toBe('skip');
});
