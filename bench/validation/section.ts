/**
 * The validation benchmark (issue 9): stepwright's `validateDefinition(d, { remember: false })` vs
 * asl-validator's exported function, in-process, over AWS's workflow samples (the workflows-collection
 * corpus), each tool in its own child process (bench/lib/worker.ts); and one call each on Parallel
 * states nested deeper and deeper, where asl-validator's time doubles per level.
 * Used by bench/run.ts (whole run, or `--only validation`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { summarize } from '../lib/timing.js';
import type { WorkerResult } from '../lib/worker.js';

export const VALIDATION_BEGIN = '<!-- validation:begin (bench/validation/section.ts writes this section; `npx tsx bench/run.ts --only validation` rewrites it alone) -->';
export const VALIDATION_END = '<!-- validation:end -->';

/** Nesting depths timed, per tool: asl-validator's doubling makes deeper levels take minutes. */
export const NESTING = { stepwright: [10, 14, 18, 40], 'asl-validator': [10, 14, 18] } as const;

export interface ValidationReport {
  date: string;
  quick: boolean;
  node: string;
  commit: string;
  nproc: number;
  loadAtStart: string;
  loadAtEnd: string;
  aslValidatorVersion: string;
  corpusCount: number;
  stepwright: WorkerResult;
  aslValidator: WorkerResult;
  nesting: { stepwright: Record<string, number>; 'asl-validator': Record<string, number> };
}

/** tsx from bench/node_modules when `npm --prefix bench ci` ran, else the package's own. */
export function tsxBin(bench: string, root: string): string {
  const own = join(bench, 'node_modules', '.bin', 'tsx');
  return existsSync(own) ? own : join(root, 'node_modules', '.bin', 'tsx');
}

