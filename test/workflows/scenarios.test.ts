/**
 * Runs every workflows/*.scenarios.yaml as Jest tests (the same scenarios `stepwright test` runs),
 * one test per scenario, failing with the scenario's divergence, diff and path.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isWorkflow, type Workflow } from 'stepwright';
import { describeFailure, isScenarioFile, loadScenarioFile, runScenario } from 'stepwright/testing';

const dir = resolve(__dirname, '../../workflows');

/** Jest runs the TypeScript modules through its own transform, so a plain require loads them. */
function workflowNamed(name: string): Workflow {
  for (const file of readdirSync(dir).filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))) {
    const mod = require(join(dir, file)) as Record<string, unknown>;
    const found = Object.values(mod).find((v): v is Workflow => isWorkflow(v) && v.name === name);
    if (found) return found;
  }
  throw new Error(`no workflow named "${name}" in ${dir}`);
}

for (const file of readdirSync(dir).filter(isScenarioFile).sort()) {
  const scenarios = loadScenarioFile(join('workflows', file), undefined);
  describe(file, () => {
    const workflow = workflowNamed(scenarios.workflow);
    for (const scenario of scenarios.scenarios) {
      test(scenario.name, async () => {
        const outcome = await runScenario(workflow, scenario, scenarios.workflow);
        if (!outcome.passed) throw new Error(describeFailure(outcome));
      });
    }
  });
}
