/**
 * Generated modules as users get them: written to a folder inside the repository, type-checked
 * with the project's compiler options (`stepwright` mapped to src/index.ts, as tsconfig.json maps
 * it), and loaded so their default export can be compiled.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Workflow } from '../../src/index.js';

const REPO = resolve(__dirname, '..', '..');

export class GeneratedModules {
  readonly dir = join(REPO, `.import-check-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  private count = 0;

  constructor() {
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(join(this.dir, 'tsconfig.json'), JSON.stringify({ extends: '../tsconfig.json', include: ['*.ts', '../src/types'] }));
  }

  write(source: string): string {
    const path = join(this.dir, `m${this.count++}.ts`);
    writeFileSync(path, source);
    return path;
  }

  async load(path: string): Promise<Workflow> {
    return ((await import(path)) as { default: Workflow }).default;
  }

  /** `tsc --noEmit` over every module written: the errors, one a line ('' when there are none). */
  typeCheck(): string {
    const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', join(this.dir, 'tsconfig.json')], { encoding: 'utf8' });
    return `${result.stdout}${result.stderr}`.trim();
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
