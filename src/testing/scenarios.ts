/**
 * Scenario files: test cases for a workflow without TypeScript. `workflows/train.scenarios.yaml`
 * sits beside `workflows/train.ts`:
 *
 *   workflow: train            # optional: the file name says it
 *   scenarios:
 *     - name: a throttled training job is retried, then succeeds
 *       input: { date: '2026-11-01' }
 *       mocks:
 *         Train model:
 *           - Throw: { Error: SageMaker.AmazonSageMakerException, Cause: Throttling }
 *           - Return: { ModelArtifacts: { S3ModelArtifacts: s3://models/m.tar.gz } }
 *       expect:
 *         status: SUCCEEDED
 *         path: [Train model, Evaluate model, Register model]
 *         retried: { Train model: 1 }
 *
 * Problems in a file are StepwrightErrors located at `file:line`, scenario and field.
 */
import { readFileSync } from 'node:fs';
import { isMap, isSeq, type Node } from 'yaml';
import { parseYamlSource, yamlValue } from '../model/yaml-source.js';
import type { JsonValue, StateMachineDefinition } from '../model/asl.js';
import type { Workflow } from '../dsl/workflow.js';
import type { MockResponses } from '../engine/index.js';
import { StepwrightError, isStepwrightError, sortProblems, type Problem } from '../model/errors.js';
import { checkCalled, checkCaught, checkFailed, checkOutput, checkRetried, checkSucceeded, checkVariables, checkVisited, type CheckResult } from './expectations.js';
import { runWorkflow, type WorkflowRun } from './run.js';

export interface ScenarioExpect {
  /** Default: FAILED when `error` or `cause` is given, else SUCCEEDED. */
  status?: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  /** The exact output. */
  output?: JsonValue;
  /** Fields the output must have (others may exist). */
  outputContains?: JsonValue;
  error?: string;
  /** The exact cause; `/.../` for a regular expression. */
  cause?: string;
  /** States entered in this order (others may come between). */
  path?: string[];
  /** Times each state was retried. */
  retried?: Record<string, number>;
  /** States whose Catch caught an error: the error's name, or `true` for any. */
  caught?: Record<string, string | true>;
  /** Task states (or resources) called: the arguments they got (partial), or `true`. */
  called?: Record<string, JsonValue | true>;
  /** Top-level variables at the end. */
  variables?: Record<string, JsonValue>;
}

export interface Scenario {
  name: string;
  input: JsonValue;
  mocks: Record<string, MockResponses>;
  /** Execution start time (ISO-8601). */
  clock?: string;
  seed?: number | string;
  expect: ScenarioExpect;
  /** Where it is written: `workflows/train.scenarios.yaml:12`. */
  location: string;
}

export interface ScenarioFile {
  file: string;
  /** The workflow's name (from `workflow:` or the file name). */
  workflow: string;
  scenarios: Scenario[];
}

export interface ScenarioOutcome {
  scenario: Scenario;
  workflow: string;
  passed: boolean;
  run?: WorkflowRun;
  /** The expectations that failed. */
  failures: CheckResult[];
  /** A problem that kept the scenario from running (a bad mock, an unknown state). */
  problem?: StepwrightError;
}

const SCENARIO_SUFFIX = '.scenarios.yaml';
const SCENARIO_KEYS = ['name', 'input', 'mocks', 'clock', 'seed', 'expect'];
const EXPECT_KEYS = ['status', 'output', 'outputContains', 'error', 'cause', 'path', 'retried', 'caught', 'called', 'variables'];
const STATUSES = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

export function isScenarioFile(file: string): boolean {
  return file.endsWith(SCENARIO_SUFFIX) || file.endsWith('.scenarios.yml');
}

/** `workflows/train.scenarios.yaml` → `train`. */
export function workflowNameOf(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.scenarios\.ya?ml$/, '');
}