function worker(bench: string, root: string, args: string[]): WorkerResult {
  const result = spawnSync(tsxBin(bench, root), [join(bench, 'lib', 'worker.ts'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 30 * 60 * 1000 });
  if (result.status !== 0) throw new Error(`validation benchmark: ${args[0]} failed (exit ${result.status ?? result.signal}):\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as WorkerResult;
}

export function runValidationBench(o: { bench: string; root: string; corpusDir: string; corpusCount: number; quick: boolean; commit: string; log: (line: string) => void }): ValidationReport {
  const runs = o.quick ? { runs: 3, warmup: 1 } : { runs: 7, warmup: 2 };
  const loadAtStart = loadavg()[0]!.toFixed(2);
  o.log(`  stepwright validateDefinition(d, { remember: false }) over ${o.corpusCount} definitions, ${runs.runs} runs...`);
  const stepwright = worker(o.bench, o.root, ['validate-stepwright', String(runs.runs), String(runs.warmup), o.corpusDir]);
  o.log(`  asl-validator's function over the same definitions, ${runs.runs} runs...`);
  const aslValidator = worker(o.bench, o.root, ['validate-asl-validator', String(runs.runs), String(runs.warmup), o.corpusDir]);
  o.log(`  nested Parallel states: stepwright at depths ${NESTING.stepwright.join(', ')}; asl-validator at ${NESTING['asl-validator'].join(', ')}...`);
  const nesting = {
    stepwright: worker(o.bench, o.root, ['nesting-stepwright', NESTING.stepwright.join(',')]).facts as Record<string, number>,
    'asl-validator': worker(o.bench, o.root, ['nesting-asl-validator', NESTING['asl-validator'].join(',')]).facts as Record<string, number>,
  };
  const resolveFrom = createRequire(join(o.bench, 'lib', 'worker.ts'));
  const aslValidatorVersion = (JSON.parse(readFileSync(resolveFrom.resolve('asl-validator/package.json'), 'utf8')) as { version: string }).version;
  return {
    date: new Date().toISOString(),
    quick: o.quick,
    node: process.version,
    commit: o.commit,
    nproc: cpus().length,
    loadAtStart,
    loadAtEnd: loadavg()[0]!.toFixed(2),
    aslValidatorVersion,
    corpusCount: o.corpusCount,
    stepwright,
    aslValidator,
    nesting,
  };
}

const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : v >= 10 ? `${v.toFixed(0)} ms` : `${v.toFixed(2)} ms`);

export function validationRatio(r: ValidationReport): number {
  return summarize(r.aslValidator.samplesMs).median / summarize(r.stepwright.samplesMs).median;
}

export function validationConsole(r: ValidationReport): string {
  const sw = summarize(r.stepwright.samplesMs);
  const asl = summarize(r.aslValidator.samplesMs);
  return [
    `  stepwright validateDefinition (uncached)   ${ms(sw.median)} for ${r.corpusCount} definitions (${ms(sw.min)} – ${ms(sw.max)})`,
    `  asl-validator function                     ${ms(asl.median)} (${ms(asl.min)} – ${ms(asl.max)})`,
    `  ratio asl-validator ÷ stepwright           ${validationRatio(r).toFixed(0)}×  (target: at least 50×)`,
    `  nested Parallel, one call: ${Object.entries(r.nesting.stepwright).map(([d, t]) => `stepwright ${d} ${ms(t)}`).join(', ')}; ${Object.entries(r.nesting['asl-validator']).map(([d, t]) => `asl-validator ${d} ${ms(t)}`).join(', ')}`,
  ].join('\n');
}

export function validationMarkdown(r: ValidationReport): string {
  const sw = summarize(r.stepwright.samplesMs);
  const asl = summarize(r.aslValidator.samplesMs);
  const depths = [...new Set([...NESTING.stepwright, ...NESTING['asl-validator']])].sort((a, b) => a - b);
  return `${VALIDATION_BEGIN}
## Validation: stepwright vs asl-validator, in-process

${r.date}, Node ${r.node}, commit ${r.commit}, asl-validator ${r.aslValidatorVersion}, ${r.nproc} cores, load average (1 min) ${r.loadAtStart} at start, ${r.loadAtEnd} at end${r.quick ? ', QUICK run (fewer repetitions)' : ''}.
**Measured on a shared machine** (other work running beside it): the absolute times are noisy; the ratio, both tools
measured in the same run, is the figure to read. Rerun on a quiet machine with \`npx tsx bench/run.ts --only validation\`.

Each tool in its own process; the ${r.corpusCount} workflows-collection definitions (substitutions applied) parsed before the clock
starts; a run is one pass over all of them. stepwright: \`validateDefinition(d, { remember: false })\`, so no answer comes
from its cache; asl-validator's schemas run as standalone code Ajv generated ahead of time (scripts/schema-validators.ts),
so nothing is compiled on the first call, and what a process keeps from one pass to the next is the parsed JSONata
expressions and paths (the executor's parse caches, which validation shares). asl-validator: its
exported function with \`checkPaths\` and \`checkArn\` on, each call on a fresh copy made before the clock starts (it writes
into the definition it is given). The first pass of a fresh process, which pays for everything once, is shown apart.

| what | first pass (fresh process) | median pass | min – max | per definition (median) | runs |
|---|---|---|---|---|---|
| **stepwright** \`validateDefinition(d, { remember: false })\` | ${ms(r.stepwright.firstMs)} | ${ms(sw.median)} | ${ms(sw.min)} – ${ms(sw.max)} | ${ms(sw.median / r.corpusCount)} | ${r.stepwright.samplesMs.length} passes after ${r.quick ? 1 : 2} warm-up |
| asl-validator \`validator(d, { checkPaths: true, checkArn: true })\` | ${ms(r.aslValidator.firstMs)} | ${ms(asl.median)} | ${ms(asl.min)} – ${ms(asl.max)} | ${ms(asl.median / r.corpusCount)} | ${r.aslValidator.samplesMs.length} passes after ${r.quick ? 1 : 2} warm-up |

**asl-validator ÷ stepwright: ${validationRatio(r).toFixed(0)}×** per pass (target: at least 50×); first pass of a fresh process: ${(r.aslValidator.firstMs / r.stepwright.firstMs).toFixed(0)}×. Outcomes: stepwright finds ${r.stepwright.facts.valid} valid,
${r.stepwright.facts.invalid} invalid; asl-validator ${r.aslValidator.facts.valid} valid, ${r.aslValidator.facts.invalid} invalid, and throws on ${r.aslValidator.facts.threw}.

Parallel states nested *n* levels (each level a Parallel with two branches, one of which holds the next level), one call
each after one warm-up call on a small definition:

| depth | ${depths.join(' | ')} |
|---|${depths.map(() => '---').join('|')}|
| stepwright | ${depths.map((d) => (r.nesting.stepwright[`depth ${d}`] !== undefined ? ms(r.nesting.stepwright[`depth ${d}`]!) : '')).join(' | ')} |
| asl-validator | ${depths.map((d) => (r.nesting['asl-validator'][`depth ${d}`] !== undefined ? ms(r.nesting['asl-validator'][`depth ${d}`]!) : 'not run: minutes')).join(' | ')} |
${VALIDATION_END}`;
}

export function spliceValidationSection(markdown: string, section: string): string {
  const begin = markdown.indexOf(VALIDATION_BEGIN);
  const end = markdown.indexOf(VALIDATION_END);
  if (begin >= 0 && end > begin) return `${markdown.slice(0, begin)}${section}${markdown.slice(end + VALIDATION_END.length)}`;
  const anchor = markdown.indexOf('\n<!-- engine:begin');
  if (anchor >= 0) return `${markdown.slice(0, anchor)}\n${section}\n${markdown.slice(anchor)}`;
  return `${markdown.trimEnd()}\n\n${section}\n`;
}
