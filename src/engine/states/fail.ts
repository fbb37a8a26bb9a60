/**
 * Fail: stops its (sub)machine with Error and Cause (literals, ErrorPath/CausePath — which may be
 * intrinsic functions — or JSONata). A missing Error or Cause is reported as absent (null).
 */
import type { FailState, JsonValue } from '../../model/asl.js';
import { isJsonataExpression, jsonata, pathValue } from '../io.js';
import type { StateEnv, StateResult } from '../runtime.js';
import { StatesError } from '../states-error.js';

export async function runFail(env: StateEnv, state: FailState): Promise<StateResult> {
  let error: JsonValue | undefined = state.Error;
  let cause: JsonValue | undefined = state.Cause;
  if (env.queryLanguage === 'JSONata') {
    if (isJsonataExpression(error)) error = await jsonata(env, error, 'Error');
    if (isJsonataExpression(cause)) cause = await jsonata(env, cause, 'Cause');
  } else {
    if (state.ErrorPath !== undefined) error = pathValue(env, state.ErrorPath, env.input, 'ErrorPath');
    if (state.CausePath !== undefined) cause = pathValue(env, state.CausePath, env.input, 'CausePath');
  }
  throw new StatesError(text(error), text(cause));
}

function text(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
