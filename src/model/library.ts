/**
 * Where this library's own files are (src/ when run from source, dist/ when installed), found
 * without import.meta, which CommonJS builds and Jest's transform reject: from the file of a
 * function, read off a structured stack. Used to tell the user's stack frames from ours, to resolve
 * `stepwright` in workflow files to this copy, and to find the package's version.
 */
import { dirname, extname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The file a stack frame names, as a path (file URLs decoded, a loader's query removed). */
export function framePath(file: string): string {
  return file.startsWith('file:') ? fileURLToPath(file.replace(/[?#].*$/, '')) : file;
}

/** Structured frames of the current stack (innermost first), without the source-map rewriting of `stack`. */
export function callSites(limit = 50): NodeJS.CallSite[] {
  const original = Error.prepareStackTrace;
  const originalLimit = Error.stackTraceLimit;
  try {
    Error.prepareStackTrace = (_error, frames) => frames;
    Error.stackTraceLimit = limit;
    return (new Error().stack as unknown as NodeJS.CallSite[]).slice(1);
  } finally {
    Error.prepareStackTrace = original;
    Error.stackTraceLimit = originalLimit;
  }
}

let cached: { dir: string; ext: string } | undefined;

/** The library's folder (the one holding index.ts or index.js) and its modules' extension. */
export function libraryDir(): { dir: string; ext: string } {
  if (!cached) {
    const file = callSites(2)[0]?.getFileName();
    if (!file) throw new Error('cannot tell where stepwright is installed: no file on the stack');
    const path = framePath(file);
    // This file is <library>/model/library.<ext>.
    cached = { dir: dirname(dirname(path)) + sep, ext: extname(path) };
  }
  return cached;
}
