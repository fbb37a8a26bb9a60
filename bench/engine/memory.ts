/**
 * The executor's peak memory: bench/engine/memory-worker.mjs (an inline Map over 100,000 small
 * items without MaxConcurrency, EXPRESS) in its own process under `/usr/bin/time -v`, whose
 * "Maximum resident set size" is the whole process's peak. Twice: without reading the execution's
 * history (what a run that only checks the outcome costs) and reading it (every event built, with
 * its payload text). Without /usr/bin/time, the worker's own getrusage figure is used.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const MEMORY_ITEMS = 100_000;
/** The target: the whole process under this many megabytes. */
export const MEMORY_TARGET_MB = 400;

export interface MemoryRun {
  readHistory: boolean;
  status: string;
  output: unknown;
  events?: number;
  ms: number;
  /** Peak resident set size of the process, MiB. */
  peakMiB: number;
  /** Where the figure comes from. */
  source: '/usr/bin/time -v' | 'getrusage in the worker';
}

export interface MemoryReport {
  items: number;
  runs: MemoryRun[];
}

const TIME = '/usr/bin/time';

export function runMemoryBench(opts: { bench: string; root: string; log: (line?: string) => void }): MemoryReport {
  const worker = join(opts.bench, 'engine', 'memory-worker.mjs');
  const runs: MemoryRun[] = [];
  for (const readHistory of [false, true]) {
    process.stdout.write(`  inline Map over ${MEMORY_ITEMS.toLocaleString('en')} items, EXPRESS, ${readHistory ? 'reading' : 'not reading'} its history... `);
    const args = [worker, String(MEMORY_ITEMS), readHistory ? 'yes' : 'no'];
    const timed = existsSync(TIME);
    const result = timed
      ? spawnSync(TIME, ['-v', process.execPath, ...args], { cwd: opts.root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, timeout: 10 * 60 * 1000 })
      : spawnSync(process.execPath, args, { cwd: opts.root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, timeout: 10 * 60 * 1000 });
    if (result.status !== 0) throw new Error(`memory benchmark failed (exit ${result.status ?? result.signal}):\n${result.stderr}`);
    const line = JSON.parse(result.stdout.trim().split('\n').pop()!) as { status: string; output: unknown; events?: number; ms: number; maxRssKiB: number };
    const fromTime = timed ? /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1] : undefined;
    const kib = fromTime !== undefined ? Number(fromTime) : line.maxRssKiB;
    const expected = { count: MEMORY_ITEMS, sum: (MEMORY_ITEMS * (MEMORY_ITEMS + 1)) / 2 };
    if (line.status !== 'SUCCEEDED' || JSON.stringify(line.output) !== JSON.stringify(expected)) {
      throw new Error(`memory benchmark: the execution ended ${line.status} with ${JSON.stringify(line.output)}, expected SUCCEEDED with ${JSON.stringify(expected)}`);
    }
    const run: MemoryRun = {
      readHistory,
      status: line.status,
      output: line.output,
      ...(line.events !== undefined ? { events: line.events } : {}),
      ms: line.ms,
      peakMiB: kib / 1024,
      source: fromTime !== undefined ? '/usr/bin/time -v' : 'getrusage in the worker',
    };
    runs.push(run);
    opts.log(`peak ${run.peakMiB.toFixed(0)} MiB (${run.source}), ${(run.ms / 1000).toFixed(2)} s${run.events !== undefined ? `, ${run.events.toLocaleString('en')} events read` : ''}`);
  }
  return { items: MEMORY_ITEMS, runs };
}

export function memoryMarkdown(report: MemoryReport): string {
  const rows = report.runs.map(
    (r) =>
      `| ${r.readHistory ? `read (${(r.events ?? 0).toLocaleString('en')} events built, payload text included)` : 'not read'} | **${r.peakMiB.toFixed(0)} MiB** | ${(r.ms / 1000).toFixed(2)} s | ${r.source} |`,
  );
  const worst = Math.max(...report.runs.map((r) => r.peakMiB));
  return `### Peak memory: an inline Map over ${report.items.toLocaleString('en')} items without MaxConcurrency

One EXPRESS execution (no history quota) of [engine/memory-worker.mjs](engine/memory-worker.mjs) in its own plain Node process
(stepwright from dist/engine, nothing else loaded): the items come from the execution (JSONata \`[1..${report.items}]\`), each
iteration is a Pass that shapes its item, and the Map outputs the count and the sum (checked). The figure is the peak resident
set size of the whole process.

| history | peak RSS | execution time | measured with |
|---|---|---|---|
${rows.join('\n')}

Target: under ${MEMORY_TARGET_MB} MB for the whole process — ${worst * 1.048576 < MEMORY_TARGET_MB ? '**met**' : '**not met**'} (highest: ${(worst * 1.048576).toFixed(0)} MB).
aws-local-stepfunctions is not measured here: it has no JSONata, and in JSONPath 100,000 items can come neither from the
execution input (over 256 KiB) nor from \`States.ArrayRange\` (1,000 items at most on AWS).`;
}
