// The CommonJS build, for consumers that `require()` stepwright: Jest with a CommonJS transform
// (@swc/jest, ts-jest), which runs its own module system and cannot load ES modules. tsc writes the
// ES module build to dist/; this transpiles each of its files to dist/cjs/ with SWC (already the
// repo's Jest transform), copies the type declarations beside them, and marks the folder CommonJS.
import { transformFileSync } from '@swc/core';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const dist = 'dist';
const out = join(dist, 'cjs');
rmSync(out, { recursive: true, force: true });

const files = (dir) => readdirSync(dir).flatMap((f) => {
  const path = join(dir, f);
  if (path === out) return [];
  return statSync(path).isDirectory() ? files(path) : [path];
});

for (const file of files(dist)) {
  const target = join(out, relative(dist, file));
  mkdirSync(dirname(target), { recursive: true });
  if (file.endsWith('.js')) {
    const { code } = transformFileSync(file, {
      swcrc: false,
      jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' },
      module: { type: 'commonjs', strict: true },
      sourceMaps: false,
    });
    writeFileSync(target, code);
  } else if (file.endsWith('.d.ts')) {
    copyFileSync(file, target);
  }
}
writeFileSync(join(out, 'package.json'), '{ "type": "commonjs" }\n');
