/** docs/import.md's before/after is what the importer writes today. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDefinition } from '../../src/index.js';

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'import.md'), 'utf8');
const block = (lang: string, n = 0) => [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))][n]![1]!;

test('the before/after in docs/import.md is the importer’s own output', () => {
  const before = JSON.parse(block('json'));
  const result = importDefinition(before, { name: 'orders', file: 'orders.asl.json' });
  expect(result.exact).toBe(true);
  expect(result.source).toBe(block('ts'));
  expect(result.placeholders).toEqual(['ChargeFunctionArn', 'AlertsTopicArn', 'ShipQueueUrl']);
});
