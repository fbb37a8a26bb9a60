/**
 * The executor benchmark: stepwright's `execute()` vs aws-local-stepfunctions on the JSONPath
 * definitions of definitions.ts, each executor on each definition in its own child process
 * (worker.ts). Checks before it times: both outputs must equal the expected output, and both
 * executors must report the transitions the structure implies; otherwise the benchmark fails.
 * Then the peak memory of a Map over 100,000 items (memory.ts).
 * Used by bench/run.ts (whole run, or `--only engine`).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { summarize } from '../lib/timing.js';
import { engineCases, type EngineCase } from './definitions.js';
import { memoryMarkdown, runMemoryBench, type MemoryReport } from './memory.js';
import type { EngineTool, EngineWorkerResult } from './worker.js';

export const ENGINE_BEGIN = '<!-- engine:begin (bench/engine/section.ts writes this section; `npx tsx bench/run.ts --only engine` rewrites it alone) -->';
export const ENGINE_END = '<!-- engine:end -->';

export interface EngineSettings {
  minRuns: number;
  minSeconds: number;
  warmup: number;
  maxRuns: number;
}

export const ENGINE_RUNS: { full: EngineSettings; quick: EngineSettings } = {
  full: { minRuns: 10, minSeconds: 3, warmup: 3, maxRuns: 2000 },
  quick: { minRuns: 3, minSeconds: 0.5, warmup: 1, maxRuns: 50 },
};

export interface EngineRow {
  c: EngineCase;
  results: Record<EngineTool, EngineWorkerResult>;
}

export interface EngineReport {
  date: string;
  quick: boolean;
  settings: EngineSettings;
  loadAtStart: string;
  loadAtEnd: string;
  awsLocalVersion: string;
  node: string;
  commit: string;
  rows: EngineRow[];
  memory: MemoryReport;
}

const TOOLS: EngineTool[] = ['stepwright', 'aws-local-stepfunctions'];

function runWorker(bench: string, root: string, tool: EngineTool, c: EngineCase, s: EngineSettings): EngineWorkerResult {
  const tsx = join(bench, 'node_modules', '.bin', 'tsx');
  const args = [join(bench, 'engine', 'worker.ts'), tool, c.key, String(s.minRuns), String(s.minSeconds), String(s.warmup), String(s.maxRuns)];
  const result = spawnSync(tsx, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 20 * 60 * 1000 });
  if (result.status !== 0) throw new Error(`executor benchmark: ${tool} on ${c.key} failed (exit ${result.status ?? result.signal}):\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as EngineWorkerResult;
}

/** Fails the benchmark when the two executors did not do the same work. */
function check(row: EngineRow): void {
  const problems: string[] = [];
  for (const tool of TOOLS) {
    const r = row.results[tool];
    if (!r.outputMatchesExpected) problems.push(`${tool}: output differs from the expected output (${r.outputDiff})`);
    if (r.transitions !== row.c.transitions) problems.push(`${tool}: reported ${r.transitions} transitions, the definition implies ${row.c.transitions}`);
  }
  if (row.results.stepwright.outputHash !== row.results['aws-local-stepfunctions'].outputHash) problems.push('the two outputs differ (sha256 of sorted-key JSON)');
  if (problems.length > 0) throw new Error(`executor benchmark, ${row.c.title}: the executors disagree, so their times are not comparable:\n  ${problems.join('\n  ')}`);
}

export function runEngineBench(opts: { bench: string; root: string; quick: boolean; commit: string; log: (line?: string) => void }): EngineReport {
  const settings = opts.quick ? ENGINE_RUNS.quick : ENGINE_RUNS.full;
  const loadAtStart = loadavg()[0]!.toFixed(2);
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const rows: EngineRow[] = [];
  for (const c of engineCases) {
    const results = {} as Record<EngineTool, EngineWorkerResult>;
    for (const tool of TOOLS) {
      process.stdout.write(`  ${c.title}, ${tool}... `);
      results[tool] = runWorker(opts.bench, opts.root, tool, c, settings);
      opts.log(`${fmtMs(median(results[tool]))} per run (${results[tool].samplesMs.length} runs), ${results[tool].transitions} transitions, output ${results[tool].outputMatchesExpected ? 'as expected' : 'DIFFERS'}`);
    }
    const row = { c, results };
    check(row);
    rows.push(row);
  }
  const memory = runMemoryBench({ bench: opts.bench, root: opts.root, log: opts.log });
  return {
    date,
    quick: opts.quick,
    settings,
    loadAtStart,
    loadAtEnd: loadavg()[0]!.toFixed(2),
    awsLocalVersion: (JSON.parse(readFileSync(join(opts.bench, 'node_modules', 'aws-local-stepfunctions', 'package.json'), 'utf8')) as { version: string }).version,
    node: process.version,
    commit: opts.commit,
    rows,
    memory,
  };
}