export function loadScenarioFile(file: string, text = readFileSync(file, 'utf8')): ScenarioFile {
  const source = parseYamlSource(text, file, { uniqueKeys: false });
  const doc = source.doc;
  const at = (node: Node | null | undefined): string => (node?.range ? `${file}:${source.at(node.range[0]).line}` : file);
  const problems: Problem[] = [];
  const root = doc.contents;
  const list = isSeq(root) ? root : isMap(root) ? (root.get('scenarios', true) as Node | undefined) : undefined;
  const workflowName = isMap(root) && typeof root.get('workflow') === 'string' ? String(root.get('workflow')) : workflowNameOf(file);
  if (!isSeq(list)) {
    throw new StepwrightError({ file, ...source.of(root), field: 'scenarios', message: 'expected a list of scenarios under "scenarios:"', fix: 'write "scenarios:" followed by "- name: ..." entries' });
  }
  const scenarios: Scenario[] = [];
  const names = new Set<string>();
  list.items.forEach((item, i) => {
    const where = at(item as Node);
    const value = yamlValue(source, file, item as Node) as Record<string, unknown>;
    const problem = (field: string, message: string, fix: string) =>
      problems.push({ file, ...source.of(fieldNode(item as Node, field)), workflow: workflowName, scenario: typeof value?.name === 'string' ? value.name : `scenario ${i + 1}`, ...(field ? { field } : {}), message, fix });
    if (!value || typeof value !== 'object' || Array.isArray(value)) return problem('', 'a scenario must be a mapping', 'give it name, input, mocks and expect');
    if (typeof value.name !== 'string' || value.name === '') problem('name', 'a scenario needs a name', 'add "name: what this scenario shows"');
    else if (names.has(value.name)) problem('name', `the name "${value.name}" is used twice in this file`, 'give each scenario its own name');
    else names.add(value.name);
    for (const key of Object.keys(value)) if (!SCENARIO_KEYS.includes(key)) problem(key, `unknown field "${key}"`, `use one of: ${SCENARIO_KEYS.join(', ')}`);
    const mocks = value.mocks ?? {};
    if (typeof mocks !== 'object' || Array.isArray(mocks)) problem('mocks', 'mocks must map Task state names to a list of responses', 'write "mocks:" then "State name: [ { Return: ... } ]"');
    const expectation = (value.expect ?? {}) as Record<string, unknown>;
    if (typeof expectation !== 'object' || Array.isArray(expectation)) problem('expect', 'expect must be a mapping', `use fields: ${EXPECT_KEYS.join(', ')}`);
    else {
      for (const key of Object.keys(expectation)) if (!EXPECT_KEYS.includes(key)) problem(`expect.${key}`, `unknown expectation "${key}"`, `use one of: ${EXPECT_KEYS.join(', ')}`);
      if (expectation.status !== undefined && !STATUSES.includes(String(expectation.status))) problem('expect.status', `unknown status "${String(expectation.status)}"`, `use one of: ${STATUSES.join(', ')}`);
      if (expectation.path !== undefined && !(Array.isArray(expectation.path) && expectation.path.every((s) => typeof s === 'string'))) problem('expect.path', 'path must be a list of state names', 'write "path: [First state, Second state]"');
      if (expectation.retried !== undefined && !(isRecord(expectation.retried) && Object.values(expectation.retried).every((n) => Number.isInteger(n)))) problem('expect.retried', 'retried must map state names to a number of retries', 'write "retried: { Train model: 1 }"');
    }
    if (value.clock !== undefined && Number.isNaN(Date.parse(String(value.clock instanceof Date ? value.clock.toISOString() : value.clock)))) problem('clock', `"${String(value.clock)}" is not a time`, 'write an ISO-8601 time, e.g. 2026-11-01T02:00:00Z');
    scenarios.push({
      name: String(value.name ?? `scenario ${i + 1}`),
      input: (value.input ?? {}) as JsonValue,
      mocks: (mocks ?? {}) as Record<string, MockResponses>,
      ...(value.clock !== undefined ? { clock: value.clock instanceof Date ? value.clock.toISOString() : String(value.clock) } : {}),
      ...(value.seed !== undefined ? { seed: value.seed as number | string } : {}),
      expect: expectation as ScenarioExpect,
      location: where,
    });
  });
  if (problems.length > 0) throw new StepwrightError(sortProblems(problems));
  return { file, workflow: workflowName, scenarios };
}

/** Runs one scenario and checks its expectations. Setup problems (bad mocks) are returned, not thrown. */
export async function runScenario(target: Workflow | StateMachineDefinition, scenario: Scenario, workflowName: string): Promise<ScenarioOutcome> {
  let run: WorkflowRun;
  try {
    run = await runWorkflow(target, scenario.input, {
      mocks: scenario.mocks,
      name: workflowName,
      ...(scenario.clock !== undefined ? { clock: scenario.clock } : {}),
      ...(scenario.seed !== undefined ? { seed: scenario.seed } : {}),
    });
  } catch (error) {
    if (!isStepwrightError(error)) throw error;
    const problem = error.at({ file: scenario.location, workflow: workflowName });
    return { scenario, workflow: workflowName, passed: false, failures: [], problem: new StepwrightError(problem.problems.map((p) => ({ ...p, message: `scenario "${scenario.name}": ${p.message}` }))) };
  }
  const failures = checkScenario(run, scenario.expect).filter((r) => !r.pass);
  return { scenario, workflow: workflowName, passed: failures.length === 0, run, failures };
}

export function checkScenario(run: WorkflowRun, e: ScenarioExpect): CheckResult[] {
  const results: CheckResult[] = [];
  const status = e.status ?? (e.error !== undefined || e.cause !== undefined ? 'FAILED' : 'SUCCEEDED');
  if (status === 'SUCCEEDED') results.push(checkSucceeded(run));
  else if (status === 'FAILED') results.push(checkFailed(run, e.error, parseCause(e.cause)));
  else results.push({ pass: run.status === status, message: `the run ended ${run.status}${run.failedAt ? ` at state "${run.failedAt.name}"` : ''}, not ${status}` });
  if (e.output !== undefined) results.push(checkOutput(run, e.output, false));
  if (e.outputContains !== undefined) results.push(checkOutput(run, e.outputContains, true));
  if (e.path) results.push(checkVisited(run, e.path));
  for (const [state, times] of Object.entries(e.retried ?? {})) results.push(checkRetried(run, state, times));
  for (const [state, error] of Object.entries(e.caught ?? {})) results.push(checkCaught(run, state, error === true ? undefined : error));
  for (const [key, args] of Object.entries(e.called ?? {})) results.push(checkCalled(run, key, args === true ? undefined : args));
  if (e.variables) results.push(checkVariables(run, e.variables));
  return results;
}

/** `/text/flags` in YAML is a regular expression. */
function parseCause(cause: string | undefined): string | RegExp | undefined {
  if (cause === undefined) return undefined;
  const m = /^\/(.*)\/([a-z]*)$/s.exec(cause);
  return m ? new RegExp(m[1]!, m[2]) : cause;
}

/** The key of `field` (`expect.stauts`) in a scenario's mapping, or the nearest node above it that exists. */
function fieldNode(item: Node, field: string): Node {
  let node: unknown = item;
  let found: Node = item;
  for (const key of field ? field.split('.') : []) {
    if (!isMap(node)) break;
    const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
    if (!pair) break;
    found = (pair.key as Node | null) ?? found;
    node = pair.value;
  }
  return found;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
