/**
 * `stepwright build --typecheck`: the TypeScript compiler's errors in the workflow modules (and what
 * they import) as build problems, at file:line:column with the compiler's message. It runs the
 * project's own `tsc` on the project's own tsconfig.json, limited to the workflow files, so the
 * verdict is the one the user's editor shows. It is a flag, not the default: the compiler costs
 * about a second (bench/), several times the rest of a build.
 *
 * The generated tsconfig (extending the project's) and the compiler's incremental state live in
 * <out>/.cache/typecheck/, so a second run re-checks only what changed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { StepwrightError, type Problem } from '../model/errors.js';
import { libraryDir } from '../model/library.js';

/** Options used when the project has no tsconfig.json: what `tsc --init` and Node's ESM want. */
const DEFAULTS = { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, esModuleInterop: true };

export function typecheck(files: string[], options: { root: string; out: string }): Problem[] {
  const root = resolve(options.root);
  const tsc = findCompiler(root);
  const cache = resolve(options.out, '.cache', 'typecheck');
  mkdirSync(cache, { recursive: true });
  const base = join(root, 'tsconfig.json');
  const hasBase = existsSync(base);
  const typeRoots = hasBase && setsTypeRoots(tsc, base) ? {} : { typeRoots: visibleTypeRoots(root) };
  const config = {
    ...(hasBase ? { extends: base } : {}),
    compilerOptions: { ...(hasBase ? {} : DEFAULTS), ...typeRoots, noEmit: true, incremental: true, tsBuildInfoFile: join(cache, 'tsbuildinfo') },
    files: files.map((f) => resolve(f)),
    include: [],
  };
  const configFile = join(cache, 'tsconfig.json');
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
  const run = spawnSync(process.execPath, [tsc, '-p', configFile, '--pretty', 'false'], { cwd: process.cwd(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new StepwrightError({ message: `could not run the TypeScript compiler: ${run.error.message}`, fix: 'check that `npx tsc --version` works in the project' });
  return parseDiagnostics(`${run.stdout}${run.stderr}`, root);
}

/**
 * The compiler looks for `@types` packages (and the `types` a tsconfig names) in node_modules/@types
 * of every folder above the tsconfig being compiled: ours lives under --out, which may be outside
 * the project (`--out /tmp/x`), so it names the folders the project's own tsconfig would see.
 */
function visibleTypeRoots(root: string): string[] {
  const roots: string[] = [];
  for (let dir = root; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', '@types'))) roots.push(join(dir, 'node_modules', '@types'));
    if (dirname(dir) === dir) return roots;
  }
}

/** Whether the project's tsconfig (with what it extends) sets typeRoots itself: then extending it keeps them. */
function setsTypeRoots(tsc: string, base: string): boolean {
  const text = readFileSync(base, 'utf8');
  // Most tsconfigs extend nothing: their text answers. Otherwise the compiler resolves the chain (about 0.15 s).
  if (!text.includes('"extends"')) return text.includes('"typeRoots"');
  const shown = spawnSync(process.execPath, [tsc, '--showConfig', '-p', base], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  try {
    return (JSON.parse(shown.stdout) as { compilerOptions?: { typeRoots?: unknown } }).compilerOptions?.typeRoots !== undefined;
  } catch {
    return false; // a tsconfig tsc cannot read: the check itself reports it
  }
}

/** The project's `tsc` (its own TypeScript version), else the one installed beside stepwright. */
function findCompiler(root: string): string {
  for (const from of [join(root, 'package.json'), join(libraryDir().dir, '..', 'package.json')]) {
    try {
      const pkgPath = createRequire(from).resolve('typescript/package.json');
      const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { bin?: { tsc?: string } };
      if (pkg.bin?.tsc) return join(dirname(pkgPath), pkg.bin.tsc);
    } catch {
      // not installed there
    }
  }
  throw new StepwrightError({ field: '--typecheck', message: 'needs TypeScript, and the project has none installed', fix: 'npm install --save-dev typescript' });
}

/**
 * `file(line,col): error TS2345: message` plus indented continuation lines, as `--pretty false`
 * writes them. Errors inside stepwright's own files or node_modules are not the user's to fix.
 */
export function parseDiagnostics(output: string, root: string): Problem[] {
  const problems: Problem[] = [];
  const library = libraryDir().dir;
  let current: Problem | undefined;
  for (const line of output.split('\n')) {
    const located = /^(.+)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
    const global = located ? null : /^error (TS\d+): (.*)$/.exec(line);
    if (located) {
      const path = resolve(located[1]!);
      const ours = path.startsWith(library) || path.includes(`${'node_modules'}`);
      current = ours ? undefined : { file: relative(process.cwd(), path), line: Number(located[2]), column: Number(located[3]), message: `${located[4]}: ${located[5]}`, source: 'tsc' };
      if (current) problems.push(current);
    } else if (global) {
      current = { file: relative(process.cwd(), join(root, 'tsconfig.json')) || 'tsconfig.json', message: `${global[1]}: ${global[2]}`, source: 'tsc' };
      problems.push(current);
    } else if (current && /^\s+\S/.test(line)) {
      current.message += `\n      ${line.trim()}`;
    }
  }
  return problems;
}
