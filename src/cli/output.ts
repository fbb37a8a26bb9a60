/**
 * Writing a command's outputs so that nothing is half written and nothing lands outside where the
 * command was told to write:
 *   1. every path must stay inside its folder, whatever names a project holds (`..`, `/`);
 *   2. every file is written to a temporary name beside its target (the temporaries of killed
 *      runs are removed first);
 *   3. only when all are written are they renamed into place; if a rename fails, the files already
 *      replaced get their previous contents back.
 * A file-system failure is a user error naming the path, with a fix; never a stack trace.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { StepwrightError, type Problem } from '../model/errors.js';
import type { OutputFile } from '../project/index.js';

const TEMP = /^\..+\.(\d+)\.tmp$/;

/** Writes `files` atomically; each must resolve inside `within` (the output folder, or the one named output). */
export function writeFilesAtomically(files: OutputFile[], within?: string): void {
  if (within !== undefined) assertInside(files.map((f) => f.path), within);
  const staged: { temp: string; path: string }[] = [];
  const cleaned = new Set<string>();
  try {
    for (const file of files) {
      const dir = dirname(file.path);
      makeFolder(dir);
      if (!cleaned.has(dir)) removeDeadTemporaries(dir);
      cleaned.add(dir);
      if (existsSync(file.path) && statSync(file.path).isDirectory()) {
        throw new StepwrightError({ file: file.path, message: 'is a folder, where this output file should be', fix: `remove or rename the folder ${file.path}` });
      }
      const temp = join(dir, `.${basename(file.path)}.${process.pid}.tmp`);
      attemptFs(() => writeFileSync(temp, file.contents), temp);
      staged.push({ temp, path: file.path });
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    throw error;
  }
  const replaced: { path: string; previous: string | undefined }[] = [];
  try {
    for (const { temp, path } of staged) {
      const previous = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      attemptFs(() => renameSync(temp, path), path);
      replaced.push({ path, previous });
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    for (const { path, previous } of replaced.reverse()) {
      if (previous === undefined) rmSync(path, { force: true });
      else writeFileSync(path, previous);
    }
    throw error;
  }
}

/** A user error when any path resolves outside `folder` (a name with `..`, an absolute name). */
export function assertInside(paths: string[], folder: string): void {
  const base = resolve(folder);
  const problems: Problem[] = [];
  for (const path of paths) {
    const rel = relative(base, resolve(path));
    if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
      problems.push({ file: path, message: `would be written outside ${folder}`, fix: 'a workflow, schedule, group or rule name must not contain ".." or "/" segments: rename it' });
    }
  }
  if (problems.length > 0) throw new StepwrightError(problems);
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
    if (!existsSync(dir) || !lstatSync(dir).isDirectory()) return;
    for (const entry of attemptFs(() => readdirSync(dir, { withFileTypes: true }), dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) sweep(path);
      else if (extensions.some((e) => entry.name.endsWith(e)) && !keep.has(resolve(path))) {
        attemptFs(() => rmSync(path, { force: true }), path);
        removed.push(path);
      }
    }
  };
  dirs.forEach(sweep);
  return removed;
}

/**
 * Creates `dir` and its missing parents one at a time. (mkdirSync's `recursive` retries forever
 * where mkdir answers ENOENT for a parent that exists, as in /proc: a build must fail, not hang.)
 */
function makeFolder(dir: string): void {
  const missing: string[] = [];
  let existing = resolve(dir);
  while (existing !== dirname(existing) && !existsSync(existing)) {
    missing.unshift(existing);
    existing = dirname(existing);
  }
  // A file where a folder should be: name the file in the way, not the folder we wanted.
  if (!statSync(existing).isDirectory()) {
    const shown = shownPath(existing);
    throw new StepwrightError({ file: shown, message: `is a file, where the folder ${dir} should be`, fix: `remove or rename ${shown}, or write elsewhere with --out` });
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statSync(folder).isDirectory()) continue; // made meanwhile by another build
      attemptFs(() => {
        throw error;
      }, shownPath(folder));
    }
  }
}

/** A path as the user would type it: relative inside the working directory, absolute outside it. */
function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/** Temporaries of runs that are no longer alive (a build killed between writing and renaming). */
function removeDeadTemporaries(dir: string): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const pid = TEMP.exec(name)?.[1];
    if (pid && !alive(Number(pid))) rmSync(join(dir, name), { force: true });
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return false; // ours from an earlier write in this process: stale too
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs a file-system call; its failure becomes a user error at `path` saying what to do. */
export function attemptFs<T>(call: () => T, path: string): T {
  try {
    return call();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code) throw error;
    throw new StepwrightError({ file: path, ...FS_ERRORS(path)[code] ?? { message: `cannot be written (${code})`, fix: `check ${dirname(path)} and the disk, then run again` } });
  }
}

const FS_ERRORS = (path: string): Record<string, { message: string; fix: string }> => ({
  EACCES: { message: 'cannot be written: permission denied', fix: `make ${dirname(path)} writable, or write elsewhere with --out` },
  EPERM: { message: 'cannot be written: operation not permitted', fix: `make ${dirname(path)} writable, or write elsewhere with --out` },
  EROFS: { message: 'cannot be written: the file system is read-only', fix: 'write elsewhere with --out' },
  ENOSPC: { message: 'cannot be written: no space left on the device', fix: 'free some space, then run again' },
  EDQUOT: { message: 'cannot be written: disk quota exceeded', fix: 'free some space, then run again' },
  ENOTDIR: { message: 'cannot be written: a file is in the way of one of its folders', fix: `remove or rename the file among the folders of ${path}` },
  EISDIR: { message: 'is a folder, where an output file should be', fix: `remove or rename the folder ${path}` },
  ENOENT: { message: 'cannot be created or written here', fix: `write elsewhere with --out, or check that ${dirname(path)} is a folder you can write` },
  EMFILE: { message: 'cannot be written: too many open files', fix: 'raise the open file limit (ulimit -n), then run again' },
});