const median = (r: EngineWorkerResult): number => summarize(r.samplesMs).median;
const fmtMs = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
const perSecond = (transitions: number, ms: number): string => `${Math.round(transitions / (ms / 1000)).toLocaleString('en')}`;
const ratioOf = (row: EngineRow): number => median(row.results['aws-local-stepfunctions']) / median(row.results.stepwright);
const fmtRatio = (x: number): string => `${x.toFixed(x >= 10 ? 0 : 1)}×`;

export function engineConsole(report: EngineReport): string {
  const lines = report.rows.map((row) => {
    const sw = median(row.results.stepwright);
    const al = median(row.results['aws-local-stepfunctions']);
    return `  ${row.c.title.padEnd(38)} ${String(row.c.transitions).padStart(6)} transitions   stepwright ${fmtMs(sw).padStart(7)} (${perSecond(row.c.transitions, sw).padStart(9)} /s)   aws-local-stepfunctions ${fmtMs(al).padStart(7)} (${perSecond(row.c.transitions, al).padStart(9)} /s)   ${fmtRatio(ratioOf(row))}`;
  });
  const memory = report.memory.runs.map((r) => `  Map over ${report.memory.items.toLocaleString('en')} items, EXPRESS, history ${r.readHistory ? 'read' : 'not read'}: peak ${r.peakMiB.toFixed(0)} MiB`);
  return [...lines, ...memory].join('\n');
}

export function engineMarkdown(report: EngineReport): string {
  const s = report.settings;
  const table = [
    '| definition | transitions / run | stepwright median (min – max) | stepwright transitions / s | aws-local-stepfunctions median (min – max) | aws-local-stepfunctions transitions / s | ratio (aws-local ÷ stepwright time) |',
    '|---|---|---|---|---|---|---|',
    ...report.rows.map((row) => {
      const cell = (tool: EngineTool) => {
        const r = row.results[tool];
        const sum = summarize(r.samplesMs);
        return `${fmtMs(sum.median)} (${fmtMs(sum.min)} – ${fmtMs(sum.max)}), ${r.samplesMs.length} runs`;
      };
      const sw = median(row.results.stepwright);
      const al = median(row.results['aws-local-stepfunctions']);
      return `| ${row.c.title} | ${row.c.transitions.toLocaleString('en')} | ${cell('stepwright')} | **${perSecond(row.c.transitions, sw)}** | ${cell('aws-local-stepfunctions')} | ${perSecond(row.c.transitions, al)} | **${fmtRatio(ratioOf(row))}** |`;
    }),
  ].join('\n');
  const ratios = report.rows.map(ratioOf);
  const below = report.rows.filter((row) => ratioOf(row) < 10);
  const first = (tool: EngineTool) => report.rows.map((row) => `${row.c.key} ${fmtMs(row.results[tool].firstMs)}`).join(', ');
  const awsConstruct = report.rows.map((row) => `${row.c.key} ${fmtMs(row.results['aws-local-stepfunctions'].constructMs)}`).join(', ');
  const polyfills = [...new Set(report.rows.flatMap((row) => row.results['aws-local-stepfunctions'].polyfills))];
  const hash = report.rows.map((row) => `${row.c.key} \`${row.results.stepwright.outputHash.slice(0, 12)}…\``).join(', ');

  return `${ENGINE_BEGIN}
## Executor: stepwright vs aws-local-stepfunctions

State transitions per second of stepwright's embedded executor (\`execute()\` from \`stepwright/engine\`)
and of [aws-local-stepfunctions](https://github.com/nibble-4bits/aws-local-stepfunctions) ${report.awsLocalVersion}, on the same ${report.rows.length}
JSONPath definitions ([engine/definitions.ts](engine/definitions.ts)), with the same mocked Task behaviour; then the peak memory of a
Map over ${report.memory.items.toLocaleString('en')} items. **Measured on a shared machine** (other work running on the same 2 cores; see the
load average): the ratios move from run to run, and the figures are to be re-measured on a quiet machine.
${report.quick ? '\n**QUICK run** (`--quick`): fewer runs, rough figures.\n' : ''}
| | |
|---|---|
| date | ${report.date} |
| load average (1 min) at start / end of this section | ${report.loadAtStart} / ${report.loadAtEnd} |
| Node | ${report.node} |
| stepwright commit | ${report.commit} (run from its build, dist/engine) |
| aws-local-stepfunctions | ${report.awsLocalVersion} (its published Node ESM build)${polyfills.length ? `; it declares Node ≥ 22, so on ${report.node} its worker installs the standard \`${polyfills.join('`, `')}\` first (its only Node 22 API)` : ''} |

${table}

