/**
 * What `serve` creates at start inside a project: every workflow of the project (its ASL, type
 * and tags), and its scenarios as test cases (MockConfigFile form), so `stepwright test
 * --endpoint` runs them without an export step.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { MockConfigFile } from '../engine/index.js';
import { StepwrightError } from '../model/errors.js';
import { loadProject } from '../project/index.js';
import { toMockConfig } from '../testing/mock-config.js';
import { isScenarioFile, loadScenarioFile } from '../testing/scenarios.js';
import type { EndpointOptions } from './server.js';

export async function projectStateMachines(root: string): Promise<{ stateMachines: NonNullable<EndpointOptions['stateMachines']>; baseMockConfig: MockConfigFile; region?: string; account?: string; partition: string; scenarioFiles: number }> {
  const project = await loadProject({ root });
  if (project.problems.length > 0) throw new StepwrightError([...project.problems]);
  const folder = join(project.root, project.config.workflows);
  const files = existsSync(folder) ? readdirSync(folder).filter(isScenarioFile).sort().map((f) => relative(process.cwd(), join(folder, f))) : [];
  return {
    stateMachines: project.workflows.map((w) => ({ name: w.name, definition: w.asl, type: w.type, tags: { ...w.tags } })),
    // DelaySeconds stays: the endpoint's clock runs it, so timeouts fire as in the embedded run.
    baseMockConfig: toMockConfig(files.map((f) => loadScenarioFile(f)), { keepDelays: true }),
    ...(project.config.region ? { region: project.config.region } : {}),
    ...(project.config.account ? { account: project.config.account } : {}),
    partition: project.config.partition,
    scenarioFiles: files.length,
  };
}
