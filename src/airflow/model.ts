/**
 * What the Airflow descriptors are made of: the options a user picks, one DAG as tasks and task
 * groups (the shape dag-factory 1.x reads), and how each state of the workflow carried over.
 */
import type { JsonValue } from '../model/asl.js';

/** Airflow's major version: 3 by default (see operators.ts for why). */
export type AirflowMajor = 2 | 3;

/** Amazon MWAA (an environment), or MWAA Serverless (allowlisted operators, no Python callables). */
export type DagTarget = 'mwaa' | 'mwaa-serverless';

export interface DagOptions {
  /** The output folder; the files go to `<out>/dags/` (default `out`). */
  out?: string;
  /** Airflow's major version, for the core operators' import paths (default 3). */
  airflow?: AirflowMajor;
  /** Amazon MWAA (default) or MWAA Serverless. */
  target?: DagTarget;
  /** Where editors find the YAML's schema (a path relative to the YAML, or a URL): written as a yaml-language-server comment. */
  schema?: string;
}

/** How faithfully a state carries over. */
export type Fidelity = 'exact' | 'approximated' | 'not expressible';

/** One row of COMPARISON.md's per-state table. */
export interface StateMapping {
  state: string;
  type: string;
  /** The Airflow task ids standing for the state ('' when folded into others' templates). */
  tasks: string[];
  fidelity: Fidelity;
  /** How it maps, and what is lost. */
  notes: string[];
}

/** A task as dag-factory reads it (list form); `params` are the operator's keyword arguments. */
export interface DagTask {
  task_id: string;
  operator: string;
  params: Record<string, JsonValue>;
  dependencies: string[];
  task_group_name?: string;
  trigger_rule?: string;
  /** dag-factory's dynamic task mapping: `{ param: 'task_id.output' | list }`. */
  expand?: Record<string, JsonValue>;
  partial?: Record<string, JsonValue>;
  /** The state it stands for (for the report; not written). */
  state: string;
}

export interface DagGroup {
  group_name: string;
  tooltip?: string;
  parent_group_name?: string;
  dependencies?: string[];
}

/** A Python function the DAG's tasks call (Choice branches, Map items, Fail, JSONata at run time). */
export interface HelperFunction {
  name: string;
  /** The function's source, indented with four spaces, `def` line included. */
  source: string;
  /** For branch helpers: the Choice state, and which task id each target state maps to. */
  choice?: { state: string; targets: Record<string, string[]> };
}

export interface Dag {
  dagId: string;
  workflow: string;
  description?: string;
  /** dag-factory DAG-level keys (schedule, start_date, timezone, catchup, dagrun_timeout, ...). */
  settings: Record<string, JsonValue>;
  defaultArgs: Record<string, JsonValue>;
  tasks: DagTask[];
  groups: DagGroup[];
  helpers: HelperFunction[];
  mappings: StateMapping[];
  /** How the workflow is started, in Airflow's terms (schedules and rules). */
  triggers: TriggerNote[];
  /** Why this DAG cannot be written for the target (it is then left out, and the report says why). */
  blockers: string[];
}

export interface TriggerNote {
  kind: 'schedule' | 'rule';
  name: string;
  aws: string;
  airflow: string;
  fidelity: Fidelity;
  notes: string[];
}
