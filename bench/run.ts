/**
 * stepwright's benchmarks, side by side with what a user would pick instead (issue 2):
 *
 *   1. build: `stepwright build` of workflows/*.ts vs `cdk synth` of the same four state machines
 *      written with aws-cdk-lib (bench/cdk-app): cold processes, and warm in-process calls.
 *   2. validation: validateDefinition() over the 106 definitions of the workflows-collection
 *      corpus vs asl-validator (its CLI once per file, as a CI step does; its CLI once for all
 *      files; its function in-process).
 *   3. executor (issue 3): transitions per second of stepwright's execute() vs aws-local-stepfunctions
 *      on the same JSONPath definitions, and its peak memory on a Map of 100,000 items (bench/engine).
 *   4. validation in-process (issue 9): validateDefinition(d, { remember: false }) vs asl-validator's
 *      function on the same corpus, and on nested Parallel states (bench/validation).
 *
 * Run from the repository root: `npm run bench` (add `-- --quick` for a short, rougher run;
 * `-- --only engine` for the executor benchmark alone, ~40 s, which rewrites only its section;
 * `-- --only validation` for the in-process validation benchmark alone, ~1 min, which needs
 * nothing beyond the package's own dependencies and rewrites only its section).
 * Prints a table and writes bench/results.md. Not part of `npm test`: a benchmark is not a test.
 */
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildConsole, buildMarkdown, runBuildBench, spliceBuildSection } from './build/section.js';
import { engineConsole, engineMarkdown, runEngineBench, spliceEngineSection } from './engine/section.js';
import { runValidationBench, spliceValidationSection, validationConsole, validationMarkdown, validationRatio } from './validation/section.js';
import { definitionsOfTemplate, differences } from './lib/compare.js';
import { checkCommand, hyperfineVersion, summarize, timeCommand, type CommandSpec, type CommandTiming } from './lib/timing.js';
import type { WorkerResult } from './lib/worker.js';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH);
const CORPUS = join(ROOT, '..', 'shared', 'conformance', 'workflows-collection', 'definitions');
const quick = process.argv.includes('--quick');
/** `--only engine` / `--only validation` (or `--only=...`): one benchmark alone. */
const only = ((): string | undefined => {
  const i = process.argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (i < 0) return undefined;
  const arg = process.argv[i]!;
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : process.argv[i + 1];
  if (value !== 'engine' && value !== 'validation' && value !== 'build') {
    process.stderr.write(`--only takes one value: engine (the executor benchmark alone), validation (in-process validation alone) or build (cold builds, growth per workflow, --typecheck); got ${value === undefined ? 'nothing' : `"${value}"`}\n`);
    process.exit(1);
  }
  return value;
})();

/** Runs per measurement; --quick trades precision for time. */
const RUNS = quick
  ? { cold: 3, coldWarmup: 1, perFileLoop: 1, allFiles: 2, build: 10, compile: 100, validate: 2, validateWarmup: 1 }
  : { cold: 10, coldWarmup: 1, perFileLoop: 3, allFiles: 5, build: 30, compile: 500, validate: 5, validateWarmup: 1 };

const log = (line = '') => process.stdout.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------
// Setup: the benchmark's own dependencies, a built CLI, hyperfine, the corpus.

