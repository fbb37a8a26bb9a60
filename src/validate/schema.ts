/**
 * asl-validator's verdict on a definition, as Problems: its JSON schemas (amended where AWS accepts
 * more, see aws-amendments.ts) and its per-state checks.
 *
 * Two things differ from calling asl-validator's function, and neither changes a verdict:
 * - the schemas are not compiled on each call: they were compiled once, to standalone code
 *   (schema-validators.generated.ts, made by scripts/schema-validators.ts), whose formats read the
 *   options of the current call (schema-formats.ts);
 * - each machine (the top level, every Parallel branch, every Map processor) is checked on its own,
 *   with its nested machines replaced by a one-state stub. asl-validator's schemas try a Parallel or
 *   Map state against one variant per query language, and each variant checks the whole nested
 *   machine again, so its time doubles with every level of nesting; checked one by one, each state
 *   is checked once and the time is linear in the size of the definition. Both variants of a state
 *   refer to the same schema for their nested machines, so a definition is valid exactly when its
 *   stubbed machines and the nested machines are.
 */
import type { ErrorObject } from 'ajv';
import type { Problem } from '../model/errors.js';
import { duplicateFieldNames, STATE_CHECKS } from './asl-validator-parts.js';
import { withSchemaOptions, type SchemaOptions } from './schema-formats.js';
import { machine as machineValidator, nested as nestedValidator } from './schema-validators.generated.js';
import { isPlainObject, locate, pointerOf, type JsonKey } from './pointer.js';

export type { SchemaOptions };

/** A compiled schema: true when the value is valid, else false with the errors in `errors`. */
interface ValidateFunction {
  (value: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** A whole definition (state-machine.json), and a nested machine: its StartAt and States (base-state-machine.json). */
const machine = machineValidator as ValidateFunction;
const nested = nestedValidator as ValidateFunction;

export function checkSchema(definition: Record<string, unknown>, options: SchemaOptions = {}): Problem[] {
  const parts = splitMachines(definition);
  const problems: Problem[] = [];
  withSchemaOptions(options, () => {
    for (const part of parts) {
      const validate = part.nested ? nested : machine;
      if (validate(part.value)) continue;
      for (const error of selectErrors(validate.errors ?? [])) problems.push(schemaProblem(part.path, error));
    }
  });
  if (problems.length > 0) return problems;
  // asl-validator runs its per-state checks only on a definition its schemas accept.
  for (const part of parts) {
    for (const [name, state] of Object.entries(part.value.States as Record<string, Record<string, unknown>>)) {
      if (name === STUB) continue;
      for (const { type, notTypes, check } of STATE_CHECKS) {
        if (type !== undefined ? state.Type !== type : notTypes!.includes(state.Type as string)) continue;
        const error = check({ stateName: name, state });
        if (error) problems.push({ state: name, message: error.Message, source: 'asl-validator', fix: 'keep one of the fields named' });
      }
      const { Branches: _b, ItemProcessor: _p, Iterator: _i, ...own } = state;
      for (const error of duplicateFieldNames(own, {})) {
        problems.push({ state: name, message: error.Message, source: 'asl-validator', fix: 'rename one of the two fields: once ".$" is stripped they have the same name' });
      }
    }
  }
  return problems;
}

/** The name of the one state of a stub machine; Branches and processors hold it in place of their own. */
const STUB = 'stepwright:nested machine, checked on its own';

interface Part {
  /** Where the part sits in the definition. */
  path: JsonKey[];
  /** The machine, its nested machines stubbed, every state with a QueryLanguage. */
  value: Record<string, unknown>;
  nested: boolean;
}

/**
 * The definition as machines, each ready for the schema: nested machines stubbed, and every state
 * given the definition's QueryLanguage when it has none, as asl-validator does before validating
 * (on copies: the caller's definition is left as it is).
 */
function splitMachines(definition: Record<string, unknown>): Part[] {
  const language = (definition.QueryLanguage as string | undefined) ?? 'JSONPath';
  const stub = () => ({ StartAt: STUB, States: { [STUB]: { Type: 'Succeed', QueryLanguage: language } } });
  const parts: Part[] = [];
  const pending: Part[] = [];
  const add = (part: Part) => {
    parts.push(part);
    pending.push(part);
  };
  /** A nested machine becomes a part of its own when it has States to check; its owner keeps a stub. */
  const nest = (machine: unknown, path: JsonKey[]): unknown => {
    if (!isPlainObject(machine) || !isPlainObject(machine.States)) return machine;
    add({ path, value: Object.fromEntries(Object.entries(machine).filter(([k]) => k === 'StartAt' || k === 'States')), nested: true });
    return { ...machine, ...stub() };
  };
  add({ path: [], value: { ...definition }, nested: false });
  while (pending.length > 0) {
    const part = pending.pop()!;
    if (!isPlainObject(part.value.States)) continue;
    part.value.States = Object.fromEntries(
      Object.entries(part.value.States).map(([name, state]) => {
        if (!isPlainObject(state)) return [name, state];
        const copy: Record<string, unknown> = { ...state };
        if (!copy.QueryLanguage) copy.QueryLanguage = language;
        const at = [...part.path, 'States', name];
        if (copy.Type === 'Parallel' && Array.isArray(copy.Branches)) copy.Branches = copy.Branches.map((b, i) => nest(b, [...at, 'Branches', i]));
        if (copy.Type === 'Map') for (const field of ['ItemProcessor', 'Iterator']) if (field in copy) copy[field] = nest(copy[field], [...at, field]);
        return [name, copy];
      }),
    );
  }
  return parts;
}

/**
 * asl-validator's choice among Ajv's errors: the deepest ones, the `oneOf` summary rather than each
 * variant's complaint at the same place, each (schema path, instance path) once.
 */
function selectErrors(errors: ErrorObject[]): ErrorObject[] {
  let deepest = 0;
  let selected: ErrorObject[] = [];
  for (const error of errors) {
    const depth = error.instancePath.split('/').length;
    if (depth > deepest) selected = [error];
    else if (depth === deepest) selected.push(error);
    deepest = Math.max(deepest, depth);
  }
  const withOneOf = new Set(selected.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const seen = new Set<string>();
  return selected.filter((e) => {
    if (e.keyword !== 'oneOf' && withOneOf.has(e.instancePath)) return false;
    const key = `${e.schemaPath}|${e.instancePath}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** An Ajv instance path segment: array indices as numbers (Ajv gives every segment as text). */
function segment(text: string): JsonKey {
  return /^\d+$/.test(text) ? Number(text) : text.replace(/~1/g, '/').replace(/~0/g, '~');
}

function schemaProblem(base: JsonKey[], error: ErrorObject): Problem {
  const path = [...base, ...error.instancePath.split('/').slice(1).map(segment)];
  const message = `${pointerOf(path) || '(the definition)'} is invalid. ${error.message ?? ''}`.trim();
  const params = error.params as { additionalProperty?: string; missingProperty?: string };
  // A key States does not allow is a state name asl-validator's pattern refuses (empty, over 80
  // characters, a line break): the problem belongs to that state. A missing field is located at it.
  if (error.keyword === 'additionalProperties' && path[path.length - 1] === 'States' && params.additionalProperty !== undefined) {
    return { state: params.additionalProperty, message, source: 'asl-validator', fix: FIX };
  }
  const where = locate(error.keyword === 'required' && params.missingProperty !== undefined ? [...path, params.missingProperty] : path);
  return { ...where, message, source: 'asl-validator', fix: FIX };
}

const FIX = 'compare the field with the Amazon States Language specification';
