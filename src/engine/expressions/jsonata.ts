/**
 * JSONata fields of JSONata states: a string that is exactly `{% expr %}` is evaluated with
 * `$states` and the workflow's variables bound; objects and arrays are walked; everything else is
 * a literal. Failures are States.QueryEvaluationError with AWS's cause texts, naming the field as
 * AWS does: `/` before each object key and `[i]` for each array index (`Arguments/a/b[0]`).
 */
import jsonata from 'jsonata';
import type { JsonValue } from '../../asl/types.js';
import { StatesError } from '../states-error.js';
import { STEP_FUNCTIONS_JSONATA_FUNCTIONS } from './jsonata-functions.js';

/** JSONata: `$states` and variables available to an expression. */
export interface JsonataScope {
  states: { input: JsonValue; context: JsonValue; result?: JsonValue; errorOutput?: JsonValue };
  variables: Record<string, JsonValue>;
}

/** Whether a field value is a JSONata expression: a string that starts with `{%` and ends with `%}`. */
export function isJsonataExpression(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 4 && value.startsWith('{%') && value.endsWith('%}');
}

/** The expression inside `{% %}`, as AWS quotes it in causes. */
export function jsonataExpressionText(value: string): string {
  return value.slice(2, -2).trim();
}

const compiled = new Map<string, jsonata.Expression>();

/** Compiles (once) and rejects what AWS's JSONata 2.0.6 does not have. Throws the library's error. */
function compile(expression: string): jsonata.Expression {
  let expr = compiled.get(expression);
  if (!expr) {
    expr = jsonata(expression);
    rejectNewerOperators(expr.ast());
    compiled.set(expression, expr);
  }
  return expr;
}

/**
 * AWS implements JSONata 2.0.6; the library here is newer and also parses `?:` and `??` (2.1.0),
 * which it rewrites into conditions. Those rewrites are recognisable in the tree.
 */
function rejectNewerOperators(node: unknown, seen = new Set<unknown>()): void {
  if (node === null || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  const n = node as Record<string, unknown>;
  if (n.type === 'condition') {
    // `a ?: b` becomes `a ? a : b` with the very same node (same positions) as condition and then.
    if (n.then !== undefined && JSON.stringify(n.then) === JSON.stringify(n.condition)) throw Object.assign(new Error("The elvis operator '?:' is not supported (JSONata 2.0.6)"), { code: 'S0201' });
    const c = n.condition as { type?: string; procedure?: { value?: string; position?: number } } | undefined;
    if (c?.type === 'function' && c.procedure?.value === 'exists' && c.procedure.position === undefined) {
      throw Object.assign(new Error("The coalescing operator '??' is not supported (JSONata 2.0.6)"), { code: 'S0201' });
    }
  }
  for (const value of Object.values(n)) {
    if (Array.isArray(value)) value.forEach((v) => rejectNewerOperators(v, seen));
    else rejectNewerOperators(value, seen);
  }
}

function errorText(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) {
    const code = (error as { code?: unknown }).code;
    const message = String((error as { message: unknown }).message);
    return typeof code === 'string' ? `${code}: ${message}` : message;
  }
  return String(error);
}

function isFunctionValue(value: unknown): boolean {
  return (
    typeof value === 'function' ||
    (value !== null && typeof value === 'object' && ('_jsonata_lambda' in value || '_jsonata_function' in value))
  );
}

/** Evaluate one `{% %}` string. */
async function evaluateExpression(value: string, scope: JsonataScope, field: string): Promise<JsonValue> {
  const expression = jsonataExpressionText(value);
  const prefix = `The JSONata expression '${expression}' specified for the field '${field}'`;
  let result: unknown;
  try {
    const bindings = { ...scope.variables, states: scope.states, ...STEP_FUNCTIONS_JSONATA_FUNCTIONS };
    result = await compile(expression).evaluate(undefined, bindings);
  } catch (error) {
    throw new StatesError('States.QueryEvaluationError', `${prefix} threw an error during evaluation. ${errorText(error)}`);
  }
  if (result === undefined) throw new StatesError('States.QueryEvaluationError', `${prefix} returned nothing (undefined).`);
  if (isFunctionValue(result)) throw new StatesError('States.QueryEvaluationError', `${prefix} returned an unsupported result type.`);
  // Drops JSONata's sequence markers and nested functions/undefined, leaving plain JSON.
  return JSON.parse(JSON.stringify(result)) as JsonValue;
}

/** Evaluate a JSONata field value: `{% %}` strings are evaluated; objects/arrays recursively. */
export async function evaluateJsonataTemplate(value: JsonValue, scope: JsonataScope, field: string): Promise<JsonValue> {
  if (isJsonataExpression(value)) return evaluateExpression(value, scope, field);
  if (Array.isArray(value)) {
    const out: JsonValue[] = [];
    for (let i = 0; i < value.length; i++) out.push(await evaluateJsonataTemplate(value[i], scope, `${field}[${i}]`));
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value)) out[key] = await evaluateJsonataTemplate(item, scope, field ? `${field}/${key}` : key);
    return out;
  }
  return value;
}

/** For the static validator: undefined when the `{% %}` expression parses, else why not. */
export function checkJsonataSyntax(expressionWithBraces: string): string | undefined {
  if (!isJsonataExpression(expressionWithBraces)) return `a JSONata expression must be written as '{% expression %}'`;
  const expression = jsonataExpressionText(expressionWithBraces);
  if (expression === '') return 'the JSONata expression is empty';
  try {
    compile(expression);
    return undefined;
  } catch (error) {
    return errorText(error);
  }
}

export type JsonataResultType = 'array' | 'object' | 'string' | 'number' | 'boolean' | 'null';

function resultType(value: JsonValue): JsonataResultType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as JsonataResultType;
}

/**
 * Evaluate a field that must produce one type (Items → array, Seconds/MaxConcurrency → number,
 * Condition → boolean ...). A `{% %}` result of another type fails as recorded on AWS:
 * "... returned an unexpected result type. Expected 'array', but was 'boolean' for value: true".
 * A literal (non-expression) value is returned unchecked; the validator owns literals.
 */
export async function evaluateJsonataField(
  value: JsonValue,
  scope: JsonataScope,
  field: string,
  expected: JsonataResultType,
): Promise<JsonValue> {
  const result = await evaluateJsonataTemplate(value, scope, field);
  if (isJsonataExpression(value) && resultType(result) !== expected) {
    throw new StatesError(
      'States.QueryEvaluationError',
      `The JSONata expression '${jsonataExpressionText(value)}' specified for the field '${field}' returned an unexpected result type. Expected '${expected}', but was '${resultType(result)}' for value: ${JSON.stringify(result)}`,
    );
  }
  return result;
}
