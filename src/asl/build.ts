/** A workflow to a validated ASL definition: compile, then validate; every problem carries its location. */
import { StepwrightError, isStepwrightError } from '../errors.js';
import type { Workflow } from '../dsl/workflow.js';
import { compile } from './compile.js';
import type { StateMachineDefinition } from './types.js';
import { validateDefinition } from './validate/index.js';

export function buildDefinition(workflow: Workflow, file?: string): StateMachineDefinition {
  let definition: StateMachineDefinition;
  try {
    definition = compile(workflow);
  } catch (error) {
    throw isStepwrightError(error) ? error.at({ file, workflow: workflow.name }) : error;
  }
  const problems = validateDefinition(definition);
  if (problems.length > 0) throw new StepwrightError(problems).at({ file, workflow: workflow.name });
  return definition;
}
