/**
 * Wall time of whole processes: hyperfine when it is installed, else a Node loop (spawnSync and
 * a monotonic clock) with the same runs and warm-up, so the figures keep their meaning either way.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface CommandTiming {
  name: string;
  command: string;
  cwd: string;
  runs: number;
  warmup: number;
  /** Seconds. */
  median: number;
  mean: number;
  min: number;
  max: number;
  stddev: number;
  tool: 'hyperfine' | 'node loop';
}

export interface CommandSpec {
  name: string;
  /** A shell command line (run by sh -c). */
  command: string;
  cwd: string;
  runs: number;
  warmup: number;
  /** Run before every timed run, untimed (e.g. clear the output directory). */
  prepare?: string;
  /** Exit codes that mean "ran as intended" (validators exit 1 when a definition is invalid). */
  okExitCodes?: number[];
}

export function hyperfineVersion(): string | undefined {
  const probe = spawnSync('hyperfine', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

/** Runs the command once, untimed, and fails loudly if it did not do what it should. */
export function checkCommand(spec: CommandSpec): void {
  if (spec.prepare) spawnSync('sh', ['-c', spec.prepare], { cwd: spec.cwd });
  const result = spawnSync('sh', ['-c', spec.command], { cwd: spec.cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ok = spec.okExitCodes ?? [0];
  if (result.status === null || !ok.includes(result.status)) {
    throw new Error(`"${spec.name}" exited ${result.status ?? result.signal} (expected ${ok.join(' or ')}):\n  ${spec.command}\n${(result.stderr || result.stdout).slice(-2000)}`);
  }
}

export function timeCommand(spec: CommandSpec, tmp: string, useHyperfine: boolean): CommandTiming {
  return useHyperfine ? withHyperfine(spec, tmp) : withNodeLoop(spec);
}

function withHyperfine(spec: CommandSpec, tmp: string): CommandTiming {
  const exportJson = join(tmp, 'hyperfine.json');
  const args = ['--style', 'none', '--runs', String(spec.runs), '--warmup', String(spec.warmup), '--export-json', exportJson];
  if (spec.prepare) args.push('--prepare', spec.prepare);
  if ((spec.okExitCodes ?? [0]).some((c) => c !== 0)) args.push('--ignore-failure');
  args.push(spec.command);
  const result = spawnSync('hyperfine', args, { cwd: spec.cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`hyperfine failed on "${spec.name}":\n${result.stderr}`);
  const [r] = (JSON.parse(readFileSync(exportJson, 'utf8')) as { results: { mean: number; stddev: number; median: number; min: number; max: number }[] }).results;
  rmSync(exportJson, { force: true });
  return { name: spec.name, command: spec.command, cwd: spec.cwd, runs: spec.runs, warmup: spec.warmup, median: r!.median, mean: r!.mean, min: r!.min, max: r!.max, stddev: r!.stddev ?? 0, tool: 'hyperfine' };
}

function withNodeLoop(spec: CommandSpec): CommandTiming {
  const once = (): number => {
    if (spec.prepare) spawnSync('sh', ['-c', spec.prepare], { cwd: spec.cwd });
    const start = performance.now();
    spawnSync('sh', ['-c', spec.command], { cwd: spec.cwd, stdio: 'ignore' });
    return (performance.now() - start) / 1000;
  };
  for (let i = 0; i < spec.warmup; i++) once();
  const samples = Array.from({ length: spec.runs }, once);
  const s = summarize(samples);
  return { name: spec.name, command: spec.command, cwd: spec.cwd, runs: spec.runs, warmup: spec.warmup, ...s, tool: 'node loop' };
}

export function summarize(samples: number[]): { median: number; mean: number; min: number; max: number; stddev: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const stddev = samples.length > 1 ? Math.sqrt(samples.reduce((a, b) => a + (b - mean) ** 2, 0) / (samples.length - 1)) : 0;
  return { median, mean, min: sorted[0]!, max: sorted[sorted.length - 1]!, stddev };
}
