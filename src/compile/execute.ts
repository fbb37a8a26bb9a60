/**
 * `execute(workflowOrDefinition, input, options)`: run a workflow on the embedded executor.
 * A DSL workflow is compiled first; any definition is validated first (unless `validate: false`),
 * so an invalid one is rejected with the validator's messages instead of failing half-way.
 */
import type { JsonValue, StateMachineDefinition } from '../model/asl.js';
import { buildDefinition } from './build.js';
import { assertValidDefinition } from '../validate/index.js';
import { isWorkflow, type Workflow } from '../dsl/workflow.js';
import type { ExecuteOptions, ExecutionResult } from '../engine/index.js';

export interface RunOptions extends ExecuteOptions {
  /** Validate the definition before running it (default true). */
  validate?: boolean;
}

/**
 * What running `target` takes: its definition (a workflow compiled, a definition validated unless
 * `validate: false`) and the engine options, with a workflow's type and name filled in.
 */
export function prepareRun(target: Workflow | StateMachineDefinition, options: RunOptions = {}): { definition: StateMachineDefinition; options: ExecuteOptions } {
  const { validate = true, ...rest } = options;
  if (isWorkflow(target)) {
    return {
      definition: buildDefinition(target),
      options: { type: target.options.type, ...rest, context: { ...rest.context, StateMachine: { Name: target.name, ...rest.context?.StateMachine } } },
    };
  }
  if (validate) assertValidDefinition(target);
  return { definition: target, options: rest };
}

export async function execute(target: Workflow | StateMachineDefinition, input: JsonValue = {}, options: RunOptions = {}): Promise<ExecutionResult> {
  const prepared = prepareRun(target, options);
  // Loaded on first use: a workflow module imports 'stepwright', and a build must not pay for the executor.
  const { executeDefinition } = await import('../engine/index.js');
  return executeDefinition(prepared.definition, input, prepared.options);
}
