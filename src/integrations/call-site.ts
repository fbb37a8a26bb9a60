/**
 * Where in the user's code each integration state was made: the first stack frame outside the
 * library when a builder runs. A problem the build finds in a state's request (request-check.ts)
 * can then name the workflow file's line, as the type checker would.
 */
import { findSourceMap } from 'node:module';
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
    const at = original(file, site.getLineNumber() ?? 0, site.getColumnNumber() ?? 0);
    for (const state of states) if (!sites.has(key(path, state))) sites.set(key(path, state), at);
    return;
  }
}

/**
 * A frame's position in the file the user wrote: a module compiled on load (TypeScript through the
 * loader) has a source map, and frames give positions in the compiled text.
 */
function original(file: string, line: number, column: number): { line: number; column: number } {
  try {
    const entry = findSourceMap(file)?.findEntry(line - 1, column - 1) as { originalLine?: number; originalColumn?: number } | undefined;
    if (entry?.originalLine !== undefined && entry.originalColumn !== undefined) return { line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  } catch {
    // no usable map: the compiled position is the best there is
  }
  return { line, column };
}

/** The line and column where `state` was made in `file`, when a builder recorded it. */
export function callSiteOf(file: string, state: string): { line: number; column: number } | undefined {
  return sites.get(key(file, state));
}
