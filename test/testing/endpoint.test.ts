/**
 * `runScenarioFilesOnEndpoint`: the example scenarios over an endpoint (stepwright serve started
 * as `stepwright serve` starts it in the project), checked there and compared with the embedded
 * executor.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Workflow } from '../../src/dsl/workflow.js';
import { loadProject } from '../../src/project/index.js';
import { projectStateMachines, startEndpoint, type LocalEndpoint } from '../../src/serve/index.js';
import { describeFailure, isScenarioFile, loadScenarioFile, runScenarioFilesOnEndpoint, type ScenarioFile } from '../../src/testing/index.js';

const REPO = resolve(__dirname, '..', '..');
// Validation of each new definition takes a while on a loaded machine; this only guards against a hang.
jest.setTimeout(60_000);

let workflows: Map<string, Workflow>;
let files: ScenarioFile[];

beforeAll(async () => {
  const project = await loadProject({ root: REPO });
  workflows = new Map(project.workflows.filter((w) => w.workflow).map((w) => [w.name, w.workflow!]));
  files = readdirSync(join(REPO, 'workflows')).filter(isScenarioFile).sort().map((f) => loadScenarioFile(join(REPO, 'workflows', f)));
}, 60_000);

test('every example scenario passes on stepwright serve, and the embedded executor agrees on each', async () => {
  const served = await projectStateMachines(REPO);
  const endpoint = await startEndpoint({ port: 0, timeScale: 0, stateMachines: served.stateMachines, baseMockConfig: served.baseMockConfig, region: served.region!, account: served.account! });
  try {
    const outcomes = await runScenarioFilesOnEndpoint(files, workflows, { endpoint: endpoint.url, region: served.region! });
    expect(outcomes).toHaveLength(files.reduce((n, f) => n + f.scenarios.length, 0));
    const failed = outcomes.filter((o) => !o.passed).map(describeFailure);
    expect(failed).toEqual([]);
    expect(outcomes.filter((o) => o.differences.length > 0).map((o) => [o.scenario.name, o.differences])).toEqual([]);
    expect(outcomes.every((o) => o.executionArn?.startsWith(`arn:aws:states:${served.region}:${served.account}:execution:`))).toBe(true);
  } finally {
    await endpoint.close();
  }
}, 120_000);

test('an endpoint without the scenarios’ test cases reports each scenario’s problem instead of running it', async () => {
  const endpoint: LocalEndpoint = await startEndpoint({ port: 0, timeScale: 0 });
  try {
    const train = files.filter((f) => f.workflow === 'train');
    const outcomes = await runScenarioFilesOnEndpoint(train, workflows, { endpoint: endpoint.url });
    expect(outcomes.every((o) => !o.passed && o.problem)).toBe(true);
    expect(outcomes[0]!.problem!.message).toMatch(/refused StartExecution: InvalidName: .*Invalid mock test case name 'a-model-above-the-threshold-is-registered'/);
  } finally {
    await endpoint.close();
  }
}, 60_000);

test('an endpoint that is not there is one clear problem', async () => {
  const endpoint = await startEndpoint({ port: 0 });
  const url = endpoint.url;
  await endpoint.close();
  await expect(runScenarioFilesOnEndpoint(files.slice(0, 1), workflows, { endpoint: url })).rejects.toThrow(/the endpoint http:\/\/127\.0\.0\.1:\d+ failed/);
});
