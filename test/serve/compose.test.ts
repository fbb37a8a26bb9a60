/**
 * Step Functions Local cannot run here (no Docker engine), so its compose file is checked for what
 * a run needs: AWS's image, port 8083, the scenarios' MockConfigFile mounted where SFN_MOCK_CONFIG
 * points, and that file current with the scenario files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { isScenarioFile, loadScenarioFile, toMockConfig } from '../../src/testing/index.js';

const REPO = resolve(__dirname, '..', '..');
const composeFile = join(REPO, 'docker', 'docker-compose.yml');
const compose = parse(readFileSync(composeFile, 'utf8')) as { services: Record<string, { image: string; ports: string[]; environment: Record<string, string>; volumes: { type: string; source: string; target: string; read_only?: boolean }[] }> };
const service = Object.values(compose.services)[0]!;

test('the compose file runs amazon/aws-stepfunctions-local on port 8083', () => {
  expect(Object.keys(compose.services)).toHaveLength(1);
  expect(service.image).toMatch(/^amazon\/aws-stepfunctions-local(:|$)/);
  expect(service.ports).toEqual(['8083:8083']);
});

test('the MockConfigFile is mounted read-only where SFN_MOCK_CONFIG says, from a file in the repository', () => {
  const mount = service.volumes.find((v) => v.target === service.environment.SFN_MOCK_CONFIG);
  expect(mount).toMatchObject({ type: 'bind', read_only: true, target: '/home/StepFunctionsLocal/MockConfigFile.json' });
  // Compose resolves a relative source against the compose file's folder.
  expect(existsSync(resolve(dirname(composeFile), mount!.source))).toBe(true);
});

test('the mounted MockConfigFile is the one --export-mock-config writes from the current scenarios', () => {
  const mount = service.volumes.find((v) => v.target === service.environment.SFN_MOCK_CONFIG)!;
  const workflows = join(REPO, 'workflows');
  const files = readdirSync(workflows).filter(isScenarioFile).sort().map((f) => loadScenarioFile(join('workflows', f), readFileSync(join(workflows, f), 'utf8')));
  const exported = `${JSON.stringify(toMockConfig(files), null, 2)}\n`;
  // If this fails after a scenario changed: npx stepwright test --export-mock-config test/mocks/MockConfigFile.json
  expect(readFileSync(resolve(dirname(composeFile), mount.source), 'utf8')).toBe(exported);
});

test('its environment gives the region and account the ARNs use, and no real credentials', () => {
  expect(service.environment).toMatchObject({ AWS_DEFAULT_REGION: expect.any(String), AWS_ACCOUNT_ID: expect.stringMatching(/^\d{12}$/) });
  expect(service.environment.AWS_SECRET_ACCESS_KEY).toBe('local');
});
