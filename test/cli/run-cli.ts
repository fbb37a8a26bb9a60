/** Runs the `stepwright` CLI as a user would: a separate Node process (through tsx, on the sources). */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..');
const TSX = join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const MAIN = join(REPO, 'src', 'cli', 'main.ts');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function stepwright(args: string[], cwd = REPO, env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [TSX, '--tsconfig', join(REPO, 'tsconfig.json'), MAIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
