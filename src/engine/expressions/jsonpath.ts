/**
 * Reading values with paths in JSONPath states: InputPath, OutputPath, `x.$` payload fields,
 * ItemsPath, *Path fields, Choice Variables. Indefinite paths (wildcards, filters, slices, deep scan)
 * always yield an array of matches, as Jayway JsonPath does for AWS; definite ones yield the value.
 */
import { JSONPath } from 'jsonpath-plus';
import type { JsonValue } from '../../model/asl.js';
import { StatesError } from '../states-error.js';
import type { Random } from '../random.js';
import { jaywayPath, parsePath, PathSyntaxError, type ParsedPath, type Segment } from '../../model/expressions/path.js';

/** What JSONPath expressions can see besides the data they are applied to. */
export interface PathScope {
  /** The `$$` context object. */
  context: JsonValue;
  /** `$name` variables. */
  variables: Record<string, JsonValue>;
  /** The run's seeded random source (States.UUID, States.MathRandom without a seed); Node's otherwise. */
  random?: Random;
}

type Lookup = { found: true; value: JsonValue } | { found: false; failedAt: Segment[]; missingProperty: boolean };

/**
 * Walks definite segments. Reports where the walk stopped, for Jayway-style causes.
 * With `indexPastEndIsNull`, an out-of-range index as the last segment reads as null: a plain
 * `"x.$": "$.items[5]"` succeeds with null on AWS (recorded by emulator authors against AWS).
 */
export function walk(value: JsonValue, segments: readonly Segment[], indexPastEndIsNull = false): Lookup {
  let current: JsonValue = value;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const isLeaf = i === segments.length - 1;
    if (segment.kind === 'property') {
      if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, segment.name)) {
        // Jayway: a missing intermediate property is "Missing property", a missing leaf "No results".
        const missingProperty = !isLeaf && isObject(current);
        return { found: false, failedAt: segments.slice(0, i + 1), missingProperty };
      }
      current = current[segment.name];
    } else {
      if (!Array.isArray(current)) return { found: false, failedAt: segments.slice(0, i + 1), missingProperty: false };
      const index = segment.index < 0 ? current.length + segment.index : segment.index;
      if (index < 0 || index >= current.length) {
        if (isLeaf && indexPastEndIsNull) return { found: true, value: null };
        return { found: false, failedAt: segments.slice(0, i + 1), missingProperty: false };
      }
      current = current[index];
    }
  }
  return { found: true, value: current };
}

function isObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value a path's root names, or undefined for an unknown variable. */
export function rootValue(parsed: ParsedPath, data: JsonValue, scope: PathScope): JsonValue | undefined {
  switch (parsed.root.kind) {
    case 'data':
      return data;
    case 'context':
      return scope.context;
    case 'variable':
      return Object.hasOwn(scope.variables, parsed.root.name) ? scope.variables[parsed.root.name] : undefined;
  }
}

/** Every match of an indefinite path, in document order. */
function queryAll(rest: string, value: JsonValue): JsonValue[] {
  const result = JSONPath({ path: rest, json: value as object, wrap: true, resultType: 'value' }) as JsonValue[] | undefined;
  return result ?? [];
}

/**
 * Fields whose missing path AWS reports as "The JSONPath ... could not be found in the input ...";
 * the others (InputPath, OutputPath, ItemsPath, *SecondsPath, Choice Variable ...) get Jayway's own
 * "Invalid path ..." message.
 */
function usesCouldNotBeFound(field: string): boolean {
  return field.endsWith('.$') || field === 'ErrorPath' || field === 'CausePath';
}

function notFound(path: string, field: string, data: JsonValue, lookup: Lookup & { found: false }): StatesError {
  if (usesCouldNotBeFound(field)) {
    return new StatesError(
      'States.Runtime',
      `The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${JSON.stringify(data)}'`,
    );
  }
  const where = jaywayPath(lookup.failedAt);
  const detail = lookup.missingProperty ? `Missing property in path ${where}` : `No results for path: ${where}`;
  return new StatesError('States.Runtime', `Invalid path '${path}' : ${detail}`);
}

/** Select a reference path or JSONPath (`$.a.b`, `$$.Execution.Id`, `$myVar.x`, `$`) from `data`. */
export function selectPath(path: string, data: JsonValue, scope: PathScope, field: string): JsonValue {
  let parsed: ParsedPath;
  try {
    parsed = parsePath(path);
  } catch (error) {
    if (error instanceof PathSyntaxError) throw new StatesError('States.Runtime', `Invalid path '${path}' : ${error.message}`);
    throw error;
  }
  const root = rootValue(parsed, data, scope);
  if (root === undefined) {
    throw notFound(path, field, data, { found: false, failedAt: [], missingProperty: false });
  }
  if (parsed.segments) {
    const lookup = walk(root, parsed.segments, true);
    if (!lookup.found) throw notFound(path, field, data, lookup);
    return lookup.value;
  }
  return queryAll(parsed.rest, root);
}

/** Whether a path selects something (IsPresent, optional lookups); never throws on missing data. */
export function pathExists(path: string, data: JsonValue, scope: PathScope): boolean {
  let parsed: ParsedPath;
  try {
    parsed = parsePath(path);
  } catch (error) {
    if (error instanceof PathSyntaxError) return false;
    throw error;
  }
  const root = rootValue(parsed, data, scope);
  if (root === undefined) return false;
  if (parsed.segments) return walk(root, parsed.segments).found;
  // An indefinite path is "present" when it matches something (Jayway returns an empty list otherwise).
  return queryAll(parsed.rest, root).length > 0;
}