Transitions are counted as AWS bills them: every state entered, plus every retry. Transitions / s = transitions per run ÷ median
wall time of one run. Ratio > 1× means stepwright is faster. ${below.length === 0 ? `**Every definition meets the ≥ 10× aim.**` : `**The ≥ 10× aim is not met** on ${below.map((r) => `${r.c.key} (${fmtRatio(ratioOf(r))})`).join(', ')}${below.length === report.rows.length ? ', i.e. on every definition' : ''}. Where stepwright's time goes (a CPU profile of the same definitions): [README.md](README.md#where-the-executors-time-goes).`}
Range of ratios on this run: ${fmtRatio(Math.min(...ratios))} – ${fmtRatio(Math.max(...ratios))}.

The definitions:

${report.rows.map((row) => `- **${row.c.title}** (${row.c.transitions.toLocaleString('en')} transitions, run by stepwright as ${row.c.type}): ${row.c.shape}.`).join('\n')}

**Same work, checked before timing.** Each worker's first execution (untimed) is compared with the expected output
(computed in plain code in definitions.ts, independently of both executors), and its transitions are counted from what the
executor itself reports: stepwright from its history (\`*StateEntered\` events, plus Lambda calls beyond one per Task state
entered), aws-local-stepfunctions from its event log (\`StateEntered\` and \`StateRetried\` events). On this run both
executors produced the expected output on all ${report.rows.length} definitions, the same output as each other (sha256 of sorted-key JSON:
${hash}), and the transition counts in the table; the benchmark stops with an error if any of that fails.

**What was timed**: one whole execution, from the call to the resolved output, in a long-lived process (one per executor and
definition, so neither shares a heap or JIT with the other): after the checking run, ${s.warmup} untimed warm-up execution(s),
then at least ${s.minRuns} timed ones, continuing until ${s.minSeconds} s of timed executions (at most ${s.maxRuns}). Each run builds its
mocks afresh (the retry flow counts failures per item).

- stepwright: \`await execute(definition, input, { mocks, type })\`, \`mocks\` = one function per Task state returning
  \`{ Return: value }\` or \`{ Throw: { Error, Cause } }\`; \`type\` as listed above, so that each execution is one AWS would
  complete (a STANDARD execution stops at 25,000 history events, an EXPRESS one after five minutes). Waits and retry intervals run
  on its virtual clock (no real sleeping: each retry advances virtual time by IntervalSeconds). The timed call includes what
  \`execute\` does per call: checking the mocks against the definition, applying AWS's quotas (payload sizes, history events) and
  recording the full execution history, every event with its payloads; the payloads' JSON text is written when the history is
  first read, which the timed runs do not do (the checking run does).
- aws-local-stepfunctions: \`new StateMachine(definition)\` once per process, untimed (it validates with asl-validator:
  ${awsConstruct}), then \`await machine.run(input, { overrides }).result\` per run, with \`taskResourceLocalHandlers\`
  (async functions returning the same values, or throwing an \`Error\` whose \`name\` is the error name) and
  \`retryIntervalOverrides: { CallFlaky: 0 }\` so that retries do not sleep (0 ms skips its \`setTimeout\` entirely). Its event log is
  produced but not read during timed runs.
- An inline Map runs at most 40 iterations at once in both executors: stepwright because AWS documents that limit for inline
  Maps, aws-local-stepfunctions because 40 is its default when MaxConcurrency is absent or 0.
- First (cold-JIT) executions, not counted: stepwright ${first('stepwright')}; aws-local-stepfunctions ${first('aws-local-stepfunctions')}.

**Unfair, and to whom**: aws-local-stepfunctions' validation of the definition is outside its timed runs, while stepwright's
per-call setup is inside them (flattering to aws-local-stepfunctions). stepwright records an AWS-shaped history and applies AWS's
quotas, but writes the payloads' JSON text only when the history is read (not in timed runs); aws-local-stepfunctions builds its
own, lighter event objects. Neither executor reaches the network.

${memoryMarkdown(report.memory)}
${ENGINE_END}`;
}

/** Puts the section into results.md text: replaces the previous one, or goes before "## Reproduce" (or at the end). */
export function spliceEngineSection(markdown: string, section: string): string {
  const begin = markdown.indexOf(ENGINE_BEGIN);
  const end = markdown.indexOf(ENGINE_END);
  if (begin >= 0 && end > begin) return `${markdown.slice(0, begin)}${section}${markdown.slice(end + ENGINE_END.length)}`;
  const reproduce = markdown.indexOf('\n## Reproduce');
  if (reproduce >= 0) return `${markdown.slice(0, reproduce)}\n${section}\n${markdown.slice(reproduce)}`;
  return `${markdown.trimEnd()}\n\n${section}\n`;
}
