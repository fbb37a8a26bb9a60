/**
 * The executor against executions recorded on AWS. Every case not in known-gaps.ts must match
 * AWS; every case in it must still differ. Prints the pass rate per tag once.
 */
import { describeConformance, readCorpusJson } from '../support/conformance.js';
import { runCase, type CaseOutcome, type ConformanceCase } from './conformance-cases.js';
import { KNOWN_GAPS } from './known-gaps.js';

describeConformance('sfn-executions', 'embedded executor vs executions recorded on AWS', (dir) => {
  const cases = readCorpusJson<ConformanceCase[]>(dir, 'cases.json');
  const outcomes = new Map<string, CaseOutcome>();

  afterAll(() => {
    const byTag = new Map<string, { pass: number; total: number }>();
    for (const c of cases) {
      const outcome = outcomes.get(c.id);
      if (!outcome) continue;
      for (const tag of ['ALL', ...c.tags]) {
        const row = byTag.get(tag) ?? { pass: 0, total: 0 };
        row.total++;
        if (outcome.pass) row.pass++;
        byTag.set(tag, row);
      }
    }
    const lines = [...byTag.entries()]
      .sort(([a], [b]) => (a === 'ALL' ? -1 : b === 'ALL' ? 1 : a.localeCompare(b)))
      .map(([tag, { pass, total }]) => `${tag.padEnd(18)} ${String(pass).padStart(4)}/${String(total).padEnd(4)} ${((100 * pass) / total).toFixed(1)}%`);
    // eslint-disable-next-line no-console
    console.log(`sfn-executions conformance (pass/total per tag)\n${lines.join('\n')}`);
  });

  test('every known gap names a case in the corpus', () => {
    const ids = new Set(cases.map((c) => c.id));
    expect(Object.keys(KNOWN_GAPS).filter((id) => !ids.has(id))).toEqual([]);
  });

  test.each(cases.map((c) => [c.id, c] as const))('%s', async (id, c) => {
    let outcome: CaseOutcome;
    try {
      outcome = await withDeadline(runCase(c), 10_000);
    } catch (e) {
      outcome = { pass: false, detail: `threw ${(e as Error).stack ?? String(e)}` };
    }
    outcomes.set(id, outcome);
    const gap = KNOWN_GAPS[id];
    if (gap === undefined) {
      if (!outcome.pass) throw new Error(`differs from AWS: ${outcome.detail}`);
    } else if (outcome.pass) {
      throw new Error(`listed in known-gaps.ts (${gap}) but now matches AWS: remove it from the list`);
    }
  });
});

/** A real-time guard so a hung execution fails its case instead of the whole suite. */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result after ${ms} ms (real time)`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
