/**
 * What the translation of one machine shares between its parts: the context of the DAG being built
 * (MachineScope), a state's result as tasks and data, and the data rules of ASL (joins of inputs
 * and variables, ResultPath, Assign) over symbolic values.
 */
import type { JsonValue, QueryLanguage } from '../model/asl.js';
import type { Machine } from '../model/walk.js';
import type { MachineShape } from './graph.js';
import type { AirflowMajor, Dag, DagTarget, DagTask, Fidelity } from './model.js';
import type { CoreOperator } from './operators.js';
import { lit, opaque, type Sym } from './sym.js';
import { fromPath, fromValue, type Scope } from './translate.js';

export interface BuildContext {
  major: AirflowMajor;
  target: DagTarget;
  workflowOf: (arn: string) => string | undefined;
}

/** The DAG being built, and the machine being translated (the workflow, or a Parallel branch in its task group). */
export interface MachineScope {
  dag: Dag;
  /** Task and group ids taken so far (they share one namespace in dag-factory). */
  used: Set<string>;
  ctx: BuildContext;
  serverless: boolean;
  /** The workflow's helper module, as Python imports it. */
  module: string;
  workflow: string;
  machine: Machine;
  shape: MachineShape;
  group: string | undefined;
  groupPaths: Map<string, string>;
  /** States in the order they were translated (COMPARISON.md's rows). */
  order: string[];
  /** Branch helpers (by index) → the YAML task ids each target state starts with, known once its machine is wired. */
  branches: { helper: number; task: string; targets: Map<string, () => string[]> }[];
  add(task: DagTask): DagTask;
  xcom(id: string, key?: string): Sym;
  mapping(state: string, type: string, tasks: string[], fidelity: Fidelity, notes: string[]): void;
  core(operator: CoreOperator): string;
  fullId(id: string): string;
  entryOf(state: string): string[];
  translate(machine: Machine, language: QueryLanguage, input: Sym, vars: ReadonlyMap<string, Sym>, group: string | undefined): StateResult;
}

export interface StateResult {
  /** Tasks that start the state; [] when folded. */
  entry: string[];
  /** Tasks whose end is the state's end. */
  exit: string[];
  output: Sym;
  vars: ReadonlyMap<string, Sym>;
}

export const ERROR_OUTPUT: Sym = {
  k: 'obj',
  entries: [
    ['Error', lit('States.TaskFailed', 'the caught error is not available to Airflow templates: Error is States.TaskFailed')],
    ['Cause', { k: 'op', op: '&', a: lit('an Airflow task failed in run '), b: { k: 'ctx', name: 'run_id', note: 'the Cause names the run; the failed task\'s log has the reason' } }],
  ],
};

export const timedelta = (seconds: number): JsonValue => ({ __type__: 'datetime.timedelta', seconds });

/** Airflow task ids: letters, digits, `_`, `-`, `.`; derived from the state name, unique in the DAG. */
export function taskId(state: string, used: Set<string>): string {
  const base = state.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'state';
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
  used.add(id);
  return id;
}

export function pyModule(workflow: string): string {
  return workflow.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1');
}

export function referencedVariables(text: string): string[] {
  return [...new Set([...text.matchAll(/\$([A-Za-z_]\w*)/g)].map((m) => m[1]!).filter((v) => v !== 'states'))].sort();
}

/** Inputs arriving by several paths: the same value, or one that depends on the path (not translated). */
export function joinInputs(inputs: Sym[]): Sym {
  const first = JSON.stringify(inputs[0]);
  return inputs.every((i) => JSON.stringify(i) === first) ? inputs[0]! : opaque('the state input depends on the path taken to it');
}

export function joinVars(all: ReadonlyMap<string, Sym>[]): Map<string, Sym> {
  const out = new Map<string, Sym>();
  const names = new Set(all.flatMap((m) => [...m.keys()]));
  for (const name of names) out.set(name, joinInputs(all.map((m) => m.get(name) ?? opaque(`$${name} is not assigned on every path`))));
  return out;
}

export function applyResultPath(input: Sym, value: Sym, resultPath: string | null | undefined): Sym {
  if (resultPath === undefined || resultPath === '$') return value;
  if (resultPath === null) return input;
  const key = /^\$\.([A-Za-z_]\w*)$/.exec(resultPath)?.[1];
  return key ? { k: 'set', of: input, key, value } : opaque(`ResultPath ${resultPath} is not translated`);
}

export function assign(assignments: Record<string, JsonValue> | undefined, lang: QueryLanguage, scope: Scope, vars: ReadonlyMap<string, Sym>): Map<string, Sym> {
  const out = new Map(vars);
  for (const [key, value] of Object.entries(assignments ?? {})) {
    if (lang === 'JSONPath' && key.endsWith('.$')) out.set(key.slice(0, -2), typeof value === 'string' ? fromPath(value, scope) : opaque('not a path'));
    else out.set(key, fromValue(value, lang, scope));
  }
  return out;
}

