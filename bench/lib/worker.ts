/**
 * In-process measurements, one per child process so that one tool's modules, JIT state and heap
 * never colour the other's figures. Run by bench/run.ts as
 *   tsx bench/lib/worker.ts <task> <runs> <warmup> [corpus-dir]
 * with the repository root as working directory; prints one JSON line of results on stdout.
 *
 * Tasks:
 *   stepwright-build    buildDefinition() + toAslJson() of every workflow in workflows/ (modules loaded once)
 *   stepwright-compile  compile() + toAslJson() alone, without validation (CDK's synth does not run asl-validator)
 *   cdk-synth         new App(), the four state machines (bench/cdk-app/stack.ts), app.synth() to a temp dir
 *   validate-stepwright     validateDefinition() over every definition in corpus-dir
 *   validate-asl-validator  asl-validator's exported function over every definition in corpus-dir
 *   nesting-stepwright      one validateDefinition() call per depth (runs = comma-separated depths) of nested Parallel states
 *   nesting-asl-validator   the same with asl-validator's function
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface WorkerResult {
  task: string;
  /** Milliseconds to load what the task needs (modules, workflow files, corpus parsing excluded). */
  loadMs: number;
  /** The first call, cold JIT, after loading. */
  firstMs: number;
  /** One sample per timed call, after `warmup` untimed calls. */
  samplesMs: number[];
  /** Items handled per call (workflows or definitions). */
  items: number;
  /** Task-specific facts, e.g. how many definitions were valid. */
  facts: Record<string, number | string>;
}

const [task, runsArg, warmupArg, corpusDir] = process.argv.slice(2);
const runs = Number(runsArg ?? 20); // for nesting-*: the depths, comma-separated
const warmup = Number(warmupArg ?? 3);

async function measure(name: string, load: () => Promise<{ call: () => void; items: number; facts?: () => Record<string, number | string> }>): Promise<WorkerResult> {
  const t0 = performance.now();
  const { call, items, facts } = await load();
  const loadMs = performance.now() - t0;
  const t1 = performance.now();
  call();
  const firstMs = performance.now() - t1;
  for (let i = 0; i < warmup; i++) call();
  const samplesMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    call();
    samplesMs.push(performance.now() - start);
  }
  return { task: name, loadMs, firstMs, samplesMs, items, facts: facts?.() ?? {} };
}

function readCorpus(dir: string): unknown[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
}

/** Parallel states nested `depth` levels: each level's first branch holds the next level. */
function nestedParallel(depth: number): Record<string, unknown> {
  let machine: Record<string, unknown> = { StartAt: 'Leaf', States: { Leaf: { Type: 'Pass', End: true } } };
  for (let i = depth; i > 0; i--) {
    machine = { StartAt: `P${i}`, States: { [`P${i}`]: { Type: 'Parallel', Branches: [machine, { StartAt: `Q${i}`, States: { [`Q${i}`]: { Type: 'Succeed' } } }], End: true } } };
  }
  return machine;
}

/** One timed call per depth, after one untimed call on a small definition (modules and schemas loaded). */
async function nesting(name: string, validate: (d: Record<string, unknown>) => boolean): Promise<WorkerResult> {
  const depths = String(runsArg).split(',').map(Number);
  validate(nestedParallel(1));
  const facts: Record<string, number> = {};
  for (const depth of depths) {
    const definition = nestedParallel(depth);
    const start = performance.now();
    if (!validate(definition)) throw new Error(`${name}: the nested definition of depth ${depth} was found invalid`);
    facts[`depth ${depth}`] = performance.now() - start;
  }
  return { task: name, loadMs: 0, firstMs: 0, samplesMs: [], items: depths.length, facts };
}

