/**
 * One executor on one definition, in its own process (so neither executor's modules, JIT state or
 * heap colour the other's figures). Run by bench/engine/section.ts as
 *   tsx bench/engine/worker.ts <stepwright|aws-local-stepfunctions> <case> <minRuns> <minSeconds> <warmup> <maxRuns>
 * with the repository root as working directory (stepwright is loaded from its build, dist/engine);
 * prints one JSON line (EngineWorkerResult) on stdout.
 *
 * The first execution is the check: its output is compared with the case's expected output and its
 * state transitions are counted from what the executor itself reports (stepwright: the history's
 * *StateEntered events plus the retries, i.e. Lambda calls beyond one per Task state entered;
 * aws-local-stepfunctions: the StateEntered and StateRetried events of its event log). That run
 * is not timed. Then `warmup` untimed executions, then timed ones: at least `minRuns`, and more
 * until `minSeconds` of timed executions have passed (at most `maxRuns`).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { JsonValue } from '../../src/model/asl.js';
import { engineCase, type EngineCase } from './definitions.js';

export type EngineTool = 'stepwright' | 'aws-local-stepfunctions';

export interface EngineWorkerResult {
  tool: EngineTool;
  case: string;
  /** Loading the executor's modules. */
  loadMs: number;
  /** aws-local-stepfunctions: `new StateMachine(definition)` (validates with asl-validator), once, untimed. stepwright: 0 (nothing to construct). */
  constructMs: number;
  /** The first (checking) execution, cold JIT, untimed. */
  firstMs: number;
  warmup: number;
  samplesMs: number[];
  /** Transitions the executor reported on the checking run. */
  transitions: number;
  outputMatchesExpected: boolean;
  /** sha256 of the output's JSON with sorted keys, to compare the two executors. */
  outputHash: string;
  /** Where output and expected first differ, if they do. */
  outputDiff?: string;
  nodeVersion: string;
  polyfills: string[];
}

const [toolArg, caseArg, minRunsArg, minSecondsArg, warmupArg, maxRunsArg] = process.argv.slice(2);
const tool = toolArg as EngineTool;
const c = engineCase(caseArg ?? '');
const minRuns = Number(minRunsArg ?? 10);
const minSeconds = Number(minSecondsArg ?? 3);
const warmup = Number(warmupArg ?? 3);
const maxRuns = Number(maxRunsArg ?? 200);

interface Runner {
  /** One execution; returns the output. */
  run: () => Promise<JsonValue>;
  /** One execution that also counts transitions. */
  check: () => Promise<{ output: JsonValue; transitions: number }>;
  constructMs: number;
  polyfills: string[];
}

async function stepwrightRunner(): Promise<Runner> {
  // The compiled package (dist/, built by `npm run build`), as `import { executeDefinition } from 'stepwright/engine'`
  // gives an installed user; aws-local-stepfunctions is likewise run from its published build.
  const distEngine = pathToFileURL(join(process.cwd(), 'dist', 'engine', 'index.js')).href;
  const { executeDefinition: execute } = (await import(distEngine)) as typeof import('../../src/engine/index.js');
  type Mocks = NonNullable<Parameters<typeof execute>[2]>['mocks'];
  const mocks = (): Mocks => {
    const behave = c.newBehaviour();
    return Object.fromEntries(
      c.taskStates.map((state) => [
        state,
        (call: { input: JsonValue }) => {
          const r = behave(state, call.input);
          return 'value' in r ? { Return: r.value } : { Throw: { Error: r.error, Cause: r.cause } };
        },
      ]),
    );
  };
  const once = async () => {
    const result = await execute(c.definition, c.input, { mocks: mocks(), type: c.type });
    if (result.status !== 'SUCCEEDED') throw new Error(`stepwright: ${c.key} ended ${result.status}: ${result.error} ${result.cause}`);
    return result;
  };
  return {
    constructMs: 0,
    polyfills: [],
    run: async () => (await once()).output!,
    check: async () => {
      const result = await once();
      let entered = 0;
      let taskEntered = 0;
      let calls = 0;
      for (const e of result.history) {
        if (e.type.endsWith('StateEntered')) entered++;
        if (e.type === 'TaskStateEntered') taskEntered++;
        if (e.type === 'LambdaFunctionScheduled' || e.type === 'TaskScheduled') calls++;
      }
      return { output: result.output!, transitions: entered + (calls - taskEntered) };
    },
  };
}

