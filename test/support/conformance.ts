/**
 * Locates `../shared/conformance/` (recorded against real AWS; not copied into this repo).
 * CI has `shared/` beside the checkout. When it is absent, the suites that need it say so and skip;
 * nothing else is skipped. STEPWRIGHT_CONFORMANCE_DIR overrides the location.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..', '..');

export const conformanceDir: string | undefined = (() => {
  const candidates = [process.env.STEPWRIGHT_CONFORMANCE_DIR, join(REPO_ROOT, '..', 'shared', 'conformance')];
  return candidates.find((dir): dir is string => !!dir && existsSync(dir));
})();

/** `describe` when the corpus is present, otherwise `describe.skip` with a line saying why. */
export function describeConformance(corpus: string, name: string, body: (dir: string) => void): void {
  const dir = conformanceDir && join(conformanceDir, corpus);
  if (!dir || !existsSync(dir)) {
    // eslint-disable-next-line no-console
    console.warn(`conformance corpus "${corpus}" not found (expected ../shared/conformance/${corpus}); skipping "${name}"`);
    describe.skip(name, () => test('corpus absent', () => undefined));
    return;
  }
  describe(name, () => body(dir));
}

export function readCorpusJson<T>(dir: string, file: string): T {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
}

export function listCorpusFiles(dir: string, sub: string): string[] {
  return readdirSync(join(dir, sub)).filter((f) => f.endsWith('.json')).sort();
}
