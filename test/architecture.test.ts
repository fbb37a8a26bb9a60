/**
 * The layers of src/, bottom up; a module may import from its own folder and from lower layers
 * only. Siblings on one layer stay independent of each other (the engine never reads the validator).
 * This reads every relative import in src/ and fails naming the file and the import that goes up.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = join(__dirname, '..', 'src');

const LAYERS: string[][] = [
  ['model'],
  ['validate', 'engine', 'iam', 'schedules'],
  ['dsl'],
  ['compile', 'integrations'],
  ['project', 'diagrams'],
  ['testing'],
  ['deploy', 'airflow', 'serve', 'import'],
  ['cli'],
];

/** The package's entry points sit above everything they export, below the CLI. */
const ROOT_FILES_LAYER = LAYERS.length - 1.5;

function layerOf(path: string): { folder: string; layer: number } {
  const [top] = relative(SRC, path).split('/');
  if (!top || top.endsWith('.ts')) return { folder: '(root)', layer: ROOT_FILES_LAYER };
  const layer = LAYERS.findIndex((l) => l.includes(top));
  if (layer < 0) throw new Error(`src/${top}/ is on no layer: add it to LAYERS in test/architecture.test.ts`);
  return { folder: top, layer };
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    // src/types/ holds declarations for untyped dependencies: no code, no layer.
    if (path === join(SRC, 'types')) return [];
    return statSync(path).isDirectory() ? sources(path) : f.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(?\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => resolve(dirname(file), m[1]!));
}

test('no module in src/ imports from a layer above it, or from a sibling folder on its own layer', () => {
  const wrong: string[] = [];
  for (const file of sources(SRC)) {
    const from = layerOf(file);
    for (const target of importsOf(file)) {
      const to = layerOf(target);
      if (to.folder === from.folder) continue;
      if (to.layer >= from.layer) wrong.push(`${relative(SRC, file)} imports ${relative(SRC, target)} (${from.folder} → ${to.folder})`);
    }
  }
  expect(wrong).toEqual([]);
});
