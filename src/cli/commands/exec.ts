/** `stepwright exec TARGET`: run a workflow or ASL file on the embedded executor, with mocks. */
import { parseArgs } from 'node:util';
import type { JsonValue } from '../../model/asl.js';
import { isStepwrightError, StepwrightError } from '../../model/errors.js';
import { execute } from '../../compile/execute.js';
import type { ExecutionResult, Mocks } from '../../engine/index.js';
import type { Io } from '../io.js';
import { parseJsonArgument, readJsonFile } from '../json-input.js';
import { loadRunTarget } from '../target.js';
import { table } from '../../model/table.js';

export const usage = `stepwright exec <workflow.ts | definition.asl.json> [options]

Runs the workflow on the embedded executor: no AWS, no Docker, virtual time.

  --input JSON          execution input (default {})
  --input-file FILE     execution input from a file
  --mocks FILE          task responses: { "State": [{ "Return": ... }, { "Throw": { "Error", "Cause" } }] },
                        or a Step Functions Local MockConfigFile.json (with --test-case)
  --test-case NAME      the MockConfigFile test case to use
  --workflow NAME       which workflow, when the module exports several
  --clock ISO           the execution's (virtual) start time, as \`clock\` in the API and scenario
                        files (default 2024-01-01T00:00:00Z); --start is the same
  --json                print the result as JSON: status, output or error and cause, the path of
                        states entered (and the history with --history)
  --history             print the execution history

Exits 0 when the execution succeeds, 1 otherwise.`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      input: { type: 'string' },
      'input-file': { type: 'string' },
      mocks: { type: 'string' },
      'test-case': { type: 'string' },
      workflow: { type: 'string' },
      clock: { type: 'string' },
      start: { type: 'string' },
      json: { type: 'boolean', default: false },
      history: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) throw new StepwrightError({ message: 'give one workflow module or ASL file', fix: 'stepwright exec workflows/ingest.ts --input \'{"date":"2026-11-01"}\'' });
  const file = positionals[0]!;
  const input = (values['input-file'] ? readJsonFile(values['input-file'], 'input file') : values.input !== undefined ? parseJsonArgument(values.input, '--input') : {}) as JsonValue;
  const target = await loadRunTarget(file, values.workflow);
  const mocks = values.mocks ? readMocks(values.mocks, values['test-case'], target.kind === 'workflow' ? target.workflow.name : undefined) : undefined;
  let result: ExecutionResult;
  try {
    const clock = values.clock ?? values.start;
    if (clock !== undefined && Number.isNaN(Date.parse(clock))) throw new StepwrightError({ field: '--clock', message: `"${clock}" is not a time`, fix: 'give an ISO-8601 time: --clock 2026-11-01T02:00:00Z' });
    const options = { mocks, ...(clock !== undefined ? { clock } : {}) };
    result = await execute(target.kind === 'workflow' ? target.workflow : target.definition, input, options);
  } catch (error) {
    if (!isStepwrightError(error)) throw error;
    // Problems with the mocks belong to the mock file; the rest to the workflow.
    const mocksFile = values.mocks;
    throw new StepwrightError(error.problems.map((p) => ({ file: mocksFile && /^(mocks|MockedResponses)/.test(p.field ?? '') ? mocksFile : file, ...p })));
  }
  if (values.json) io.out(JSON.stringify({ ...result, path: pathOf(result), history: values.history ? result.history : undefined }, null, 2));
  else printResult(result, values.history, io);
  return result.status === 'SUCCEEDED' ? 0 : 1;
}

function readMocks(file: string, testCase: string | undefined, workflowName: string | undefined): Mocks {
  const mocks = readJsonFile(file, 'mock file');
  if (mocks === null || typeof mocks !== 'object' || Array.isArray(mocks)) {
    throw new StepwrightError({ file, message: 'the mock file must be a JSON object', fix: 'map state names to responses: { "Train model": [{ "Return": { ... } }] }' });
  }
  const config = mocks as { StateMachines?: Record<string, { TestCases?: Record<string, unknown> }>; MockedResponses?: unknown };
  if (config.StateMachines && config.MockedResponses) {
    const machines = Object.entries(config.StateMachines);
    const cases = machines.flatMap(([, m]) => Object.keys(m.TestCases ?? {}));
    const chosen = testCase ?? (workflowName ? Object.keys(config.StateMachines[workflowName]?.TestCases ?? {})[0] : undefined) ?? cases[0];
    if (!chosen || !cases.includes(chosen)) {
      throw new StepwrightError({ file, field: '--test-case', message: testCase ? `no test case "${testCase}"` : 'has no test cases', fix: cases.length ? `use one of: ${cases.join(', ')}` : 'add StateMachines.<name>.TestCases' });
    }
    return { config, testCase: chosen } as unknown as Mocks;
  }
  return mocks as Mocks;
}

function printResult(result: ExecutionResult, history: boolean, io: Io): void {
  const took = (result.stopDate.getTime() - result.startDate.getTime()) / 1000;
  io.out(`${result.status} in ${took}s of virtual time, ${result.history.length} events`);
  if (result.status === 'SUCCEEDED') io.out(JSON.stringify(result.output, null, 2));
  else io.out(`error: ${result.error ?? '-'}\ncause: ${result.cause ?? '-'}`);
  if (history) {
    // Failure events carry the error, not the state: the error's name is what a reader looks for there.
    const rows = result.history.map((e) => {
      const details = Object.entries(e).find(([k]) => k.endsWith('EventDetails'))?.[1] as { name?: string; error?: string } | undefined;
      return [String(e.id), e.timestamp instanceof Date ? e.timestamp.toISOString() : String(e.timestamp), e.type, details?.name ?? '', details?.error ?? ''];
    });
    io.out(`\n${table(['id', 'time', 'event', 'state', 'error'], rows)}`);
  }
}

/** The states entered, in order (nested ones included), as the history records them. */
function pathOf(result: ExecutionResult): string[] {
  return result.history.flatMap((e) => {
    if (!e.type.endsWith('StateEntered')) return [];
    const details = (e as unknown as { stateEnteredEventDetails?: { name?: string } }).stateEnteredEventDetails;
    return details?.name ? [details.name] : [];
  });
}
