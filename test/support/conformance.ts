/**
 * Locates `../shared/conformance/` (recorded against real AWS; not copied into this repo).
 * CI has `shared/` beside the checkout. When it is absent, the suites that need it say so and skip
 * for a user, and fail under CI (CI=true), where a missing corpus means the fidelity tests did not
 * run. STEPWRIGHT_CONFORMANCE_DIR overrides the location; set to a directory that is not there, the
 * suites fail too (it was asked for).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..', '..');
const OVERRIDE = 'STEPWRIGHT_CONFORMANCE_DIR';

/** Where the corpora should be: the override, else `../shared/conformance` beside the repository. */
export function conformanceLocation(env: NodeJS.ProcessEnv = process.env): string {
  return env[OVERRIDE] || join(REPO_ROOT, '..', 'shared', 'conformance');
}

export const conformanceDir: string | undefined = existsSync(conformanceLocation()) ? conformanceLocation() : undefined;

/** What a suite does when its corpus is absent: skip on a user's machine, fail under CI or when the location was set explicitly. */
export function whenCorpusAbsent(env: NodeJS.ProcessEnv = process.env): 'skip' | 'fail' {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  return ci || !!env[OVERRIDE] ? 'fail' : 'skip';
}

/** `describe` when the corpus is present; otherwise a skip with a line saying why, or a failing test. */
export function describeConformance(corpus: string, name: string, body: (dir: string) => void): void {
  const dir = join(conformanceLocation(), corpus);
  if (existsSync(dir)) {
    describe(name, () => body(dir));
    return;
  }
  const why = `conformance corpus "${corpus}" not found at ${dir}`;
  if (whenCorpusAbsent() === 'fail') {
    describe(name, () => {
      test('needs its conformance corpus', () => {
        throw new Error(`${why}: CI runs with ../shared/conformance beside the checkout (or ${OVERRIDE} naming it)`);
      });
    });
    return;
  }
  // eslint-disable-next-line no-console
  console.warn(`${why}; skipping "${name}"`);
  describe.skip(name, () => test('corpus absent', () => undefined));
}

export function readCorpusJson<T>(dir: string, file: string): T {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
}

export function listCorpusFiles(dir: string, sub: string): string[] {
  return readdirSync(join(dir, sub)).filter((f) => f.endsWith('.json')).sort();
}
