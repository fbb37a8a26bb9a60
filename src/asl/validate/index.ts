/**
 * Validation of any ASL definition, ours or hand-written: asl-validator's schema checks, then our
 * own semantic checks, each problem with the state, the field and a fix.
 */
import type { Location, Problem } from '../../errors.js';
import { StepwrightError } from '../../errors.js';
import type { StateMachineDefinition } from '../types.js';
import { checkGraph } from './graph.js';
import { checkLanguage } from './language.js';
import { checkErrorLists, checkExpressions } from './expressions.js';
import { checkSchema, type SchemaOptions } from './schema.js';
import { sites } from './walk.js';

/** The largest definition CreateStateMachine accepts. */
export const MAX_DEFINITION_BYTES = 1_048_576;

export type ValidateOptions = SchemaOptions;

export function validateDefinition(definition: unknown, options: ValidateOptions = {}): Problem[] {
  if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
    return [{ message: 'a state machine definition must be a JSON object with StartAt and States', fix: 'start from { "StartAt": "First", "States": { "First": { "Type": "Pass", "End": true } } }' }];
  }
  const def = definition as StateMachineDefinition;
  if (typeof def.States !== 'object' || def.States === null || Array.isArray(def.States)) {
    return [{ field: 'States', message: 'is missing or not an object', fix: 'give the states as an object keyed by state name' }];
  }
  const problems: Problem[] = [];
  const bytes = Buffer.byteLength(JSON.stringify(def), 'utf8');
  if (bytes > MAX_DEFINITION_BYTES) {
    problems.push({ message: `the definition is ${bytes} bytes; AWS accepts at most ${MAX_DEFINITION_BYTES}`, fix: 'move large constants out of the definition, or split the workflow into nested state machines' });
  }
  problems.push(...checkGraph(def));
  for (const site of sites(def)) {
    problems.push(...checkLanguage(site, def.QueryLanguage), ...checkExpressions(site), ...checkErrorLists(site));
  }
  // asl-validator's vaguer messages only for states our checks found nothing wrong with.
  const flagged = new Set(problems.map((p) => p.state));
  const schema = checkSchema(def, options).filter((p) => p.state === undefined || !flagged.has(p.state));
  problems.push(...(problems.length > 0 ? schema.filter((p) => !p.message.startsWith('asl-validator could not check')) : schema));
  return problems;
}

/** Throws a StepwrightError listing every problem, located at `location`. */
export function assertValidDefinition(definition: unknown, location: Location = {}, options: ValidateOptions = {}): void {
  const problems = validateDefinition(definition, options);
  if (problems.length > 0) throw new StepwrightError(problems).at(location);
}
