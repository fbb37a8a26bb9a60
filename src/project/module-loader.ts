/**
 * Imports workflow modules (TypeScript or JavaScript) without a compile step, all through one
 * loader registration per process: tsx's hooks, registered once, plus a small hook of ours that
 * (1) resolves `stepwright` and `stepwright/<subpath>` in the user's files to the copy of the
 * library this process already runs, so the library is evaluated once and `isWorkflow()` sees the
 * same classes, and (2) tags each load's modules with a load number, so a second load in the same
 * process (a watcher, a test) sees edited files while the library stays shared.
 *
 * (Before, each file went through its own tsx namespace: the library's sources were transpiled
 * and evaluated again for every workflow file, the largest part of a cold build.)
 */
import nodeModule, { register as registerHooks } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { libraryDir } from '../model/library.js';

export type ImportOutcome = { path: string; exports: Record<string, unknown> } | { path: string; error: unknown };

const LOAD_QUERY = 'stepwright-load';

/**
 * The hook, run on Node's loader thread. `stepwright[/sub]` → `<library>/[sub/]index<ext>` when that
 * file exists; every module imported from a tagged module (outside node_modules and the library)
 * carries the same tag, so it is a new instance for that load only.
 */
const HOOK = `
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
let library;
export function initialize(data) { library = data; }
export async function resolve(specifier, context, next) {
  if (library && (specifier === 'stepwright' || specifier.startsWith('stepwright/'))) {
    const sub = specifier.slice('stepwright/'.length);
    const url = library.root + (specifier === 'stepwright' ? '' : sub + '/') + 'index' + library.ext;
    // Resolved on by the next hooks (tsx's), so that they load it as they load any file of theirs.
    if (!sub.includes('..') && existsSync(fileURLToPath(url))) return next(url, context);
  }
  const resolved = await next(specifier, context);
  const parent = context.parentURL && context.parentURL.startsWith('file:') ? new URL(context.parentURL).searchParams.get('${LOAD_QUERY}') : null;
  if (parent && resolved.url.startsWith('file:') && !resolved.url.includes('/node_modules/') && !(library && resolved.url.startsWith(library.root))) {
    const url = new URL(resolved.url);
    url.searchParams.set('${LOAD_QUERY}', parent);
    return { ...resolved, url: url.href };
  }
  return resolved;
}
`;

let registered: Promise<void> | undefined;
let loads = 0;

/** The directory holding the library's index (src/ under tsx, dist/ when installed), as a URL, and its extension. */
export function libraryLocation(): { root: string; ext: string } {
  const { dir, ext } = libraryDir();
  return { root: pathToFileURL(dir).href, ext };
}

async function registerOnce(tsconfig: string | undefined): Promise<void> {
  registered ??= (async () => {
    // The library's root, which workflow files import, is loaded before the hooks are registered:
    // afterwards every module Node resolves and loads goes through them, each resolution a round
    // trip to the loader thread. The hook then resolves `stepwright` to this same, loaded module.
    const { root, ext } = libraryLocation();
    const [{ register: registerEsm }, { register: registerCjs }] = await Promise.all([import('tsx/esm/api'), import('tsx/cjs/api'), import(`${root}index${ext}`)]);
    registerEsm(tsconfig ? { tsconfig } : {});
    registerCjs();
    resolveLibraryInRequire();
    // Registered after tsx's, so it runs first (hooks chain last-in, first-out).
    registerHooks(`data:text/javascript,${encodeURIComponent(HOOK)}`, { data: libraryLocation() });
  })();
  return registered;
}

/**
 * The same for `require('stepwright')` in workflow files that load as CommonJS (a project without
 * "type": "module"): Node 20 has no synchronous resolve hook, so CommonJS resolution is wrapped, as
 * tsx itself does. (Node 20.19+ can require() the library's ES modules, the same instances.)
 */
function resolveLibraryInRequire(): void {
  const { dir, ext } = libraryDir();
  const cjs = nodeModule as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = cjs._resolveFilename;
  cjs._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
    if (request === 'stepwright' || (request.startsWith('stepwright/') && !request.includes('..'))) {
      const file = join(dir, request === 'stepwright' ? '' : request.slice('stepwright/'.length), `index${ext}`);
      if (existsSync(file)) return file;
    }
    return original.call(this, request, ...rest);
  };
}

/**
 * Imports each file as a fresh module (its own imports too, except the library and node_modules).
 * A file that fails to load gives its error; the others still load. The imports are started
 * together, so the loader thread reads and transforms the next files while this one compiles the
 * first (one after the other, each file waited for a round trip); outcomes keep the order of `paths`.
 */
export async function importFresh(paths: string[], tsconfig?: string): Promise<ImportOutcome[]> {
  await registerOnce(tsconfig);
  const load = ++loads;
  return Promise.all(
    paths.map(async (path): Promise<ImportOutcome> => {
      const url = new URL(pathToFileURL(path).href);
      url.searchParams.set(LOAD_QUERY, String(load));
      try {
        return { path, exports: (await import(url.href)) as Record<string, unknown> };
      } catch (error) {
        return { path, error };
      }
    }),
  );
}
