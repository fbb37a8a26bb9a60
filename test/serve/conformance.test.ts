/**
 * The executions recorded on AWS (../shared/conformance/sfn-executions) through the API: each
 * case's recorded Lambda results become a MockConfigFile test case (in the order the engine calls
 * them), `serve` runs it behind the real SDK, and the result (status, output, error, cause and
 * the whole history) must equal the embedded executor's run of the same case, case for case.
 * Definitions our validator rejects must be rejected by CreateStateMachine too (InvalidDefinition),
 * as `stepwright validate` would; both counts are printed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStateMachineCommand, GetExecutionHistoryCommand, StartExecutionCommand, StartSyncExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { JsonValue } from '../../src/model/asl.js';
import { executeDefinition, type ExecutionResult, type MockConfigFile, type MockFunction, type MockResponse } from '../../src/engine/index.js';
import { validateDefinition } from '../../src/validate/index.js';
import { startEndpoint, type LocalEndpoint } from '../../src/serve/index.js';
import { describeConformance, readCorpusJson } from '../support/conformance.js';
import { deepEqual, mocksFor, type ConformanceCase } from '../engine/conformance-cases.js';
import { finished, ROLE, sfnClient, withHeaders } from './client.js';

const START = '2025-03-01T12:00:00.000Z';
const SEED = 7;
const TEST_CASE = 'Recorded';

describeConformance('sfn-executions', 'recorded AWS executions through the local endpoint', (dir) => {
  const cases = readCorpusJson<ConformanceCase[]>(dir, 'cases.json');
  const config: MockConfigFile = { StateMachines: {}, MockedResponses: {} };
  let endpoint: LocalEndpoint;
  let sfn: SFNClient;
  const counts = { same: 0, rejected: 0, agreesWithAws: 0 };
  const outcomes: Promise<Outcome>[] = [];

  beforeAll(async () => {
    // The recorded calls, in the order the engine makes them: what a MockConfigFile lists.
    for (const [i, c] of cases.entries()) {
      const machine = `case-${i}`;
      const order: Record<string, MockResponse[]> = {};
      const recording: Record<string, MockFunction> = {};
      for (const [state, fn] of Object.entries(mocksFor(c.mocks))) {
        recording[state] = async (call) => {
          const response = await fn(call);
          (order[state] ??= []).push(response);
          return response;
        };
      }
      await executeDefinition(c.definition, c.input, { mocks: recording, type: c.stateMachineType ?? 'STANDARD' });
      const testCase: Record<string, string> = {};
      for (const [state, responses] of Object.entries(order)) {
        const key = `${machine}/${state}`;
        config.MockedResponses[key] = Object.fromEntries(responses.map((r, n) => [String(n), r]));
        testCase[state] = key;
      }
      config.StateMachines[machine] = { TestCases: { [TEST_CASE]: testCase } };
    }
    const file = join(mkdtempSync(join(tmpdir(), 'stepwright-conformance-')), 'MockConfigFile.json');
    writeFileSync(file, JSON.stringify(config));
    endpoint = await startEndpoint({ port: 0, timeScale: 0, mockConfig: file });
    sfn = sfnClient(endpoint.url);
    // A few cases in flight at once, as several clients would; each test then reads its outcome.
    let next = 0;
    const settled: Outcome[] = [];
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < cases.length) {
          const i = next++;
          settled[i] = await runBoth(cases[i]!, i);
        }
      }),
    );
    outcomes.push(...settled.map((o) => Promise.resolve(o)));
  }, 600_000);

  afterAll(async () => {
    sfn?.destroy();
    await endpoint?.close();
    // eslint-disable-next-line no-console
    console.log(`through the API: ${counts.same} of ${cases.length} recorded executions equal the embedded run (${counts.agreesWithAws} also equal AWS's recording); ${counts.rejected} definitions rejected by the validator, as CreateStateMachine answers`);
  });

  /** One case through the API and on the embedded executor; what the test then compares. */
  async function runBoth(c: ConformanceCase, i: number): Promise<Outcome> {
    const machine = `case-${i}`;
    const type = c.stateMachineType ?? 'STANDARD';
    const invalid = validateDefinition(c.definition).length > 0;
    const created = await sfn.send(new CreateStateMachineCommand({ name: machine, definition: JSON.stringify(c.definition), roleArn: ROLE, type })).then(
      (r) => ({ arn: r.stateMachineArn! }),
      (e: { name: string }) => ({ error: e.name }),
    );
    if ('error' in created) return { kind: 'rejected', invalid, error: created.error };
    const request = { stateMachineArn: `${created.arn}#${TEST_CASE}`, name: `run-${i}`, input: JSON.stringify(c.input) };
    const command = withHeaders(type === 'EXPRESS' ? new StartSyncExecutionCommand(request) : new StartExecutionCommand(request), { 'x-stepwright-start-time': START, 'x-stepwright-seed': String(SEED) });
    const started = (await sfn.send(command as StartExecutionCommand)) as { executionArn?: string; status?: string; output?: string; error?: string; cause?: string };
    const api = type === 'EXPRESS' ? started : await finished(sfn, started.executionArn!, 60_000);
    const history = type === 'STANDARD' ? (await sfn.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn, maxResults: 1000 }))).events : undefined;
    // The embedded executor under the same conditions: mocks, start time, seed, names, role.
    const embedded = await executeDefinition(c.definition, c.input, {
      mocks: { config, testCase: TEST_CASE, stateMachine: machine },
      type,
      clock: START,
      seed: SEED,
      context: { Execution: { Id: started.executionArn!, Name: `run-${i}`, RoleArn: ROLE }, StateMachine: { Id: created.arn, Name: machine } },
    });
    return { kind: 'ran', invalid, api: { ...api, history }, embedded };
  }

  test.each(cases.map((c, i) => [c.id, c, i] as const))('%s', async (_id, c, i) => {
    const outcome = await outcomes[i]!;
    if (outcome.kind === 'rejected') {
      // Only what our validator rejects may be refused, and it is refused as AWS refuses it.
      expect(outcome).toEqual({ kind: 'rejected', invalid: true, error: 'InvalidDefinition' });
      counts.rejected++;
      return;
    }
    const { api, embedded } = outcome;
    expect(outcome.invalid).toBe(false);
    expect({ status: api.status, output: api.output === undefined ? undefined : JSON.parse(api.output), error: api.error, cause: api.cause }).toEqual({
      status: embedded.status,
      output: embedded.status === 'SUCCEEDED' ? (embedded.output ?? null) : undefined,
      error: embedded.error,
      cause: embedded.cause,
    });
    if (api.history) expect(comparable(api.history)).toEqual(comparable(embedded.history));
    counts.same++;
    if (agreesWithAws(embedded, c)) counts.agreesWithAws++;
  });
});

