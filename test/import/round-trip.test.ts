/**
 * The contract of import: for every definition of AWS's public samples and of the recorded
 * executions' machines, the imported module type-checks, and compiling its default export gives
 * the definition back (deep equality: field order aside). The README reports these figures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, importDefinition, type ImportResult } from '../../src/index.js';
import { describeConformance, listCorpusFiles, readCorpusJson } from '../support/conformance.js';
import { GeneratedModules } from './generated.js';

jest.setTimeout(300_000);

interface Case {
  id: string;
  definition: unknown;
}

function unique(cases: Case[]): Case[] {
  const seen = new Set<string>();
  return cases.filter((c) => {
    const key = JSON.stringify(c.definition);
    return !seen.has(key) && !!seen.add(key);
  });
}

interface Expected {
  definitions: number;
  unique: number;
  /** Definitions our validator accepts. */
  valid: number;
  /** Definitions that do not round-trip, and why (each is one the validator rejects). */
  misses: Record<string, string>;
}

function roundTrip(corpus: string, load: (dir: string) => Case[], expected: Expected) {
  describeConformance(corpus, `import round-trips every ${corpus} definition`, (dir) => {
    const all = load(dir);
    const cases = unique(all);
    const modules = new GeneratedModules();
    let imported: (Case & { result: ImportResult })[] = [];
    let paths: string[] = [];
    beforeAll(() => {
      imported = cases.map((c) => ({ ...c, result: importDefinition(c.definition, { name: 'imported', placeholders: false }) }));
      paths = imported.map((c) => modules.write(c.result.source));
    });
    afterAll(() => modules.remove());

    test(`the corpus is the one measured (${expected.definitions} definitions, ${expected.unique} different)`, () => {
      expect([all.length, cases.length]).toEqual([expected.definitions, expected.unique]);
    });

    test(`every definition our validator accepts imports exactly (${expected.valid}); of the others, all but those listed`, () => {
      // The validator's verdict is the import's own `problems`.
      const valid = imported.filter((c) => c.result.problems.length === 0);
      expect(valid.filter((c) => !c.result.exact).map((c) => c.id)).toEqual([]);
      expect(valid.length).toBe(expected.valid);
      const misses = imported.filter((c) => !c.result.exact).map((c) => c.id);
      expect(misses).toEqual(Object.keys(expected.misses));
    });

    test('every generated module type-checks with the project’s strict settings', () => {
      expect(modules.typeCheck()).toBe('');
    });

    test('compiling each module’s default export gives the definition back', async () => {
      const differ: string[] = [];
      for (let i = 0; i < imported.length; i++) {
        if (!imported[i]!.result.exact) continue;
        const compiled = compile(await modules.load(paths[i]!));
        if (!equalJson(compiled, imported[i]!.definition)) differ.push(imported[i]!.id);
      }
      expect(differ).toEqual([]);
    });
  });
}

/** Deep equality of JSON values, key order aside (what "the same definition" means). */
function equalJson(a: unknown, b: unknown): boolean {
  try {
    expect(a).toStrictEqual(b);
    return true;
  } catch {
    return false;
  }
}

roundTrip(
  'workflows-collection',
  (dir) => listCorpusFiles(dir, 'definitions').map((file) => ({ id: file, definition: (JSON.parse(readFileSync(join(dir, 'definitions', file), 'utf8')) as { definition: unknown }).definition })),
  {
    definitions: 106,
    unique: 106,
    valid: 105,
    misses: {
      'shared-fallback-state-jsonata__statemachine__statemachine.asl.json.json':
        'The sample puts "QueryLanguage": "JSONata" inside States, where it is a state named QueryLanguage that is not an object; the import leaves it out (and says so), so the definition is not the same.',
    },
  },
);

roundTrip('sfn-executions', (dir) => readCorpusJson<Case[]>(dir, 'cases.json'), { definitions: 643, unique: 256, valid: 256, misses: {} });
