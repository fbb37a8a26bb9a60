/**
 * Scenario files against any Step Functions endpoint (`stepwright test --endpoint URL`): stepwright
 * serve, Step Functions Local, LocalStack, through @aws-sdk/client-sfn. Each workflow is created
 * (or updated) under its own name; each scenario starts as `<stateMachineArn>#<test case>`, the
 * MockConfigFile test case `--export-mock-config` writes for it, so the endpoint must hold that
 * file. The run's history is read back and checked against the scenario's expectations, then
 * compared with the embedded executor's run of the same scenario under the endpoint's own start
 * time and execution name: every difference in status, error, cause, output or path is reported.
 *
 * The execution is named after the embedded run's name plus a unique suffix (an endpoint keeps
 * names, and every scenario's embedded run may draw the same one), and the start time and seed are sent as
 * X-Stepwright-Start-Time / X-Stepwright-Seed: stepwright serve honours them (so the run repeats
 * the embedded one exactly); other endpoints ignore them and run at their own time.
 */
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
  UpdateStateMachineCommand,
  type HistoryEvent as SdkHistoryEvent,
} from '@aws-sdk/client-sfn';
import { randomUUID } from 'node:crypto';
import type { JsonValue, StateMachineDefinition } from '../model/asl.js';
import type { Workflow } from '../dsl/workflow.js';
import { StepwrightError, isStepwrightError, type Problem } from '../model/errors.js';
import { buildDefinition } from '../compile/build.js';
import { toAslJson } from '../compile/compile.js';
import { prepareRun } from '../compile/execute.js';
import { executeDefinition, type ExecutionResult, type HistoryEvent } from '../engine/index.js';
import { recordRun } from './coverage.js';
import { testCaseName } from './mock-config.js';
import { describeRun, type WorkflowRun } from './run.js';
import { table } from '../model/table.js';
import { checkScenario, type Scenario, type ScenarioFile, type ScenarioOutcome } from './scenarios.js';

export interface EndpointOptions {
  /** `http://localhost:8083` */
  endpoint: string;
  /** The region the endpoint's ARNs use (default us-east-1, Step Functions Local's). */
  region?: string;
  /** The role CreateStateMachine is given (endpoints do not assume it). */
  roleArn?: string;
  /** Real time one execution may take before it counts as hung (default 10 minutes: endpoints wait in real time). */
  timeoutMs?: number;
}

export interface EndpointOutcome extends ScenarioOutcome {
  /** Where the endpoint's run and the embedded executor's run of the same scenario differ. */
  differences: string[];
  executionArn?: string;
}

export async function runScenarioFilesOnEndpoint(files: ScenarioFile[], workflows: Map<string, Workflow>, options: EndpointOptions): Promise<EndpointOutcome[]> {
  const sfn = new SFNClient({
    endpoint: options.endpoint,
    region: options.region ?? 'us-east-1',
    // Endpoints need no real credentials; the SDK still signs requests.
    credentials: { accessKeyId: 'stepwright', secretAccessKey: 'stepwright' },
    // StartSyncExecution goes to a `sync-` host on AWS; a local endpoint has one host.
    disableHostPrefix: true,
    maxAttempts: 2,
  });
  try {
    const missing: Problem[] = files.filter((f) => !workflows.has(f.workflow)).map((f) => ({ file: f.file, workflow: f.workflow, message: `no workflow named "${f.workflow}" was loaded` }));
    if (missing.length > 0) throw new StepwrightError(missing);
    const existing = await listMachines(sfn);
    const outcomes: EndpointOutcome[] = [];
    for (const file of files) {
      const workflow = workflows.get(file.workflow)!;
      const definition = buildDefinition(workflow);
      const arn = await putMachine(sfn, workflow, definition, existing, options.roleArn ?? 'arn:aws:iam::123456789012:role/stepwright-scenarios');
      for (const scenario of file.scenarios) outcomes.push(await runOne(sfn, workflow, definition, arn, scenario, options.timeoutMs ?? 600_000));
    }
    return outcomes;
  } catch (error) {
    if (isStepwrightError(error)) throw error;
    throw new StepwrightError({ field: '--endpoint', message: `the endpoint ${options.endpoint} failed: ${(error as Error).name}: ${(error as Error).message}`, fix: 'start it first (npx stepwright serve, or docker compose -f docker/docker-compose.yml up -d) and check the URL' });
  } finally {
    sfn.destroy();
  }
}

