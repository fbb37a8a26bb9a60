/** A workflow to a validated ASL definition: compile, then validate; every problem carries its location. */
import { StepwrightError, isStepwrightError } from '../model/errors.js';
import type { Workflow } from '../dsl/workflow.js';
import { compileWithProblems } from './compile.js';
import type { StateMachineDefinition } from '../model/asl.js';
import { validateDefinition, type ValidateOptions } from '../validate/index.js';

export function buildDefinition(workflow: Workflow, file?: string, options: ValidateOptions = {}): StateMachineDefinition {
  let compiled: ReturnType<typeof compileWithProblems>;
  try {
    compiled = compileWithProblems(workflow);
  } catch (error) {
    throw isStepwrightError(error) ? error.at({ file, workflow: workflow.name }) : error;
  }
  // Validate even what compiled with problems, so users see every problem in one build; where the
  // compiler already spoke about a state's field, the validator's view of it is left out.
  const said = new Set(compiled.problems.map((p) => `${p.state}|${p.field}`));
  const problems = [...compiled.problems, ...validateDefinition(compiled.definition, options).filter((p) => !said.has(`${p.state}|${p.field}`))];
  if (problems.length > 0) throw new StepwrightError(problems).at({ file, workflow: workflow.name });
  return compiled.definition;
}
