/**
 * `runWorkflow(workflow, input, options)`: one execution on the embedded executor, returned with
 * what tests ask about (path, retries, catches, calls, variables, times) read from its history.
 * Every run is also recorded for coverage.
 */
import type { JsonValue, StateMachineDefinition } from '../model/asl.js';
import { isWorkflow, type Workflow } from '../dsl/workflow.js';
import { executeDefinition as execute, type ExecutionResult } from '../engine/index.js';
import { prepareRun, type RunOptions } from '../compile/execute.js';
import { recordRun } from './coverage.js';
import { machineModel, type MachineModel } from '../model/graph.js';
import { traceRun, type Failure, type TaskCallRecord, type Trace, type Visit } from './trace.js';

export interface RunWorkflowOptions extends RunOptions {
  /** The name coverage is kept under, for a bare definition (a workflow's own name otherwise). */
  name?: string;
}

export interface WorkflowRun extends ExecutionResult, Trace {
  /** The workflow's name (or `options.name`). */
  workflow: string;
  definition: StateMachineDefinition;
  model: MachineModel;
  input: JsonValue;
  /** Every state entered, in order (nested states included, where they ran). */
  path: string[];
  /** The state where an uncaught failure ended the run. */
  failedAt?: Visit;
  /** How many times `state` was retried. */
  retriesOf(state: string): number;
  /** The failures caught at `state`. */
  caughtAt(state: string): Failure[];
  /** The task calls of `state` (a state name) or to `resource` (a Resource ARN, or part of one). */
  callsTo(stateOrResource: string): TaskCallRecord[];
  /** When `state` was entered, each time (virtual clock). */
  enteredAt(state: string): Date[];
}

export async function runWorkflow(target: Workflow | StateMachineDefinition, input: JsonValue = {}, options: RunWorkflowOptions = {}): Promise<WorkflowRun> {
  const { name, ...rest } = options;
  const { definition, options: engineOptions } = prepareRun(target, rest);
  const result = await execute(definition, input, engineOptions);
  const run = describeRun(result, definition, isWorkflow(target) ? target.name : (name ?? 'state machine'), input);
  recordRun(run);
  return run;
}

/** A run as tests see it: the engine's result plus what its history says. */
export function describeRun(result: ExecutionResult, definition: StateMachineDefinition, workflow: string, input: JsonValue): WorkflowRun {
  const model = machineModel(definition);
  const trace = traceRun(result.history, model);
  const failedAt = result.status === 'FAILED' ? findFailedAt(trace.visits) : undefined;
  return {
    ...result,
    ...trace,
    workflow,
    definition,
    model,
    input,
    path: trace.visits.map((v) => v.name),
    ...(failedAt ? { failedAt } : {}),
    retriesOf: (state) => trace.visits.filter((v) => v.name === state).reduce((n, v) => n + v.failures.filter((f) => f.retried).length, 0),
    caughtAt: (state) => trace.visits.filter((v) => v.name === state).flatMap((v) => v.failures.filter((f) => f.caught)),
    callsTo: (key) => trace.calls.filter((c) => c.state === key || c.resource === key || (key.includes(':') && c.resource.includes(key))),
    enteredAt: (state) => trace.visits.filter((v) => v.name === state).map((v) => v.enteredAt),
  };
}

/** The innermost, latest state whose failure nobody retried or caught (or a Fail state). */
function findFailedAt(visits: Visit[]): Visit | undefined {
  for (let i = visits.length - 1; i >= 0; i--) {
    const v = visits[i]!;
    if (v.type === 'Fail') return v;
    const last = v.failures[v.failures.length - 1];
    if (last && !last.retried && !last.caught) return v;
  }
  return undefined;
}
