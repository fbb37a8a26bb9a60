/**
 * Input and output processing, for both query languages, on top of the expressions module.
 * Every call goes through `inState`, which gives evaluation errors AWS's prefix:
 * "An error occurred while executing the state 'X' (entered at the event id #N). ...".
 */
import type { JsonObject, JsonValue } from '../model/asl.js';
import {
  applyResultPath,
  evaluateIntrinsic,
  evaluateJsonataTemplate,
  evaluatePayloadTemplate,
  isJsonataExpression,
  selectPath,
  type JsonataScope,
  type PathScope,
} from './expressions/index.js';
import type { StateEnv } from './runtime.js';
import { StatesError } from './states-error.js';

/** Errors about evaluating the definition (as opposed to a task's own errors) carry the state prefix. */
const PREFIXED = new Set([
  'States.Runtime',
  'States.QueryEvaluationError',
  'States.ParameterPathFailure',
  'States.ResultPathMatchFailure',
  'States.IntrinsicFailure',
  'States.NoChoiceMatched',
]);

export function statePrefix(env: StateEnv): string {
  return `An error occurred while executing the state '${env.name}' (entered at the event id #${env.enteredEventId}).`;
}

export function stateError(env: StateEnv, error: string, cause: string): StatesError {
  const e = new StatesError(error, `${statePrefix(env)} ${cause}`);
  recordEvaluationFailure(env, e);
  return e;
}

export function withPrefix(env: StateEnv, e: unknown): unknown {
  if (e instanceof StatesError && PREFIXED.has(e.error) && !e.cause.startsWith('An error occurred while executing the state')) {
    const prefixed = new StatesError(e.error, `${statePrefix(env)} ${e.cause}`);
    recordEvaluationFailure(env, prefixed);
    return prefixed;
  }
  return e;
}

/** A JSONata evaluation failure gets its own history event (EvaluationFailed) before the state fails. */
function recordEvaluationFailure(env: StateEnv, e: StatesError): void {
  if (e.error !== 'States.QueryEvaluationError') return;
  const location = /specified for the field '([^']+)'/.exec(e.cause)?.[1] ?? /The (\w+) field/.exec(e.cause)?.[1];
  env.event('EvaluationFailed', { error: e.error, cause: e.cause, ...(location ? { location } : {}), state: env.name });
}

export function inState<T>(env: StateEnv, work: () => T): T {
  try {
    return work();
  } catch (e) {
    throw withPrefix(env, e);
  }
}

export async function inStateAsync<T>(env: StateEnv, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw withPrefix(env, e);
  }
}

// ---- JSONPath ----

export function pathScope(env: StateEnv, context?: JsonObject): PathScope {
  return context ? { context, variables: env.variables, random: env.runtime.random } : env.pathScope();
}

export function applyInputPath(env: StateEnv, input: JsonValue): JsonValue {
  const path = (env.state as { InputPath?: string | null }).InputPath;
  if (path === undefined) return input;
  if (path === null) return {};
  return inState(env, () => selectPath(path, input, pathScope(env), 'InputPath'));
}

export function applyOutputPath(env: StateEnv, output: JsonValue): JsonValue {
  const path = (env.state as { OutputPath?: string | null }).OutputPath;
  if (path === undefined) return output;
  if (path === null) return {};
  return inState(env, () => selectPath(path, output, pathScope(env), 'OutputPath'));
}

// These two run for nearly every state: no closure per call.
export function payload(env: StateEnv, template: JsonValue, data: JsonValue, field: string, context?: JsonObject): JsonValue {
  try {
    return evaluatePayloadTemplate(template, data, pathScope(env, context), field);
  } catch (e) {
    throw withPrefix(env, e);
  }
}

export function resultPath(env: StateEnv, input: JsonValue, result: JsonValue, path: string | null | undefined): JsonValue {
  if (path === undefined || path === '$') return result;
  try {
    return applyResultPath(input, result, path);
  } catch (e) {
    throw withPrefix(env, e);
  }
}

/** A `*Path` field: a reference path, or (where AWS allows) an intrinsic function. */
export function pathValue(env: StateEnv, path: string, data: JsonValue, field: string): JsonValue {
  return inState(env, () => (path.startsWith('States.') ? evaluateIntrinsic(path, data, pathScope(env)) : selectPath(path, data, pathScope(env), field)));
}

/** JSONPath Assign: a payload template evaluated on `data` (the state's result). */
export function assignJsonPath(env: StateEnv, assign: JsonObject | undefined, data: JsonValue): Record<string, JsonValue> | undefined {
  if (!assign) return undefined;
  return payload(env, assign, data, 'Assign') as Record<string, JsonValue>;
}

// ---- JSONata ----

export interface JsonataExtra {
  result?: JsonValue;
  errorOutput?: JsonValue;
  context?: JsonObject;
  input?: JsonValue;
}

export function jsonataScope(env: StateEnv, extra: JsonataExtra = {}): JsonataScope {
  const states: JsonataScope['states'] = { input: extra.input !== undefined ? extra.input : env.input, context: extra.context ?? env.context() };
  if (extra.result !== undefined) states.result = extra.result;
  if (extra.errorOutput !== undefined) states.errorOutput = extra.errorOutput;
  const guard = env.runtime.guard;
  const run = { now: () => env.runtime.clock.now(), random: env.runtime.random };
  return guard ? { states, variables: env.variables, guard, run } : { states, variables: env.variables, run };
}

export function jsonata(env: StateEnv, value: JsonValue, field: string, extra: JsonataExtra = {}): Promise<JsonValue> {
  return inStateAsync(env, () => evaluateJsonataTemplate(value, jsonataScope(env, extra), field));
}

export async function assignJsonata(env: StateEnv, assign: JsonObject | undefined, extra: JsonataExtra): Promise<Record<string, JsonValue> | undefined> {
  if (!assign) return undefined;
  return (await jsonata(env, assign, 'Assign', extra)) as Record<string, JsonValue>;
}

/**
 * How a JSONata state ends: Assign, then Output, both seeing `$states.result` (when the state has
 * one) and the variables as they were before the state. Without Output, the state's output is
 * `otherwise` (its result, or its input for Pass and Succeed). Assign goes first, as on AWS, so
 * its errors are the ones reported when both fail.
 */
export async function completeJsonata(
  env: StateEnv,
  state: { Assign?: JsonObject; Output?: JsonValue },
  otherwise: JsonValue,
  extra: JsonataExtra = {},
): Promise<{ output: JsonValue; assigned: Record<string, JsonValue> | undefined }> {
  const assigned = await assignJsonata(env, state.Assign, extra);
  const output = state.Output !== undefined ? await jsonata(env, state.Output, 'Output', extra) : otherwise;
  return { output, assigned };
}

/** The text inside `{% %}`, as AWS quotes it in error messages. */
export function expressionText(value: unknown): string {
  return typeof value === 'string' && isJsonataExpression(value) ? value.trim().slice(2, -2).trim() : JSON.stringify(value);
}

/** JSON type names as AWS's messages spell them. */
export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export { isJsonataExpression };
