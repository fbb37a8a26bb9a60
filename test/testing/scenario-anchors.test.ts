/** Scenario files share mocks the YAML way: anchors, aliases and merge keys resolve before the scenarios are read. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioFile } from '../../src/testing/scenarios.js';

test('an alias and a merge key (<<) give each scenario the shared mocks', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'stepwright-anchors-')), 'train.scenarios.yaml');
  writeFileSync(
    file,
    `workflow: train
x-trained: &trained
  Train model:
    - Return: { ModelArtifacts: { S3ModelArtifacts: 's3://m/model.tar.gz' } }
scenarios:
  - name: merged
    mocks:
      <<: *trained
      Evaluate model: [{ Return: { Payload: { auc: 0.95 } } }]
  - name: aliased
    mocks:
      Train model: *trained
`,
  );
  const loaded = loadScenarioFile(file);
  const [merged, aliased] = loaded.scenarios;
  expect(merged!.mocks).toEqual({
    'Train model': [{ Return: { ModelArtifacts: { S3ModelArtifacts: 's3://m/model.tar.gz' } } }],
    'Evaluate model': [{ Return: { Payload: { auc: 0.95 } } }],
  });
  expect(aliased!.mocks).toEqual({ 'Train model': { 'Train model': [{ Return: { ModelArtifacts: { S3ModelArtifacts: 's3://m/model.tar.gz' } } }] } });
});
