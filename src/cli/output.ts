/**
 * Writing outputs so that nothing is half written: every file of a command is rendered in memory
 * first, and each is written to a temporary file beside its target and renamed into place.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join, basename, resolve } from 'node:path';

import type { OutputFile } from '../project/index.js';

export function writeFilesAtomically(files: OutputFile[]): void {
  const staged: { temp: string; path: string }[] = [];
  try {
    for (const file of files) {
      mkdirSync(dirname(file.path), { recursive: true });
      const temp = join(dirname(file.path), `.${basename(file.path)}.${process.pid}.tmp`);
      writeFileSync(temp, file.contents);
      staged.push({ temp, path: file.path });
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    throw error;
  }
  for (const { temp, path } of staged) renameSync(temp, path);
}

/**
 * Removes the `.json` files under `dirs` (their subfolders included) that this run did not write:
 * after a full build, out/ holds exactly the project's workflows, schedules and rules, so a deleted
 * or renamed workflow leaves no stale definition for a deploy step to pick up. Returns what was removed.
 */
export function removeStaleOutputs(dirs: string[], written: OutputFile[], extensions: readonly string[] = ['.json']): string[] {
  const keep = new Set(written.map((f) => resolve(f.path)));
  const removed: string[] = [];
  const sweep = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) sweep(path);
      else if (extensions.some((e) => entry.name.endsWith(e)) && !keep.has(resolve(path))) {
        rmSync(path, { force: true });
        removed.push(path);
      }
    }
  };
  dirs.forEach(sweep);
  return removed;
}
