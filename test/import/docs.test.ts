/** docs/import.md's before/after examples are what the importer writes today. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDefinition, loadProject } from '../../src/index.js';

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'import.md'), 'utf8');
const block = (lang: string, n = 0) => [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))][n]![1]!;

test('the before/after in docs/import.md is the importer’s own output', () => {
  const before = JSON.parse(block('json'));
  const result = importDefinition(before, { name: 'orders', file: 'orders.asl.json' });
  expect(result.exact).toBe(true);
  expect(result.source).toBe(block('ts'));
  expect(result.placeholders).toEqual(['ChargeFunctionArn', 'AlertsTopicArn', 'ShipQueueUrl']);
});

test('the polling loop example is the saas example’s ASL imported', async () => {
  const project = await loadProject({ files: ['workflows/saas.ts'] });
  const saas = project.workflows.find((w) => w.name === 'saas')!;
  const result = importDefinition(JSON.parse(saas.asl), { name: 'saas', file: 'out/asl/saas.asl.json' });
  expect(result.exact).toBe(true);
  expect(result.source).toBe(block('ts', 1));
  expect(doc).toContain(`${result.source.split('\n').length - 1} lines\nin all`);
});

test('the fragments example is the importer’s own output', () => {
  const result = importDefinition(JSON.parse(block('json', 1)), { name: 'enrich', file: 'enrich.asl.json' });
  expect(result.exact).toBe(true);
  expect(result.source).toBe(block('ts', 2));
});
