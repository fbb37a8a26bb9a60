/**
 * The build benchmark of the speed issue, as ratios measured in one run:
 *   - a cold `stepwright build` of the four examples (the built CLI, whole process) against a cold
 *     `cdk synth` of the same state machines (bench/cdk-app);
 *   - the cost of each additional workflow file: cold builds of generated projects of 5, 50 and 200
 *     workflows (each a Glue job with a Catch to SNS and a Choice: 6 states), per-file cost = slope;
 *   - what `--typecheck` adds (the project's tsc over the workflow modules), on the 5-workflow project.
 * The generated projects import `stepwright` by name from outside any node_modules, as a user's do;
 * the CLI's loader resolves it to the built library it runs (dist/). Used by bench/run.ts
 * (`--only build` runs this section alone and rewrites only its part of results.md).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { checkCommand, summarize, type CommandSpec, type CommandTiming } from '../lib/timing.js';

export const BUILD_BEGIN = '<!-- build:begin (bench/build/section.ts writes this section; `npx tsx bench/run.ts --only build` rewrites it alone) -->';
export const BUILD_END = '<!-- build:end -->';

export const SIZES = [5, 50, 200] as const;

export interface BuildReport {
  date: string;
  commit: string;
  quick: boolean;
  load: { start: string; end: string };
  examples: CommandTiming;
  cdk: CommandTiming;
  sizes: { workflows: number; timing: CommandTiming }[];
  typecheck: { without: CommandTiming; with: CommandTiming };
  tool: string;
}

function workflowSource(i: number): string {
  return `import { workflow, glue, sns, choice, expr, fail, succeed } from 'stepwright';

const alert = sns.publish('Alert', { TopicArn: 'arn:aws:sns:eu-west-1:123456789012:alerts', Message: expr('$states.input.Cause') }).next(fail('Failed'));

export default workflow('generated-${i}', {
  start: glue
    .startJobRun('Convert', { JobName: 'job-${i}', Arguments: { '--day': expr('$states.input.day') } }, { jobBookmark: 'enable' })
    .catch(alert)
    .next(choice('Rows?').when(expr('$states.input.rows > 0'), succeed('Loaded')).otherwise(succeed('Empty'))),
});
`;
}

/** A project of `count` workflow files, typed against the built library's declarations (for --typecheck). */
function generateProject(root: string, count: number, distDir: string): string {
  const dir = join(root, `project-${count}`);
  mkdirSync(join(dir, 'workflows'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  writeFileSync(join(dir, 'stepwright.config.json'), '{ "region": "eu-west-1", "account": "123456789012" }\n');
  writeFileSync(
    join(dir, 'tsconfig.json'),
    `${JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', skipLibCheck: true, types: [], paths: { stepwright: [join(distDir, 'index.d.ts')] } } }, null, 2)}\n`,
  );
  for (let i = 0; i < count; i++) writeFileSync(join(dir, 'workflows', `generated-${String(i).padStart(3, '0')}.ts`), workflowSource(i));
  return dir;
}

/**
 * Times the commands in rounds, each round running every command once in turn (after one untimed
 * warm-up round): on a shared machine the load drifts, and commands timed side by side see the same
 * drift, so their ratios stay meaningful where back-to-back series would not.
 */
function interleaved(specs: CommandSpec[], rounds: number, log: (line?: string) => void): CommandTiming[] {
  const samples = specs.map(() => [] as number[]);
  const once = (spec: CommandSpec): number => {
    if (spec.prepare) spawnSync('sh', ['-c', spec.prepare], { cwd: spec.cwd });
    const start = performance.now();
    const r = spawnSync('sh', ['-c', spec.command], { cwd: spec.cwd, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`"${spec.name}" exited ${r.status}`);
    return (performance.now() - start) / 1000;
  };
  for (const spec of specs) once(spec); // warm-up: OS file cache, tsx's transform cache
  for (let round = 0; round < rounds; round++) {
    specs.forEach((spec, i) => samples[i]!.push(once(spec)));
    log(`  round ${round + 1}/${rounds}: ${specs.map((spec, i) => `${spec.name} ${(samples[i]![round]! * 1000).toFixed(0)} ms`).join(', ')}`);
  }
  return specs.map((spec, i) => ({ name: spec.name, command: spec.command, cwd: spec.cwd, runs: rounds, warmup: 1, ...summarize(samples[i]!), tool: 'node loop' as const }));
}

export function runBuildBench(options: { root: string; bench: string; quick: boolean; commit: string; hyperfine: boolean; log: (line?: string) => void }): BuildReport {
  const { root, bench, quick, log } = options;
  const rounds = quick ? 3 : 10;
  const tmp = mkdtempSync(join(tmpdir(), 'stepwright-build-bench-'));
  try {
    const loadStart = loadavg()[0]!.toFixed(2);
    const cli = `node '${join(root, 'dist', 'cli', 'main.js')}'`;
    const spec = (name: string, command: string, cwd: string, out: string): CommandSpec => ({ name, command, cwd, runs: rounds, warmup: 1, prepare: `rm -rf '${out}'` });
    const files = ['ingest', 'pipeline', 'train', 'transform'].map((n) => `workflows/${n}.ts`).join(' ');
    const dirs = SIZES.map((count) => generateProject(tmp, count, join(root, 'dist')));
    const specs = [
      spec('stepwright build, 4 examples', `${cli} build --quiet --out '${join(tmp, 'out-examples')}' ${files}`, root, join(tmp, 'out-examples')),
      spec('cdk synth, the same 4', `node ../node_modules/aws-cdk/bin/cdk synth --quiet --no-notices --output '${join(tmp, 'cdk.out')}'`, join(bench, 'cdk-app'), join(tmp, 'cdk.out')),
      ...SIZES.map((count, i) => spec(`stepwright build, ${count} workflows`, `${cli} build --quiet --out '${join(tmp, `out-${count}`)}'`, dirs[i]!, join(tmp, `out-${count}`))),
      spec('stepwright build --typecheck, 5 workflows', `${cli} build --quiet --typecheck --out '${join(tmp, 'out-typecheck')}'`, dirs[0]!, join(tmp, 'out-typecheck')),
    ];
    for (const s of specs) checkCommand(s);
    log(`Build: ${specs.length} commands, ${rounds} interleaved rounds after a warm-up round...`);
    const [examples, cdk, s5, s50, s200, typecheck] = interleaved(specs, rounds, log);
    const sizes = [s5!, s50!, s200!].map((timing, i) => ({ workflows: SIZES[i]!, timing }));
    return { date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), commit: options.commit, quick, load: { start: loadStart, end: loadavg()[0]!.toFixed(2) }, examples: examples!, cdk: cdk!, sizes, typecheck: { without: s5!, with: typecheck! }, tool: 'a Node loop, the commands interleaved round by round' };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const ms = (seconds: number) => `${(seconds * 1000).toFixed(0)} ms`;

/** Seconds per additional workflow, between two sizes. */
function slope(a: { workflows: number; timing: CommandTiming }, b: { workflows: number; timing: CommandTiming }): number {
  return (b.timing.median - a.timing.median) / (b.workflows - a.workflows);
}

export function buildConsole(r: BuildReport): string {
  const [s5, s50, s200] = r.sizes;
  return [
    `  cold build of the 4 examples: ${ms(r.examples.median)}; cdk synth: ${ms(r.cdk.median)}; ratio ${(r.cdk.median / r.examples.median).toFixed(1)}×`,
    `  5 / 50 / 200 workflows: ${r.sizes.map((s) => ms(s.timing.median)).join(' / ')}; per additional workflow: ${(slope(s5!, s50!) * 1000).toFixed(1)} ms (5→50), ${(slope(s50!, s200!) * 1000).toFixed(1)} ms (50→200)`,
    `  --typecheck adds ${ms(r.typecheck.with.median - r.typecheck.without.median)} on 5 workflows (${ms(r.typecheck.without.median)} → ${ms(r.typecheck.with.median)})`,
  ].join('\n');
}

export function buildMarkdown(r: BuildReport): string {
  const [s5, s50, s200] = r.sizes;
  const row = (what: string, t: CommandTiming) => `| ${what} | ${ms(t.median)} | ${ms(t.min)} – ${ms(t.max)} | ${t.runs} (+${t.warmup} warm-up) |`;
  return `${BUILD_BEGIN}
## Build speed: cold builds, growth per workflow, and --typecheck

Measured ${r.date} at commit ${r.commit}${r.quick ? ' with `--quick` (rough)' : ''}, timed by ${r.tool} (so that the ratios
compare runs made under the same load), every figure a whole process (Node started, the CLI and library loaded, workflows loaded, validated, written). **Measured on a shared 2-core
machine** (load average ${r.load.start} at the start, ${r.load.end} at the end): absolute figures are noisy; the ratios,
taken in the same run, are what to read. Rerun: \`npx tsx bench/run.ts --only build\` (10 rounds, about 6 minutes on this machine, most of it \`cdk synth\`; \`--quick\`: 3 rounds, about 2).

| what | median | min – max | runs |
|---|---|---|---|
${row('`stepwright build` of the 4 examples (`node dist/cli/main.js`)', r.examples)}
${row('`cdk synth` of the same 4 state machines (bench/cdk-app, CLI run with node)', r.cdk)}
${r.sizes.map((s) => row(`\`stepwright build\`, ${s.workflows} generated workflows`, s.timing)).join('\n')}
${row('`stepwright build --typecheck`, 5 generated workflows', r.typecheck.with)}

| ratio | value | target |
|---|---|---|
| cold: \`cdk synth\` ÷ \`stepwright build\` (4 examples) | **${(r.cdk.median / r.examples.median).toFixed(1)}×** | ≥ 10× |
| each additional workflow file, 5 → 50 | **${(slope(s5!, s50!) * 1000).toFixed(1)} ms** | ≤ 15 ms |
| each additional workflow file, 50 → 200 | **${(slope(s50!, s200!) * 1000).toFixed(1)} ms** | ≤ 15 ms |
| what \`--typecheck\` adds (5 workflows) | **${ms(r.typecheck.with.median - r.typecheck.without.median)}** | (opt-in) |

Each generated workflow is a Glue job run (\`.sync\`, job bookmarks) with a Catch to an SNS notification and a Fail, then a
Choice between two Succeed states: 6 states, and the same builders, compile, request-shape check, validation and IAM policy as
a hand-written workflow. All files load through one loader registration, and \`stepwright\` in them resolves to the library
the CLI runs, so the library is evaluated once per build, not once per file. No build compiles a JSON schema: asl-validator's
schemas and the config file's run as standalone code generated once by Ajv (scripts/schema-validators.ts). \`--typecheck\` runs the TypeScript compiler found
in the project (here the one beside stepwright) over the workflow modules; it is not part of a default build because the
compiler costs about as much again as the build itself (the rows above), which is why the README's CI example passes it.
${BUILD_END}`;
}

export function spliceBuildSection(markdown: string, section: string): string {
  const begin = markdown.indexOf(BUILD_BEGIN);
  const end = markdown.indexOf(BUILD_END);
  if (begin >= 0 && end > begin) return `${markdown.slice(0, begin)}${section}${markdown.slice(end + BUILD_END.length)}`;
  const anchor = markdown.indexOf('\n## 2. Validation');
  if (anchor >= 0) return `${markdown.slice(0, anchor)}\n${section}\n${markdown.slice(anchor)}`;
  return `${markdown.trimEnd()}\n\n${section}\n`;
}