async function listMachines(sfn: SFNClient): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new ListStateMachinesCommand({ maxResults: 1000, ...(nextToken ? { nextToken } : {}) }));
    for (const m of page.stateMachines ?? []) out.set(m.name!, m.stateMachineArn!);
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

/** Creates the workflow's state machine, or points the existing one at the current definition. */
async function putMachine(sfn: SFNClient, workflow: Workflow, definition: StateMachineDefinition, existing: Map<string, string>, roleArn: string): Promise<string> {
  const text = toAslJson(definition);
  const arn = existing.get(workflow.name);
  if (arn) {
    await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: text }));
    return arn;
  }
  const created = await sfn.send(new CreateStateMachineCommand({ name: workflow.name, definition: text, roleArn, type: workflow.options.type ?? 'STANDARD' }));
  return created.stateMachineArn!;
}

async function runOne(sfn: SFNClient, workflow: Workflow, definition: StateMachineDefinition, arn: string, scenario: Scenario, timeoutMs: number): Promise<EndpointOutcome> {
  const base = { scenario, workflow: workflow.name, differences: [] as string[] };
  // The embedded run names the execution; the endpoint's run gets the same name and start time.
  let name = '';
  let embedded: ExecutionResult;
  try {
    const prepared = prepareRun(workflow, { mocks: scenario.mocks, ...(scenario.clock !== undefined ? { clock: scenario.clock } : {}), ...(scenario.seed !== undefined ? { seed: scenario.seed } : {}) });
    embedded = await executeDefinition(prepared.definition, scenario.input, { ...prepared.options, observe: (e) => (name = e.name) });
  } catch (error) {
    if (!isStepwrightError(error)) throw error;
    return { ...base, passed: false, failures: [], problem: new StepwrightError(error.at({ file: scenario.location, workflow: workflow.name }).problems) };
  }
  const seed = scenario.seed ?? 0;
  name = `${name}-${randomUUID().slice(0, 8)}`.slice(-80);
  const start = new StartExecutionCommand({ stateMachineArn: `${arn}#${testCaseName(scenario.name)}`, name, input: JSON.stringify(scenario.input) });
  start.middlewareStack.add(
    (next) => (args) => {
      const headers = (args.request as { headers: Record<string, string> }).headers;
      headers['x-stepwright-start-time'] = embedded.startDate.toISOString();
      headers['x-stepwright-seed'] = JSON.stringify(seed);
      return next(args);
    },
    { step: 'build' },
  );
  let executionArn: string;
  let result: ExecutionResult;
  try {
    executionArn = (await sfn.send(start)).executionArn!;
    result = await waitForResult(sfn, executionArn, timeoutMs);
  } catch (error) {
    if (isStepwrightError(error) || !(error as { $metadata?: unknown }).$metadata) throw error;
    // The endpoint answered with an error (an unknown test case, a name in use): this scenario's problem.
    const e = error as Error;
    return { ...base, passed: false, failures: [], problem: new StepwrightError({ file: scenario.location, workflow: workflow.name, message: `scenario "${scenario.name}": the endpoint refused StartExecution: ${e.name}: ${e.message}`, fix: 'give the endpoint the scenarios\' MockConfigFile (npx stepwright test --export-mock-config FILE)' }) };
  }
  const run = describeRun(result, definition, workflow.name, scenario.input);
  recordRun(run);
  const failures = checkScenario(run, scenario.expect).filter((r) => !r.pass);

  // The embedded executor under the endpoint's conditions (its start time; the same name and seed).
  const reference = describeRun(
    await executeDefinition(definition, scenario.input, {
      mocks: scenario.mocks,
      type: workflow.options.type ?? 'STANDARD',
      clock: result.startDate,
      seed,
      context: { Execution: { Id: executionArn, Name: name }, StateMachine: { Id: arn, Name: workflow.name } },
    }),
    definition,
    workflow.name,
    scenario.input,
  );
  return { ...base, passed: failures.length === 0, run, failures, differences: compare(run, reference), executionArn: executionArn };
}

