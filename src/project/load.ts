/**
 * Loads workflow modules, written in TypeScript or JavaScript, at run time without a separate
 * compile step (./module-loader.ts: one loader registration for all of them). A module may export
 * any number of workflows (default and named exports); modules that export none (shared config,
 * fragments) are skipped.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { isStepwrightError, StepwrightError, type Problem } from '../model/errors.js';
import { isWorkflow, type Workflow } from '../dsl/workflow.js';
import { importFresh } from './module-loader.js';

export interface LoadedWorkflow {
  workflow: Workflow;
  /** The file as the user would type it (relative to the working directory). */
  file: string;
}

const WORKFLOW_FILE = /\.(ts|mts|js|mjs)$/;

/**
 * Inside Jest, modules load through Jest's own transform (which already compiles TypeScript), and
 * tsx cannot add its loader there; so a test calling loadProject() gets the workflows Jest loads.
 */
// JEST_WORKER_ID alone is inherited by processes a test spawns (a CLI run by a test is not inside Jest);
// Jest's `expect` marks the test's own global.
const IN_JEST = process.env.JEST_WORKER_ID !== undefined && Symbol.for('$$jest-matchers-object') in globalThis;
const NOT_A_WORKFLOW = /(\.test|\.spec|\.d)\.[cm]?[jt]s$/;

/** The workflow files under `dir` (not tests or declaration files), sorted for stable output. */
export function findWorkflowFiles(dir = 'workflows'): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => WORKFLOW_FILE.test(f) && !NOT_A_WORKFLOW.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** The workflows a module exports. `root` is the project folder (its tsconfig.json is used, when it has one). */
export async function loadWorkflowFile(file: string, root = process.cwd()): Promise<LoadedWorkflow[]> {
  return loadFiles([file], root, false);
}

/** Loads every workflow in `files`; two workflows with one name is an error (their outputs would collide). */
export async function loadWorkflows(files: string[], root = process.cwd()): Promise<LoadedWorkflow[]> {
  return loadFiles(files, root, true);
}

async function loadFiles(files: string[], root: string, sorted: boolean): Promise<LoadedWorkflow[]> {
  const problems: Problem[] = [];
  const paths: { path: string; shown: string }[] = [];
  for (const file of files) {
    const path = resolve(file);
    const shown = relative(process.cwd(), path) || basename(path);
    if (!existsSync(path) || !statSync(path).isFile()) problems.push({ file: shown, message: 'no such file', fix: 'give the path of a workflow module, e.g. workflows/ingest.ts' });
    else paths.push({ path, shown });
  }
  const all: LoadedWorkflow[] = [];
  for (const outcome of await importAll(paths.map((p) => p.path), root)) {
    const shown = paths.find((p) => p.path === outcome.path)!.shown;
    if ('error' in outcome) {
      const { error } = outcome;
      if (isStepwrightError(error)) problems.push(...error.at({ file: shown }).problems);
      else {
        const { message, ...at } = describeLoadError(error, outcome.path);
        problems.push({ file: shown, ...at, message: `could not load the module: ${message}`, fix: 'fix the error; a workflow module must run without side effects beyond building workflows' });
      }
      continue;
    }
    all.push(...workflowsOf(outcome.exports).map((workflow) => ({ workflow, file: shown })));
  }
  const byName = new Map<string, LoadedWorkflow>();
  for (const loaded of all) {
    const other = byName.get(loaded.workflow.name);
    if (other) problems.push({ file: loaded.file, workflow: loaded.workflow.name, message: `the name is also used by a workflow in ${other.file}`, fix: 'give each workflow its own name' });
    byName.set(loaded.workflow.name, loaded);
  }
  if (problems.length > 0) throw new StepwrightError(problems);
  return sorted ? all.sort((a, b) => a.workflow.name.localeCompare(b.workflow.name)) : all;
}

/** Inside Jest, Jest's module system (and its transform) loads them; elsewhere one loader registration does. */
async function importAll(paths: string[], root: string) {
  if (!IN_JEST) {
    const tsconfig = join(resolve(root), 'tsconfig.json');
    return importFresh(paths, existsSync(tsconfig) ? tsconfig : undefined);
  }
  const outcomes = [];
  for (const path of paths) {
    try {
      outcomes.push({ path, exports: (await import(path)) as Record<string, unknown> });
    } catch (error) {
      outcomes.push({ path, error });
    }
  }
  return outcomes;
}

/** Default and named exports, and the values of a default-exported object. */
function workflowsOf(exports: Record<string, unknown>): Workflow[] {
  const found = new Set<Workflow>();
  for (const value of Object.values(exports)) if (isWorkflow(value)) found.add(value);
  const nested = (exports as { default?: Record<string, unknown> }).default;
  if (nested && typeof nested === 'object' && !isWorkflow(nested)) for (const value of Object.values(nested)) if (isWorkflow(value)) found.add(value);
  return [...found];
}

/**
 * What went wrong loading a module, at the line of the user's file: a syntax error as the
 * transform reports it (`file.ts:3:10: ERROR: Expected ";"`), else the frame of the stack in the file.
 */
function describeLoadError(error: unknown, path: string): { message: string; line?: number; column?: number } {
  if (!(error instanceof Error)) return { message: String(error) };
  const syntax = error.message.split('\n').map((l) => /:(\d+):(\d+): ERROR: (.*)$/.exec(l)).find((m) => m && error.message.includes(path));
  if (syntax) return { message: syntax[3]!, line: Number(syntax[1]), column: Number(syntax[2]) };
  const frame = error.stack?.split('\n').find((line) => line.includes(path));
  const at = frame?.match(/:(\d+):(\d+)\)?$/);
  const message = error.message.split('\n')[0]!;
  return at ? { message, line: Number(at[1]), column: Number(at[2]) } : { message };
}