function ensureBenchDependencies(): void {
  const needed = only === 'engine' ? ['aws-local-stepfunctions', 'tsx'] : only === 'build' ? ['aws-cdk-lib', 'aws-cdk', 'constructs', 'tsx'] : ['aws-cdk-lib', 'aws-cdk', 'constructs', 'asl-validator', 'aws-local-stepfunctions', 'tsx'];
  const missing = needed.filter((name) => !existsSync(join(BENCH, 'node_modules', name, 'package.json')));
  if (missing.length === 0) return;
  log(`The benchmark's own dependencies are not installed (missing: ${missing.join(', ')}).`);
  log('Installing them now with `npm --prefix bench ci` (they live in bench/node_modules, not in the package)...');
  const result = spawnSync('npm', ['--prefix', BENCH, 'ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    log('\n`npm --prefix bench ci` failed. Run it yourself, fix what it reports, then `npm run bench` again.');
    process.exit(1);
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function ensureBuiltCli(): void {
  const main = join(ROOT, 'dist', 'cli', 'main.js');
  if (existsSync(main) && statSync(main).mtimeMs >= newestMtime(join(ROOT, 'src'))) return;
  log(existsSync(main) ? 'dist/ is older than src/: running `npm run build` first...' : 'dist/cli/main.js is missing: running `npm run build` first...');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (!existsSync(main)) {
    log('`npm run build` failed and there is no dist/cli/main.js; the cold-process figures need the built CLI.');
    process.exit(1);
  }
  if (result.status !== 0) log('`npm run build` reported errors (tsc still wrote dist/); measuring dist/ as it stands.\n');
}

/** The corpus as plain .json definition files, substitutions applied (what a CI step would validate). */
function writeCorpus(into: string): number {
  mkdirSync(into, { recursive: true });
  const files = readdirSync(CORPUS).filter((f) => f.endsWith('.json')).sort();
  for (const file of files) {
    const entry = JSON.parse(readFileSync(join(CORPUS, file), 'utf8')) as { definition: unknown; substitutions?: Record<string, string> };
    let text = JSON.stringify(entry.definition, null, 2);
    for (const [placeholder, value] of Object.entries(entry.substitutions ?? {})) {
      text = text.split(placeholder).join(JSON.stringify(value).slice(1, -1));
    }
    writeFileSync(join(into, file.replace(/(\.json)+$/, '.json')), text);
  }
  return files.length;
}

function version(path: string): string {
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

function git(args: string): string {
  try {
    return execSync(`git ${args}`, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------------------------------------
// Measurements.

function inProcess(task: string, runs: number, warmup: number, corpusDir?: string): WorkerResult {
  const tsx = join(BENCH, 'node_modules', '.bin', 'tsx');
  const args = [join(BENCH, 'lib', 'worker.ts'), task, String(runs), String(warmup), ...(corpusDir ? [corpusDir] : [])];
  const result = spawnSync(tsx, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`in-process task ${task} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as WorkerResult;
}

interface Row {
  what: string;
  how: string;
  runs: string;
  median: number; // seconds
  min: number;
  max: number;
  extra?: string;
}

const fmt = (seconds: number): string => (seconds >= 10 ? `${seconds.toFixed(1)} s` : seconds >= 1 ? `${seconds.toFixed(2)} s` : seconds >= 0.01 ? `${(seconds * 1000).toFixed(0)} ms` : `${(seconds * 1000).toFixed(2)} ms`);
const ratio = (a: number, b: number): string => `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×`;

function commandRow(t: CommandTiming, what: string, extra?: string): Row {
  return { what, how: `\`${t.command.replace(/\s+/g, ' ')}\``, runs: `${t.runs} (+${t.warmup} warm-up), ${t.tool}`, median: t.median, min: t.min, max: t.max, extra };
}

function workerRow(r: WorkerResult, what: string, how: string, extra?: string): Row {
  const s = summarize(r.samplesMs.map((ms) => ms / 1000));
  return { what, how, runs: `${r.samplesMs.length} calls in 1 process (first call ${fmt(r.firstMs / 1000)} not counted)`, median: s.median, min: s.min, max: s.max, extra };
}

function markdownTable(rows: Row[], extraHeader?: string): string {
  const head = ['what', 'median', 'min – max', ...(extraHeader ? [extraHeader] : []), 'command / call', 'runs'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${[r.what, fmt(r.median), `${fmt(r.min)} – ${fmt(r.max)}`, ...(extraHeader ? [r.extra ?? ''] : []), r.how, r.runs].join(' | ')} |`);
  return lines.join('\n');
}

function consoleTable(rows: Row[]): string {
  const cells = rows.map((r) => [r.what, fmt(r.median), `${fmt(r.min)} – ${fmt(r.max)}`, r.extra ?? '']);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...cells.map((c) => c[i]!.length)));
  return cells.map((c) => `  ${c.map((cell, i) => (i === 0 || i === 3 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('   ')}`).join('\n');
}

// ---------------------------------------------------------------------------------------------

function commitLabel(): string {
  return `${git('rev-parse --short HEAD')}${git('status --porcelain -- src workflows') ? ' (with uncommitted changes in src/ or workflows/)' : ''}`;
}

/** `--only engine`: the executor benchmark alone; rewrites its section of results.md and leaves the rest. */
function mainEngineOnly(): void {
  ensureBenchDependencies();
  ensureBuiltCli(); // the executor is timed from dist/engine, as an installed package runs it
  log(`stepwright executor benchmark — ${new Date().toISOString()}, Node ${process.version}, commit ${commitLabel()}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  log(`${quick ? 'QUICK run: fewer repetitions, rougher figures.' : ''}`);
  log('Executor: stepwright vs aws-local-stepfunctions (each executor and definition in its own process)...');
  const report = runEngineBench({ bench: BENCH, root: ROOT, quick, commit: commitLabel(), log });
  log('\nExecutor, median per run (transitions / second), ratio = aws-local-stepfunctions time ÷ stepwright time:');
  log(engineConsole(report));
  const path = join(BENCH, 'results.md');
  const before = existsSync(path) ? readFileSync(path, 'utf8') : '# stepwright benchmarks\n';
  writeFileSync(path, spliceEngineSection(before, engineMarkdown(report)));
  log(`\nWrote the executor section of ${relative(process.cwd(), path)} (the other sections are left as they were).`);
}

/** `--only validation`: in-process validation alone; rewrites its section of results.md and leaves the rest. */
function mainValidationOnly(): void {
  log(`stepwright validation benchmark — ${new Date().toISOString()}, Node ${process.version}, commit ${commitLabel()}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  log(`${quick ? 'QUICK run: fewer repetitions, rougher figures.' : ''}`);
  const tmp = mkdtempSync(join(tmpdir(), 'stepwright-bench-'));
  process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
  const corpusDir = join(tmp, 'corpus');
  const corpusCount = writeCorpus(corpusDir);
  const report = runValidationBench({ bench: BENCH, root: ROOT, corpusDir, corpusCount, quick, commit: commitLabel(), log });
  log('\nValidation of the workflows-collection corpus, in-process:');
  log(validationConsole(report));
  const path = join(BENCH, 'results.md');
  const before = existsSync(path) ? readFileSync(path, 'utf8') : '# stepwright benchmarks\n';
  writeFileSync(path, spliceValidationSection(before, validationMarkdown(report)));
  log(`\nWrote the validation section of ${relative(process.cwd(), path)} (the other sections are left as they were).`);
}

/** `--only build`: cold builds against cdk synth, growth per workflow, --typecheck; rewrites only its section of results.md. */
function mainBuildOnly(): void {
  ensureBenchDependencies();
  ensureBuiltCli();
  log(`stepwright build benchmark — ${new Date().toISOString()}, Node ${process.version}, commit ${commitLabel()}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const report = runBuildBench({ root: ROOT, bench: BENCH, quick, commit: commitLabel(), hyperfine: !!hyperfineVersion(), log });
  log(`\n${buildConsole(report)}`);
  const path = join(BENCH, 'results.md');
  const before = existsSync(path) ? readFileSync(path, 'utf8') : '# stepwright benchmarks\n';
  writeFileSync(path, spliceBuildSection(before, buildMarkdown(report)));
  log(`\nWrote the build section of ${relative(process.cwd(), path)} (the other sections are left as they were).`);
}

async function main(): Promise<void> {
  if (only === 'engine') return mainEngineOnly();
  if (only === 'validation') return mainValidationOnly();
  if (only === 'build') return mainBuildOnly();
  ensureBenchDependencies();
  ensureBuiltCli();
  const hyperfine = hyperfineVersion();
  if (!hyperfine) {
    log('hyperfine is not installed (on Debian/Ubuntu: `apt-get install -y hyperfine`; or `cargo install hyperfine`).');
    log('Timing the cold processes with a Node loop instead: spawnSync + performance.now(), same runs and warm-up,');
    log('which adds the cost of spawning `sh -c` (a few ms) to every figure and computes no shell-overhead correction.\n');
  }
  const tmp = mkdtempSync(join(tmpdir(), 'stepwright-bench-'));
  process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
  const corpusDir = join(tmp, 'corpus');
  const corpusCount = writeCorpus(corpusDir);
  const corpusFiles = readdirSync(corpusDir).sort().map((f) => join(corpusDir, f));
  const cdkApp = join(BENCH, 'cdk-app');
  const swOut = join(tmp, 'stepwright-out');
  const cdkOut = join(tmp, 'cdk.out');

  const loadAtStart = loadavg()[0]!.toFixed(2);
  const machine = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    nproc: execSync('nproc', { encoding: 'utf8' }).trim(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    commit: commitLabel(),
    hyperfine: hyperfine ?? 'not installed (Node loop used)',
    awsCdkLib: version(join(BENCH, 'node_modules', 'aws-cdk-lib', 'package.json')),
    awsCdk: version(join(BENCH, 'node_modules', 'aws-cdk', 'package.json')),
    aslValidator: version(join(BENCH, 'node_modules', 'asl-validator', 'package.json')),
    aslValidatorOfStepwright: version(join(ROOT, 'node_modules', 'asl-validator', 'package.json')),
    tsx: version(join(BENCH, 'node_modules', 'tsx', 'package.json')),
  };
  log(`stepwright benchmarks — ${machine.date}, ${machine.nproc} cores (${machine.cpu}), Node ${machine.node}, commit ${machine.commit}`);
  log(`${quick ? 'QUICK run: fewer repetitions, rougher figures.' : ''}`);

  const hasNpxStepwright = existsSync(join(ROOT, 'node_modules', '.bin', 'stepwright'));
  const cold = (name: string, command: string, cwd: string, out: string, runs = RUNS.cold): CommandSpec => ({ name, command, cwd, runs, warmup: RUNS.coldWarmup, prepare: `rm -rf '${out}'` });

  // 1. Build, cold processes.
  // The four workflows named, so that build writes their ASL only, as cdk synth writes their template;
  // a bare `build` also compiles schedules/*.yaml into Scheduler and EventBridge inputs (timed too).
  const workflowFiles = ['ingest', 'pipeline', 'train', 'transform'].map((n) => `workflows/${n}.ts`).join(' ');
  const buildSpecs = {
    dist: cold('stepwright build (node dist)', `node dist/cli/main.js build --quiet --out '${swOut}' ${workflowFiles}`, ROOT, swOut),
    npxStepwright: hasNpxStepwright ? cold('stepwright build (npx)', `npx stepwright build --quiet --out '${swOut}' ${workflowFiles}`, ROOT, swOut) : undefined,
    tsx: cold('stepwright build (tsx src)', `npx tsx src/cli/main.ts build --quiet --out '${swOut}' ${workflowFiles}`, ROOT, swOut),
    everything: cold('stepwright build, everything', `node dist/cli/main.js build --quiet --out '${swOut}'`, ROOT, swOut),
    npxCdk: cold('cdk synth (npx)', `npx cdk synth --quiet --no-notices --output '${cdkOut}'`, cdkApp, cdkOut),
    nodeCdk: cold('cdk synth (node)', `node ../node_modules/aws-cdk/bin/cdk synth --quiet --no-notices --output '${cdkOut}'`, cdkApp, cdkOut),
  };
  log('\n[1/5] Checking that each build command works, and comparing their state machines...');
  checkCommand(buildSpecs.dist);
  checkCommand(buildSpecs.npxCdk);
  const ours = Object.fromEntries(readdirSync(join(swOut, 'asl')).map((f) => [basename(f, '.asl.json'), JSON.parse(readFileSync(join(swOut, 'asl', f), 'utf8'))]));
  const template = JSON.parse(readFileSync(join(cdkOut, 'FraudPlatform.template.json'), 'utf8'));
  const theirs = definitionsOfTemplate(template);
  const fidelity = Object.keys(ours).sort().map((name) => ({ name, states: Object.keys((ours[name] as { States: object }).States).length, diffs: name in theirs ? differences(ours[name], theirs[name]) : ['missing from the CDK app'] }));
  const cfnResources = Object.values(template.Resources as Record<string, { Type: string }>).map((r) => r.Type);
  for (const f of fidelity) log(`  ${f.name}: ${f.diffs.length === 0 ? 'identical' : `${f.diffs.length} differing fields`}`);

  log('[1/5] Timing the build commands as cold processes...');
  const buildCold: Record<string, CommandTiming> = {};
  for (const [key, spec] of Object.entries(buildSpecs)) {
    if (!spec) continue;
    process.stdout.write(`  ${spec.name}... `);
    buildCold[key] = timeCommand(spec, tmp, !!hyperfine);
    log(fmt(buildCold[key]!.median));
  }

  // 2. Build, warm in-process.
  log('[2/5] Timing the builds in-process (warm)...');
  const swBuild = inProcess('stepwright-build', RUNS.build, 5);
  const swCompile = inProcess('stepwright-compile', RUNS.compile, 50);
  const cdkSynth = inProcess('cdk-synth', RUNS.build, 5);

  // 3. Validation in-process.
  log(`[3/5] Validating the ${corpusCount} corpus definitions in-process (warm)...`);
  const valSw = inProcess('validate-stepwright', RUNS.validate, RUNS.validateWarmup, corpusDir);
  const valAsl = inProcess('validate-asl-validator', RUNS.validate, RUNS.validateWarmup, corpusDir);

  // 4. Validation as processes.
  log('[4/5] Validating the corpus with the CLIs (cold processes)...');
  const loopScript = (launcher: string) => {
    const path = join(tmp, `per-file-${launcher.split(' ')[0]}.sh`);
    // One process per definition, as `npx asl-validator --json-path file` in a CI loop; invalid files exit 1, which is fine.
    writeFileSync(path, `for f in '${corpusDir}'/*.json; do ${launcher} --json-path "$f" >/dev/null 2>&1; done; true\n`);
    return path;
  };
  const aslBin = join(BENCH, 'node_modules', 'asl-validator', 'dist', 'bin', 'asl-validator.js');
  const fileArgs = corpusFiles.map((f) => `'${f}'`).join(' ');
  const validationSpecs: Record<string, CommandSpec> = {
    perFileNpx: { name: 'asl-validator CLI per file (npx)', command: `bash '${loopScript('npx asl-validator')}'`, cwd: BENCH, runs: RUNS.perFileLoop, warmup: 0 },
    perFileNode: { name: 'asl-validator CLI per file (node)', command: `bash '${loopScript(`node '${aslBin}'`)}'`, cwd: BENCH, runs: RUNS.perFileLoop, warmup: 0 },
    allAsl: { name: 'asl-validator CLI, all files', command: `node '${aslBin}' ${corpusFiles.map((f) => `--json-path '${f}'`).join(' ')}`, cwd: BENCH, runs: RUNS.allFiles, warmup: 1, okExitCodes: [0, 1, 2] },
    allStepwright: { name: 'stepwright validate, all files', command: `node dist/cli/main.js validate ${fileArgs}`, cwd: ROOT, runs: RUNS.allFiles, warmup: 1, okExitCodes: [0, 1] },
  };
  // The per-file loops are only checked on one file (each loop is a minute); that file must pass.
  checkCommand({ ...validationSpecs.perFileNpx!, command: `npx asl-validator --json-path '${corpusFiles[0]}'`, okExitCodes: [0, 1] });
  checkCommand(validationSpecs.allAsl!);
  checkCommand(validationSpecs.allStepwright!);
  const validationCold: Record<string, CommandTiming> = {};
  for (const [key, spec] of Object.entries(validationSpecs)) {
    process.stdout.write(`  ${spec.name}... `);
    validationCold[key] = timeCommand(spec, tmp, !!hyperfine);
    log(fmt(validationCold[key]!.median));
  }

  // The speed issue's build figures: cold build vs cdk synth, growth per workflow, --typecheck.
  log('[4b/5] Build speed: growth per workflow and --typecheck...');
  const buildSpeed = runBuildBench({ root: ROOT, bench: BENCH, quick, commit: machine.commit, hyperfine: !!hyperfine, log });

  // 5. Executor.
  log('[5/5] Executor: stepwright vs aws-local-stepfunctions (each executor and definition in its own process)...');
  const engine = runEngineBench({ bench: BENCH, root: ROOT, quick, commit: machine.commit, log });
  log('Validation in-process, with nested Parallel states (bench/validation)...');
  const validation = runValidationBench({ bench: BENCH, root: ROOT, corpusDir, corpusCount, quick, commit: machine.commit, log });

  // ---------------------------------------------------------------------------------------------
  // Report.
  const b = buildCold;
  const med = (r: WorkerResult) => summarize(r.samplesMs.map((ms) => ms / 1000)).median;
  const buildColdRows: Row[] = [
    commandRow(b.dist!, '**stepwright build** (built CLI)'),
    ...(b.npxStepwright ? [commandRow(b.npxStepwright, 'stepwright build via npx')] : []),
    commandRow(b.tsx!, 'stepwright build via tsx (no build step)'),
    commandRow(b.everything!, 'stepwright build, no arguments: also schedules/*.yaml → schedules, rules, slot starter'),
    commandRow(b.npxCdk!, '**cdk synth** via npx'),
    commandRow(b.nodeCdk!, 'cdk synth, CLI run with node (no npx)'),
  ];
  const buildWarmRows: Row[] = [
    workerRow(swBuild, '**stepwright** `buildDefinition()` ×4 (compile + validate)', 'for each workflow: `toAslJson(buildDefinition(workflow))`'),
    workerRow(swCompile, 'stepwright `compile()` ×4 only (no validation)', 'for each workflow: `toAslJson(compile(workflow))`'),
    workerRow(cdkSynth, '**CDK** construct the stack + `app.synth()`', '`new App({ outdir }); defineStack(app); app.synth()`'),
  ];
  const perSecond = (seconds: number) => `${(corpusCount / seconds).toFixed(1)} /s`;
  const v = validationCold;
  const validationRows: Row[] = [
    { ...workerRow(valSw, '**stepwright** `validateDefinition()`, in-process', 'for each definition: `validateDefinition(d)`'), extra: perSecond(med(valSw)) },
    { ...workerRow(valAsl, 'asl-validator function, in-process', 'for each definition: `aslValidator(d, { checkPaths: true, checkArn: true })`'), extra: perSecond(med(valAsl)) },
    { ...commandRow(v.perFileNpx!, '**asl-validator CLI once per file** via npx (a CI loop)'), how: '`npx asl-validator --json-path $f` for each of the files', extra: perSecond(v.perFileNpx!.median) },
    { ...commandRow(v.perFileNode!, 'asl-validator CLI once per file, run with node'), how: '`node node_modules/asl-validator/dist/bin/asl-validator.js --json-path $f` for each', extra: perSecond(v.perFileNode!.median) },
    { ...commandRow(v.allAsl!, 'asl-validator CLI once for all files'), how: '`node …/asl-validator.js --json-path f1 … --json-path f106`', extra: perSecond(v.allAsl!.median) },
    { ...commandRow(v.allStepwright!, 'stepwright validate CLI once for all files'), how: '`node dist/cli/main.js validate f1 … f106`', extra: perSecond(v.allStepwright!.median) },
  ];

  const ratios = [
    ['cold: `npx cdk synth` ÷ `node dist/cli/main.js build`', ratio(b.npxCdk!.median, b.dist!.median)],
    ...(b.npxStepwright ? [['cold, both via npx: `npx cdk synth` ÷ `npx stepwright build`', ratio(b.npxCdk!.median, b.npxStepwright.median)]] : []),
    ['cold, both without npx: `node …/cdk synth` ÷ `node dist/cli/main.js build`', ratio(b.nodeCdk!.median, b.dist!.median)],
    ['warm in-process: CDK construct + synth ÷ stepwright `buildDefinition()` ×4', ratio(med(cdkSynth), med(swBuild))],
    ['warm in-process: CDK construct + synth ÷ stepwright `compile()` ×4 (no validation)', ratio(med(cdkSynth), med(swCompile))],
    ['warm in-process: stepwright validation share of `buildDefinition()`', `${(((med(swBuild) - med(swCompile)) / med(swBuild)) * 100).toFixed(1)} %`],
    [`corpus: asl-validator CLI per file via npx ÷ stepwright \`validateDefinition()\` in-process`, ratio(v.perFileNpx!.median, med(valSw))],
    [`corpus: asl-validator CLI per file via node ÷ stepwright \`validateDefinition()\` in-process`, ratio(v.perFileNode!.median, med(valSw))],
    ['corpus: asl-validator function ÷ stepwright `validateDefinition(d, { remember: false })`, both in-process (target: at least 50×)', `${validationRatio(validation).toFixed(0)}×`],
    ['corpus: `asl-validator` CLI ÷ `stepwright validate`, each one process for all files', ratio(v.allAsl!.median, v.allStepwright!.median)],
  ];

  log('\nBuild, cold processes (wall time of the whole command):');
  log(consoleTable(buildColdRows));
  log('\nBuild, warm in-process (median per call):');
  log(consoleTable(buildWarmRows));
  log(`\nValidation of the ${corpusCount} workflows-collection definitions (time for all of them; definitions/second):`);
  log(consoleTable(validationRows));
  log('\nRatios (> 1× means stepwright is faster, except where the line says otherwise):');
  for (const [what, value] of ratios) log(`  ${value!.padStart(7)}  ${what!.replace(/`/g, '')}`);
  log('\nExecutor, median per run (transitions / second), ratio = aws-local-stepfunctions time ÷ stepwright time:');
  log(engineConsole(engine));

  const cdkOnly = [...new Set(cfnResources)].filter((t) => t !== 'AWS::StepFunctions::StateMachine');
  const md = `# stepwright benchmarks

Written by \`npm run bench\` (bench/run.ts)${quick ? ' with `--quick` (fewer repetitions: rough figures)' : ''}. Issue 2: \`stepwright build\` side by side with
\`cdk synth\` of the same state machines (bench/cdk-app), and validation of the workflows-collection
corpus side by side with asl-validator. Issue 3: the embedded executor side by side with aws-local-stepfunctions
([below](#executor-stepwright-vs-aws-local-stepfunctions); \`npx tsx bench/run.ts --only engine\` rewrites that section alone).

## Machine

| | |
|---|---|
| date | ${machine.date} |
| cores (nproc) | ${machine.nproc} (${machine.cpu}) |
| memory | ${machine.memory} |
| Node | ${machine.node} |
| stepwright commit | ${machine.commit} |
| aws-cdk-lib / aws-cdk (CLI) / constructs | ${machine.awsCdkLib} / ${machine.awsCdk} / ${version(join(BENCH, 'node_modules', 'constructs', 'package.json'))} |
| asl-validator (benchmark / stepwright's) | ${machine.aslValidator} / ${machine.aslValidatorOfStepwright} |
| tsx | ${machine.tsx} |
| cold-process timer | ${machine.hyperfine} |
| load average (1 min) at start / end | ${loadAtStart} / ${loadavg()[0]!.toFixed(2)} (other work on the machine adds noise when these are near or above the core count) |

## 1. Build: \`stepwright build\` vs \`cdk synth\` (four workflows: ingest, pipeline, train, transform)

**Cold process**: each run is a new process (Node started, modules loaded, workflows loaded, output written),
timed from outside by ${hyperfine ? 'hyperfine' : 'a Node loop'}; the output directory is deleted before each run (untimed). One untimed
warm-up run first, so the OS file cache (and tsx's transform cache) is warm: this is "a second \`build\` in a
terminal", not a first one after boot. stepwright's summary table and CDK's template printout are turned off
(\`--quiet\` for both), as in CI.

${markdownTable(buildColdRows)}

**Warm in-process**: in one long-lived process (one per tool, so neither shares a heap or JIT with the other), the
call is made once (cold JIT, not counted), then warmed up, then timed ${RUNS.build} times (compile only: ${RUNS.compile}); the median
is per call of the whole set of four.

${markdownTable(buildWarmRows)}

## 2. Validation of the workflows-collection corpus (${corpusCount} definitions)

Each corpus file's \`definition\`, with its \`substitutions\` applied (string replace of each placeholder in the JSON text),
is written once to a \`.json\` file before timing. In-process figures exclude reading and parsing those files; the CLI
figures include them (and everything else a process does). "per second" is ${corpusCount} ÷ median.

${markdownTable(validationRows, 'definitions / second')}

Outcomes on the corpus: stepwright finds ${valSw.facts.valid} valid, ${valSw.facts.invalid} invalid; asl-validator's function finds
${valAsl.facts.valid} valid, ${valAsl.facts.invalid} invalid, and **throws** on ${valAsl.facts.threw} (a TypeError inside asl-validator: it writes a default
\`QueryLanguage\` into every object under any key named \`States\`; its CLI reports that file as a program error, exit 2).
stepwright runs the same asl-validator on a copy and drops the messages its own checks say better, so the two
do not agree on every file; this benchmark measures speed, not which verdict is right.

## Ratios

| comparison | ratio |
|---|---|
${ratios.map(([what, value]) => `| ${what} | **${value}** |`).join('\n')}

A ratio of *A ÷ B* above 1× means B (stepwright, in every line) takes less time.

## How faithful the CDK app is

bench/cdk-app/stack.ts writes the four workflows with \`aws-cdk-lib/aws-stepfunctions\` and \`aws-stepfunctions-tasks\`:
same state names, same integrations (\`.sync\` patterns included), same query languages, same retriers and catchers.
On this run the definitions in the synthesized template (pseudo parameters such as \`AWS::Partition\` filled in) were
compared field by field with \`stepwright build\`'s output:

${fidelity.map((f) => `- **${f.name}** (${f.states} states): ${f.diffs.length === 0 ? 'identical' : `${f.diffs.length} field(s) differ:\n${f.diffs.map((d) => `  - \`${d}\``).join('\n')}`}`).join('\n')}

What these come from: CDK's \`RetryProps\` has no \`Comment\`; CDK's \`GlueStartJobRun\` turns a task timeout into the Glue
job's own \`Timeout\` (minutes, inside Arguments) and writes \`NotificationProperty: null\`, where stepwright puts
\`TimeoutSeconds\` on the state; stepwright's
\`glue.startCrawler\` poll loop (wait, getCrawler, choice) is written out state by state in the CDK app.

Beyond the definitions, the CDK template also holds ${cfnResources.length} CloudFormation resources: ${cdkOnly.map((t) => `${cfnResources.filter((x) => x === t).length}× \`${t}\``).join(', ')}
(an IAM role and policy per state machine, generated from the integrations, and CDK's metadata), plus tree.json
and the asset manifest in cdk.out. \`stepwright build\` writes only the four ASL files; its IAM policies come from \`deploy\`.

## What is unfair, and to whom

- **CDK synth does more output work**: IAM roles and policies and a CloudFormation template, not just ASL.
- **stepwright build does more checking**: every definition goes through asl-validator and stepwright's own
  semantic checks; CDK's synth validates the graph but runs no schema validator. The compile-only row shows that
  ${(((med(swBuild) - med(swCompile)) / med(swBuild)) * 100).toFixed(0)} % of stepwright's warm build time is validation: asl-validator's schemas (run as precompiled code) and
  semantic checks, and stepwright's own (on the corpus, asl-validator's function alone takes ${ratio(med(valAsl), med(valSw))} as long as stepwright's whole \`validateDefinition()\`).
- **Workflows load differently**: stepwright's CLI (even from dist/) loads workflows/*.ts with tsx at run time; inside this
  repository \`import 'stepwright'\` in a workflow resolves through tsconfig \`paths\` to src/, so tsx also transpiles
  stepwright's own DSL sources on each cold run (an installed stepwright would load its compiled dist/ instead).
  The CDK app is run by \`cdk synth\` as \`npx tsx app.ts\` (bench/cdk-app/cdk.json). \`cdk init\` sets up ts-node,
  which type-checks and is slower than tsx, so the CDK cold figures are, if anything, flattering to CDK.
- **In-process, what is rebuilt per call differs**: the stepwright workflow objects are built once, when their modules
  load, and each timed call compiles and validates them; the CDK call builds the construct tree and synthesizes,
  because in CDK the tree is the definition and \`synth()\` locks an App (a new App per call is the only way to repeat it).
  CDK's synth also writes its cloud assembly to a temp directory on each call; stepwright's in-process call writes nothing.
- **npx** adds a few hundred ms per process (it resolves the package before starting Node); rows with and without it
  are both shown, and the ratio lines say which pair they compare. For the per-file validation loop this is paid ${corpusCount} times.
- **Noise**: ${machine.nproc} cores, runs one after another on an otherwise idle machine (other sessions may share it); min and max are shown
  next to each median. The per-file loops (${corpusCount} processes each) ran only ${RUNS.perFileLoop} time(s) each.

${validationMarkdown(validation)}

${engineMarkdown(engine)}

## Reproduce

\`\`\`sh
npm ci                      # the package (its prepare step builds dist/)
npm --prefix bench ci       # the benchmark's own dependencies: aws-cdk-lib, aws-cdk, constructs, asl-validator, aws-local-stepfunctions, tsx
apt-get install -y hyperfine   # optional; without it a Node timing loop is used
npm run bench               # or: npm run bench -- --quick
npx tsx bench/run.ts --only engine   # the executor benchmark alone (add --quick for a rough run)
npx tsx bench/run.ts --only validation   # in-process validation alone (needs only npm ci)
\`\`\`
`;
  writeFileSync(join(BENCH, 'results.md'), spliceBuildSection(md, buildMarkdown(buildSpeed)));
  log(`\nWrote ${relative(process.cwd(), join(BENCH, 'results.md'))}.`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
