/**
 * Runs the `stepwright` CLI. `stepwright()` calls its main() in this process, in the given folder,
 * capturing what it prints (fast: no Node start, no reload of the library per call);
 * `stepwrightProcess()` runs it as a user does, a separate Node process through tsx on the sources,
 * for the few tests that must see the real thing (the module loader, exit codes, stderr).
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../../src/cli/main.js';

export const REPO = resolve(__dirname, '..', '..');
const TSX_LOADER = pathToFileURL(join(REPO, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs')).href;
const MAIN = join(REPO, 'src', 'cli', 'main.ts');

export interface CliResult {
  status: number | null;
  /** The signal that ended a real process (its timeout), if one did. */
  signal?: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A stack trace line, which no user-facing message should contain. */
export const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

let queue: Promise<unknown> = Promise.resolve();

/** main(args) in `cwd`; calls are serialised, since the working directory is the process's. */
export function stepwright(args: string[], cwd = REPO): Promise<CliResult> {
  const run = async (): Promise<CliResult> => {
    const out: string[] = [];
    const err: string[] = [];
    const previous = process.cwd();
    process.chdir(cwd);
    try {
      const status = await main(args, { out: (t) => out.push(`${t}\n`), err: (t) => err.push(`${t}\n`) });
      return { status, stdout: out.join(''), stderr: err.join('') };
    } finally {
      process.chdir(previous);
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

/** One Node process with tsx's loader (its CLI would start a second one), as `npx tsx src/cli/main.ts` runs it. */
export function stepwrightProcess(args: string[], cwd = REPO, extraEnv: Record<string, string> = {}): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', TSX_TSCONFIG_PATH: join(REPO, 'tsconfig.json'), ...extraEnv };
  delete env.JEST_WORKER_ID;
  // A bound on every run: a command that hangs fails its test instead of the suite.
  const result = spawnSync(process.execPath, ['--import', TSX_LOADER, MAIN, ...args], { cwd, encoding: 'utf8', env, timeout: 60_000 });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}