async function waitForResult(sfn: SFNClient, executionArn: string, timeoutMs: number): Promise<ExecutionResult> {
  const deadline = Date.now() + timeoutMs;
  let wait = 5;
  for (;;) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (d.status !== 'RUNNING' && d.status !== 'PENDING_REDRIVE') {
      const history: HistoryEvent[] = [];
      let nextToken: string | undefined;
      do {
        const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, ...(nextToken ? { nextToken } : {}) }));
        history.push(...(page.events ?? []).map(fromSdk));
        nextToken = page.nextToken;
      } while (nextToken);
      return {
        status: d.status as ExecutionResult['status'],
        ...(d.output !== undefined ? { output: JSON.parse(d.output) as JsonValue } : {}),
        ...(d.error !== undefined ? { error: d.error } : {}),
        ...(d.cause !== undefined ? { cause: d.cause } : {}),
        history,
        startDate: d.startDate!,
        stopDate: d.stopDate ?? new Date(),
      };
    }
    if (Date.now() > deadline) throw new StepwrightError({ field: '--timeout', message: `${executionArn} was still running after ${Math.round(timeoutMs / 1000)} s`, fix: 'give the endpoint no waiting (stepwright serve --time-scale 0), or a longer --timeout' });
    await new Promise((r) => setTimeout(r, wait));
    wait = Math.min(wait * 2, 250);
  }
}

/** An SDK history event, without the members it leaves undefined. */
function fromSdk(event: SdkHistoryEvent): HistoryEvent {
  return Object.fromEntries(Object.entries(event).filter(([, v]) => v !== undefined)) as unknown as HistoryEvent;
}

function compare(endpoint: WorkflowRun, embedded: WorkflowRun): string[] {
  const out: string[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (endpoint.status !== embedded.status) out.push(`status: endpoint ${endpoint.status}, embedded ${embedded.status}`);
  if ((endpoint.error ?? null) !== (embedded.error ?? null)) out.push(`error: endpoint ${endpoint.error ?? '(none)'}, embedded ${embedded.error ?? '(none)'}`);
  if ((endpoint.cause ?? null) !== (embedded.cause ?? null)) out.push(`cause: endpoint ${JSON.stringify(endpoint.cause ?? null)}, embedded ${JSON.stringify(embedded.cause ?? null)}`);
  if (!same(endpoint.output, embedded.output)) out.push(`output: endpoint ${JSON.stringify(endpoint.output)}, embedded ${JSON.stringify(embedded.output)}`);
  if (!same(endpoint.path, embedded.path)) out.push(`path: endpoint ${endpoint.path.join(' → ')}; embedded ${embedded.path.join(' → ')}`);
  return out;
}

/** The table `stepwright test --endpoint` prints: each scenario's result there, and whether the embedded executor agrees. */
export function endpointOutcomeTable(outcomes: EndpointOutcome[]): string {
  const rows = outcomes.map((o) => [
    o.workflow,
    o.scenario.name,
    o.passed ? '✓ pass' : o.problem ? '! error' : '✗ FAIL',
    o.run ? o.run.status : '-',
    o.problem ? '-' : o.differences.length === 0 ? 'same' : `${o.differences.length} difference${o.differences.length === 1 ? '' : 's'}`,
  ]);
  return table(['workflow', 'scenario', 'result', 'status', 'vs embedded'], rows);
}