async function run(): Promise<WorkerResult> {
  switch (task) {
    case 'nesting-stepwright': {
      const { validateDefinition } = await import('../../src/validate/index.js');
      return nesting(task, (d) => validateDefinition(d, { remember: false }).length === 0);
    }
    case 'nesting-asl-validator': {
      const { default: aslValidator } = (await import('asl-validator')) as unknown as { default: (d: unknown, o: object) => { isValid: boolean } };
      return nesting(task, (d) => aslValidator(d, { checkPaths: true, checkArn: true }).isValid);
    }
    case 'stepwright-build':
      return measure(task, async () => {
        const { findWorkflowFiles, loadWorkflows } = await import('../../src/project/load.js');
        const { buildDefinition } = await import('../../src/compile/build.js');
        const { toAslJson } = await import('../../src/compile/compile.js');
        const loaded = await loadWorkflows(findWorkflowFiles('workflows'));
        let bytes = 0;
        return {
          items: loaded.length,
          call: () => {
            bytes = 0;
            // remember: false, so each call validates as a first build does (CDK also starts over each time).
            for (const { workflow, file } of loaded) bytes += toAslJson(buildDefinition(workflow, file, { remember: false })).length;
          },
          facts: () => ({ workflows: loaded.map((l) => l.workflow.name).join(', '), aslBytes: bytes }),
        };
      });
    case 'stepwright-compile':
      return measure(task, async () => {
        const { findWorkflowFiles, loadWorkflows } = await import('../../src/project/load.js');
        const { compile, toAslJson } = await import('../../src/compile/compile.js');
        const loaded = await loadWorkflows(findWorkflowFiles('workflows'));
        return {
          items: loaded.length,
          call: () => {
            for (const { workflow } of loaded) toAslJson(compile(workflow));
          },
        };
      });
    case 'cdk-synth':
      return measure(task, async () => {
        // @ts-ignore -- bench-only dependency (npm --prefix bench ci): the root type check runs without it
        const { App } = await import('aws-cdk-lib');
        const { defineStack } = await import('../cdk-app/stack.js');
        const outdir = mkdtempSync(join(tmpdir(), 'stepwright-bench-cdk-'));
        process.on('exit', () => rmSync(outdir, { recursive: true, force: true }));
        let machines = 0;
        return {
          items: 4,
          call: () => {
            const app = new App({ outdir });
            defineStack(app);
            const assembly = app.synth();
            machines = Object.values(assembly.stacks[0]!.template.Resources as Record<string, { Type: string }>).filter((r) => r.Type === 'AWS::StepFunctions::StateMachine').length;
          },
          facts: () => ({ stateMachines: machines }),
        };
      });
    case 'validate-stepwright':
      return measure(task, async () => {
        const { validateDefinition } = await import('../../src/validate/index.js');
        const definitions = readCorpus(corpusDir!);
        let valid = 0;
        return {
          items: definitions.length,
          call: () => {
            valid = 0;
            for (const d of definitions) if (validateDefinition(d, { remember: false }).length === 0) valid++; // measure validation, not the cache of earlier passes
          },
          facts: () => ({ valid, invalid: definitions.length - valid }),
        };
      });
    case 'validate-asl-validator':
      return measure(task, async () => {
        const { default: aslValidator } = (await import('asl-validator')) as unknown as { default: (d: unknown, o: object) => { isValid: boolean } };
        const definitions = readCorpus(corpusDir!);
        // asl-validator writes a default QueryLanguage into every object under a "States" key of the
        // definition it is given, and a second call on the same object can then throw; stepwright
        // gives it a copy (inside validateDefinition, so that cost is in stepwright's figure). Here
        // each call gets fresh copies made before the clock starts: asl-validator's figure is its
        // function alone.
        const copies = Array.from({ length: 1 + warmup + runs }, () => structuredClone(definitions));
        let valid = 0;
        let threw = 0;
        return {
          items: definitions.length,
          call: () => {
            valid = 0;
            threw = 0;
            for (const d of copies.pop()!) {
              try {
                if (aslValidator(d, { checkPaths: true, checkArn: true }).isValid) valid++;
              } catch {
                threw++; // asl-validator's own bug on some inputs; its CLI exits 2 on those
              }
            }
          },
          facts: () => ({ valid, invalid: definitions.length - valid - threw, threw }),
        };
      });
    default:
      throw new Error(`unknown task ${task}`);
  }
}

run().then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
