/**
 * Scenarios ⇄ Step Functions Local's MockConfigFile.json, so a team with Docker can run the same
 * cases there (StartExecution with `<stateMachineArn>#<test case>`), and existing mock files can
 * become scenario files. Test case names are the scenario names in kebab case (they go in an ARN).
 * Step Functions Local has no virtual clock: a response's DelaySeconds is left out.
 */
import { stringify } from 'yaml';
import type { MockConfigFile, MockResponse, MockResponses } from '../engine/index.js';
import type { ScenarioFile } from './scenarios.js';

export function testCaseName(scenario: string): string {
  return scenario.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'scenario';
}

/**
 * `keepDelays`: keep each response's DelaySeconds, for endpoints with a clock of their own
 * (stepwright serve); Step Functions Local does not read it.
 */
export function toMockConfig(files: ScenarioFile[], options: { keepDelays?: boolean } = {}): MockConfigFile {
  const config: MockConfigFile = { StateMachines: {}, MockedResponses: {} };
  for (const file of files) {
    const machine = (config.StateMachines[file.workflow] ??= { TestCases: {} });
    for (const scenario of file.scenarios) {
      const testCase = testCaseName(scenario.name);
      const mocked: Record<string, string> = {};
      for (const [state, responses] of Object.entries(scenario.mocks)) {
        const key = `${file.workflow}/${testCase}/${state}`;
        config.MockedResponses[key] = keyed(responses, options.keepDelays === true);
        mocked[state] = key;
      }
      machine.TestCases[testCase] = mocked;
    }
  }
  return config;
}

function keyed(responses: MockResponses, keepDelays: boolean): Record<string, MockResponse> {
  const entries = Array.isArray(responses) ? responses.map((r, i) => [String(i), r] as const) : Object.entries(responses);
  return Object.fromEntries(entries.map(([k, r]) => [k, keepDelays ? r : withoutDelay(r)]));
}

function withoutDelay(response: MockResponse): MockResponse {
  const { DelaySeconds: _, ...rest } = response;
  return rest as MockResponse;
}

/** One scenario file per state machine: each test case becomes a scenario with its mocks and an empty `expect` to fill in. */
export function fromMockConfig(config: MockConfigFile): { workflow: string; yaml: string }[] {
  return Object.entries(config.StateMachines ?? {}).map(([workflow, machine]) => {
    const scenarios = Object.entries(machine.TestCases ?? {}).map(([name, states]) => ({
      name,
      input: {},
      mocks: Object.fromEntries(Object.entries(states).map(([state, key]) => [state, config.MockedResponses?.[key] ?? {}])),
      expect: { status: 'SUCCEEDED' },
    }));
    const header = `# Imported from a Step Functions Local MockConfigFile: give each scenario its input and expectations.\n`;
    return { workflow, yaml: header + stringify({ workflow, scenarios }, { lineWidth: 0 }) };
  });
}
