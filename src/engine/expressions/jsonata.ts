/**
 * JSONata fields of JSONata states: a string that is exactly `{% expr %}` is evaluated with
 * `$states` and the workflow's variables bound; objects and arrays are walked; everything else is
 * a literal. Failures are States.QueryEvaluationError with AWS's cause texts, naming the field as
 * AWS does: `/` before each object key and `[i]` for each array index (`Arguments/a/b[0]`).
 *
 * Evaluation is bounded as on AWS: an expression nested deeper than about 100 levels fails with
 * "Stack overflow error", one running past the time bound with "Expression evaluation timeout"
 * (limits.ts). The bounds are the library's own guardrails (jsonata's `stack` and `timeout`).
 */
import type jsonataLibrary from 'jsonata';
import type { JsonValue } from '../../model/asl.js';
import { Memo } from '../../model/memo.js';
import { JSONATA_MAX_DEPTH, JSONATA_MAX_MS } from '../limits.js';
import { setOwn } from '../own.js';
import { BranchStopped, StatesError } from '../states-error.js';
import { fromMillis, STEP_FUNCTIONS_JSONATA_FUNCTIONS } from './jsonata-functions.js';
import type { Random } from '../random.js';
import { compileJsonata, isJsonataExpression, jsonataErrorText, jsonataExpressionText } from '../../model/expressions/jsonata.js';

/** JSONata: `$states` and variables available to an expression. */
export interface JsonataScope {
  states: { input: JsonValue; context: JsonValue; result?: JsonValue; errorOutput?: JsonValue };
  variables: Record<string, JsonValue>;
  /** The execution's own stop check (wall-clock budget), run at every step of a long evaluation. */
  guard?: JsonataGuard;
  /**
   * The execution's clock and seeded random source: `$now()` and `$millis()` read the execution's
   * time (virtual in tests: a run started at 2026-11-01 sees 2026-11-01, not the machine's date),
   * `$uuid()` and an unseeded `$random()` repeat with the run's seed.
   */
  run?: { now(): number; random: Random };
}

/** Throws BranchStopped when the execution this evaluation belongs to must stop. */
export interface JsonataGuard {
  check(): void;
}

/** AWS's causes for the two bounds (recorded with TestState; the library's own texts differ). */
const BOUND_CAUSES: Record<string, string> = {
  D1011: 'Stack overflow error: Check for non-terminating recursive function. Consider rewriting as tail-recursive.',
  D1012: 'Expression evaluation timeout: Check for infinite loop',
};

const BOUNDS: jsonataLibrary.JsonataOptions = { stack: JSONATA_MAX_DEPTH, timeout: JSONATA_MAX_MS };
const bounded = new Memo<string, jsonataLibrary.Expression>(4096);
const guarded = new WeakMap<JsonataGuard, Map<string, jsonataLibrary.Expression>>();

/**
 * The compiled expression, with the bounds. A run with a guard gets its own copies: the library
 * reads `timeout` at every evaluation step, which is where the guard gets its turn.
 */
function compiled(expression: string, guard: JsonataGuard | undefined): jsonataLibrary.Expression {
  if (!guard) return bounded.get(expression, (text) => compileJsonata(text, BOUNDS));
  let byText = guarded.get(guard);
  if (!byText) guarded.set(guard, (byText = new Map()));
  let expr = byText.get(expression);
  if (!expr) {
    const options = {
      stack: JSONATA_MAX_DEPTH,
      get timeout(): number {
        guard.check();
        return JSONATA_MAX_MS;
      },
    };
    expr = compileJsonata(expression, options);
    byText.set(expression, expr);
  }
  return expr;
}

function isFunctionValue(value: unknown): boolean {
  return (
    typeof value === 'function' ||
    (value !== null && typeof value === 'object' && ('_jsonata_lambda' in value || '_jsonata_function' in value))
  );
}

/**
 * JSONata fixes `$now()` and `$millis()` for one evaluation; here that instant is the execution's
 * clock rather than the machine's, and `$uuid()` / unseeded `$random()` draw from the run's seed.
 */
function runBindings(run: NonNullable<JsonataScope['run']>): Record<string, unknown> {
  const nowMs = run.now();
  return {
    now: (picture?: string, timezone?: string) => (picture === undefined && timezone === undefined ? new Date(nowMs).toISOString() : fromMillis(nowMs, picture, timezone)),
    millis: () => nowMs,
    uuid: () => run.random.uuid(),
    random: (seed?: unknown) => (seed === undefined ? run.random.next() : (STEP_FUNCTIONS_JSONATA_FUNCTIONS.random as (seed: unknown) => number)(seed)),
  };
}

/** Evaluate one `{% %}` string. */
async function evaluateExpression(value: string, scope: JsonataScope, field: string): Promise<JsonValue> {
  const expression = jsonataExpressionText(value);
  const prefix = `The JSONata expression '${expression}' specified for the field '${field}'`;
  let result: unknown;
  try {
    const bindings = { ...scope.variables, states: scope.states, ...STEP_FUNCTIONS_JSONATA_FUNCTIONS, ...(scope.run ? runBindings(scope.run) : {}) };
    result = await compiled(expression, scope.guard).evaluate(undefined, bindings);
  } catch (error) {
    if (error instanceof BranchStopped) throw error;
    const code = (error as { code?: unknown } | null)?.code;
    const bound = typeof code === 'string' ? BOUND_CAUSES[code] : undefined;
    if (bound) throw new StatesError('States.QueryEvaluationError', `${prefix} threw an error during evaluation: ${bound}`);
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
    for (const [key, item] of Object.entries(value)) setOwn(out, key, await evaluateJsonataTemplate(item, scope, field ? `${field}/${key}` : key));
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
