import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateDefinition } from '../../src/index.js';
import { describeConformance, listCorpusFiles, readCorpusJson } from '../support/conformance.js';
import { aslValidationGaps, workflowsCollectionGaps } from './known-gaps.js';

interface ValidationCase {
  id: string;
  definition: unknown;
  expected: 'valid' | 'invalid';
}

describeConformance('asl-validation', 'stepwright validate agrees with the asl-validation corpus', (dir) => {
  const cases = readCorpusJson<ValidationCase[]>(dir, 'cases.json');

  test('the corpus is the one we measured (78 cases)', () => {
    expect(cases.length).toBe(78);
  });

  test.each(cases.map((c) => [c.id, c] as const))('%s', (id, c) => {
    const verdict = validateDefinition(c.definition).length === 0 ? 'valid' : 'invalid';
    if (id in aslValidationGaps) expect(verdict).not.toBe(c.expected);
    else expect(verdict).toBe(c.expected);
  });
});

interface CollectionEntry {
  definition: unknown;
  substitutions?: Record<string, string>;
}

describeConformance('workflows-collection', 'stepwright validate accepts AWS’s public workflow samples', (dir) => {
  const files = listCorpusFiles(dir, 'definitions');

  test('the corpus is the one we measured (106 definitions)', () => {
    expect(files.length).toBe(106);
  });

  test.each(files)('%s', (file) => {
    const entry = JSON.parse(readFileSync(join(dir, 'definitions', file), 'utf8')) as CollectionEntry;
    let text = JSON.stringify(entry.definition);
    for (const [placeholder, value] of Object.entries(entry.substitutions ?? {})) text = text.split(placeholder).join(value);
    const problems = validateDefinition(JSON.parse(text));
    if (file in workflowsCollectionGaps) expect(problems.length).toBeGreaterThan(0);
    else expect(problems).toEqual([]);
  });
});
