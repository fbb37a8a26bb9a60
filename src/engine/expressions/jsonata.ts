/**
 * JSONata fields of JSONata states: a string that is exactly `{% expr %}` is evaluated with
 * `$states` and the workflow's variables bound; objects and arrays are walked; everything else is
 * a literal. Failures are States.QueryEvaluationError with AWS's cause texts, naming the field as
 * AWS does: `/` before each object key and `[i]` for each array index (`Arguments/a/b[0]`).
 */
import type { JsonValue } from '../../model/asl.js';
import { StatesError } from '../states-error.js';
import { STEP_FUNCTIONS_JSONATA_FUNCTIONS } from './jsonata-functions.js';
import { compileJsonata, isJsonataExpression, jsonataErrorText, jsonataExpressionText } from '../../model/expressions/jsonata.js';

/** JSONata: `$states` and variables available to an expression. */
export interface JsonataScope {
  states: { input: JsonValue; context: JsonValue; result?: JsonValue; errorOutput?: JsonValue };
  variables: Record<string, JsonValue>;
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
    result = await compileJsonata(expression).evaluate(undefined, bindings);
  } catch (error) {
    throw new StatesError('States.QueryEvaluationError', `${prefix} threw an error during evaluation. ${jsonataErrorText(error)}`);
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