type Outcome =
  | { kind: 'rejected'; invalid: boolean; error: string }
  | { kind: 'ran'; invalid: boolean; api: { status?: string; output?: string; error?: string; cause?: string; history?: unknown[] }; embedded: ExecutionResult };

/**
 * Events as JSON, with UUIDs masked: States.UUID and $uuid() draw from the system's random source
 * (not the seeded one), so two runs of one definition differ there and only there.
 */
function comparable(events: unknown[]): unknown {
  return JSON.parse(JSON.stringify(events).replace(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g, '<uuid>'));
}

/** The check test/engine/conformance.test.ts makes, on a result. */
function agreesWithAws(run: ExecutionResult, c: ConformanceCase): boolean {
  const exp = c.expected;
  if (run.status !== exp.status) return false;
  if (exp.status === 'SUCCEEDED') return deepEqual(run.output, exp.output as JsonValue);
  if ((run.error ?? null) !== (exp.error ?? null)) return false;
  if (exp.compare_cause === false) return true;
  const parse = (t: string | null | undefined) => {
    try {
      return t == null ? t : JSON.parse(t);
    } catch {
      return t;
    }
  };
  return exp.cause_is_json ? deepEqual(parse(run.cause), parse(exp.cause)) : (run.cause ?? null) === (exp.cause ?? null);
}
