/**
 * Loads workflow modules, written in TypeScript, at run time without a separate compile step
 * (tsx). A module may export any number of workflows (default and named exports); modules that
 * export none (shared config, fragments) are skipped.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { isStepwrightError, StepwrightError } from '../model/errors.js';
import { isWorkflow, type Workflow } from '../dsl/workflow.js';

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
const IN_JEST = process.env.JEST_WORKER_ID !== undefined;
const NOT_A_WORKFLOW = /(\.test|\.spec|\.d)\.[cm]?[jt]s$/;

/** The workflow files under `dir` (not tests or declaration files), sorted for stable output. */
export function findWorkflowFiles(dir = 'workflows'): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => WORKFLOW_FILE.test(f) && !NOT_A_WORKFLOW.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** The workflows a module exports. `root` is where bare imports (`stepwright`) resolve from. */
export async function loadWorkflowFile(file: string, root = process.cwd()): Promise<LoadedWorkflow[]> {
  const path = resolve(file);
  const shown = relative(process.cwd(), path) || basename(path);
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new StepwrightError({ file: shown, message: 'no such file', fix: 'give the path of a workflow module, e.g. workflows/ingest.ts' });
  }
  let exports: Record<string, unknown>;
  try {
    exports = IN_JEST
      ? ((await import(path)) as Record<string, unknown>)
      : await tsImport(pathToFileURL(path).href, { parentURL: pathToFileURL(`${resolve(root)}/`).href });
  } catch (error) {
    if (isStepwrightError(error)) throw error.at({ file: shown });
    throw new StepwrightError({ file: shown, message: `could not load the module: ${describeLoadError(error, path)}`, fix: 'fix the error above; the module must run without side effects beyond building workflows' });
  }
  const found = new Set<Workflow>();
  for (const value of Object.values(exports)) if (isWorkflow(value)) found.add(value);
  const nested = (exports as { default?: Record<string, unknown> }).default;
  if (nested && typeof nested === 'object' && !isWorkflow(nested)) for (const value of Object.values(nested)) if (isWorkflow(value)) found.add(value);
  return [...found].map((workflow) => ({ workflow, file: shown }));
}

/** Loads every workflow in `files`; two workflows with one name is an error (their outputs would collide). */
export async function loadWorkflows(files: string[], root = process.cwd()): Promise<LoadedWorkflow[]> {
  const all: LoadedWorkflow[] = [];
  const problems: StepwrightError[] = [];
  for (const file of files) {
    try {
      all.push(...(await loadWorkflowFile(file, root)));
    } catch (error) {
      if (!isStepwrightError(error)) throw error;
      problems.push(error);
    }
  }
  const byName = new Map<string, LoadedWorkflow>();
  for (const loaded of all) {
    const other = byName.get(loaded.workflow.name);
    if (other) {
      problems.push(new StepwrightError({ file: loaded.file, workflow: loaded.workflow.name, message: `the name is also used by a workflow in ${other.file}`, fix: 'give each workflow its own name' }));
    }
    byName.set(loaded.workflow.name, loaded);
  }
  if (problems.length > 0) throw new StepwrightError(problems.flatMap((p) => p.problems));
  return all.sort((a, b) => a.workflow.name.localeCompare(b.workflow.name));
}

/** The error's message plus the line of the user's file it came from, when the stack shows it. */
function describeLoadError(error: unknown, path: string): string {
  if (!(error instanceof Error)) return String(error);
  const frame = error.stack?.split('\n').find((line) => line.includes(path));
  const at = frame?.match(/:(\d+):(\d+)\)?$/);
  return at ? `${error.message} (line ${at[1]})` : error.message;
}
