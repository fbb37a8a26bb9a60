/**
 * Where in the user's code each integration state was made: the first stack frame outside the
 * library when a builder runs. A problem the build finds in a state's request (request-check.ts)
 * can then name the workflow file's line, as the type checker would.
 */
import { resolve } from 'node:path';
import { callSites, framePath, libraryDir } from '../model/library.js';

const sites = new Map<string, { line: number; column: number }>();
const key = (file: string, state: string) => `${resolve(file)}\0${state}`;

/** Remembers where the states named `states` were made (the first place wins: a fragment called twice keeps its first use). */
export function recordCallSite(...states: string[]): void {
  const { dir } = libraryDir();
  for (const site of callSites()) {
    const file = site.getFileName();
    if (!file || file.startsWith('node:')) continue;
    const path = framePath(file);
    if (path.startsWith(dir) || path.includes(`${'node_modules'}`)) continue;
    for (const state of states) if (!sites.has(key(path, state))) sites.set(key(path, state), { line: site.getLineNumber() ?? 0, column: site.getColumnNumber() ?? 0 });
    return;
  }
}

/** The line and column where `state` was made in `file`, when a builder recorded it. */
export function callSiteOf(file: string, state: string): { line: number; column: number } | undefined {
  return sites.get(key(file, state));
}
