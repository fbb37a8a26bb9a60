/**
 * Validation of any ASL definition, ours or hand-written: asl-validator's schema checks, then our
 * own semantic checks, each problem with the state, the field and a fix. It never throws on a
 * definition, whatever its shape: every problem is a value.
 */
import type { Location, Problem } from '../model/errors.js';
import { StepwrightError } from '../model/errors.js';
import type { StateMachineDefinition } from '../model/asl.js';
import { checkGraph } from './graph.js';
import { checkLanguage, checkLanguageName } from './language.js';
import { checkErrorLists, checkExpressions } from './expressions.js';
import { checkSchema, type SchemaOptions } from './schema.js';
import { checkJsonShape } from './shape.js';
import { isPlainObject } from './pointer.js';
import { sites } from '../model/walk.js';
import { Memo } from '../model/memo.js';

/** The largest definition CreateStateMachine accepts. */
export const MAX_DEFINITION_BYTES = 1_048_576;

export interface ValidateOptions extends SchemaOptions {
  /** Reuse the answer for a definition validated before in this process (default true). */
  remember?: boolean;
}

/**
 * Validation is a pure function of the definition's text and the options. Tests and scenarios run
 * the same workflow many times, so the answer for each text is kept (a bounded number of them).
 */
const remembered = new Memo<string, Problem[]>(256);

export function validateDefinition(definition: unknown, options: ValidateOptions = {}): Problem[] {
  if (!isPlainObject(definition)) {
    return [{ message: 'a state machine definition must be a JSON object with StartAt and States', fix: 'start from { "StartAt": "First", "States": { "First": { "Type": "Pass", "End": true } } }' }];
  }
  // First what JSON text cannot show: a function or a cycle is not in the text the answers are kept by.
  const shape = checkJsonShape(definition);
  if (shape.length > 0) return shape;
  if (options.remember === false) return validateJson(definition, options);
  const key = `${options.checkPaths !== false}|${options.checkArn !== false}|${JSON.stringify(definition)}`;
  // Callers may locate the problems (add a file, a workflow): they get copies of what is kept.
  return remembered.get(key, () => validateJson(definition, options)).map((p) => ({ ...p }));
}

/** Validation of a definition that is a finite JSON tree. */
function validateJson(definition: Record<string, unknown>, options: ValidateOptions): Problem[] {
  const def = definition as unknown as StateMachineDefinition;
  if (!isPlainObject(def.States)) {
    return [{ field: 'States', message: def.States === undefined ? 'is missing' : 'is not an object', fix: 'give the states as an object keyed by state name' }];
  }
  const problems: Problem[] = [];
  const bytes = Buffer.byteLength(JSON.stringify(def), 'utf8');
  if (bytes > MAX_DEFINITION_BYTES) {
    problems.push({ message: `the definition is ${bytes} bytes; AWS accepts at most ${MAX_DEFINITION_BYTES}`, fix: 'move large constants out of the definition, or split the workflow into nested state machines' });
  }
  problems.push(...checkLanguageName(def.QueryLanguage), ...checkGraph(def));
  for (const site of sites(def)) {
    problems.push(...checkLanguage(site, def.QueryLanguage), ...checkExpressions(site), ...checkErrorLists(site));
  }
  // asl-validator's vaguer messages only for states (and top-level fields) our checks found nothing wrong with.
  const flagged = new Set(problems.map((p) => (p.state !== undefined ? `state ${p.state}` : `field ${p.field}`)));
  problems.push(...checkSchema(definition, options).filter((p) => !flagged.has(p.state !== undefined ? `state ${p.state}` : `field ${p.field}`)));
  return problems;
}

/** Throws a StepwrightError listing every problem, located at `location`. */
export function assertValidDefinition(definition: unknown, location: Location = {}, options: ValidateOptions = {}): void {
  const problems = validateDefinition(definition, options);
  if (problems.length > 0) throw new StepwrightError(problems).at(location);
}