async function awsLocalRunner(): Promise<Runner> {
  // aws-local-stepfunctions 3.0.0 declares Node >= 22 and uses Promise.withResolvers (Node 22) in its
  // Task state; on an older Node, give it the standard, equivalent implementation.
  const polyfills: string[] = [];
  const P = Promise as unknown as { withResolvers?: () => unknown };
  if (typeof P.withResolvers !== 'function') {
    P.withResolvers = function withResolvers<T>() {
      let resolve!: (value: T) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    };
    polyfills.push('Promise.withResolvers');
  }
  // @ts-ignore -- bench-only dependency (npm --prefix bench ci): the root type check runs without it
  const { StateMachine } = await import('aws-local-stepfunctions');
  const t0 = performance.now();
  // Validated once, with its defaults (asl-validator, paths and ARNs checked), outside the timed runs.
  const machine = new StateMachine(c.definition as never);
  const constructMs = performance.now() - t0;
  const overrides = () => {
    const behave = c.newBehaviour();
    return {
      taskResourceLocalHandlers: Object.fromEntries(
        c.taskStates.map((state) => [
          state,
          async (input: JsonValue) => {
            const r = behave(state, input);
            if ('error' in r) {
              const error = new Error(r.cause);
              error.name = r.error; // what Retry / Catch match on
              throw error;
            }
            return r.value;
          },
        ]),
      ),
      // No real sleeping between retries (their executor would otherwise wait IntervalSeconds for real).
      retryIntervalOverrides: Object.fromEntries(c.retryStates.map((state) => [state, 0])),
    };
  };
  return {
    constructMs,
    polyfills,
    run: async () => (await machine.run(c.input, { overrides: overrides() }).result) as JsonValue,
    check: async () => {
      const execution = machine.run(c.input, { overrides: overrides() });
      const counting = (async () => {
        let n = 0;
        for await (const e of execution.eventLogs as AsyncIterable<{ type: string }>) if (e.type === 'StateEntered' || e.type === 'StateRetried') n++;
        return n;
      })();
      const output = (await execution.result) as JsonValue;
      return { output, transitions: await counting };
    },
  };
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path}: got ${JSON.stringify(a)?.slice(0, 200)}, expected ${JSON.stringify(b)?.slice(0, 200)}`;
}

async function main(c: EngineCase): Promise<EngineWorkerResult> {
  const t0 = performance.now();
  const runner = tool === 'stepwright' ? await stepwrightRunner() : tool === 'aws-local-stepfunctions' ? await awsLocalRunner() : undefined;
  if (!runner) throw new Error(`unknown tool ${tool}`);
  const loadMs = performance.now() - t0 - runner.constructMs;

  const t1 = performance.now();
  const { output, transitions } = await runner.check();
  const firstMs = performance.now() - t1;
  const outputDiff = firstDifference(output, c.expectedOutput);

  for (let i = 0; i < warmup; i++) await runner.run();
  const samplesMs: number[] = [];
  let total = 0;
  while (samplesMs.length < maxRuns && (samplesMs.length < minRuns || total < minSeconds * 1000)) {
    const start = performance.now();
    await runner.run();
    const ms = performance.now() - start;
    samplesMs.push(ms);
    total += ms;
  }
  return {
    tool,
    case: c.key,
    loadMs,
    constructMs: runner.constructMs,
    firstMs,
    warmup,
    samplesMs,
    transitions,
    outputMatchesExpected: outputDiff === undefined,
    outputHash: createHash('sha256').update(stableJson(output)).digest('hex'),
    ...(outputDiff ? { outputDiff } : {}),
    nodeVersion: process.version,
    polyfills: runner.polyfills,
  };
}

main(c).then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
