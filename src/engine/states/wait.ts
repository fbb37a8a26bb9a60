/**
 * Wait: Seconds, Timestamp, SecondsPath, TimestampPath (JSONPath) or Seconds/Timestamp
 * expressions (JSONata). Waiting advances the virtual clock; nothing sleeps for real.
 * A Timestamp in the past completes at once. A wait past the execution's longest duration (one
 * year, five minutes for EXPRESS) ends in the execution timing out, as on AWS.
 */
import type { JsonValue, WaitState } from '../../model/asl.js';
import { pathExists } from '../expressions/index.js';
import { applyInputPath, applyOutputPath, assignJsonPath, assignJsonata, inState, isJsonataExpression, jsonata, pathScope, pathValue, stateError } from '../io.js';
import { MAX_LONG } from '../limits.js';
import { nextOf, type StateEnv, type StateResult } from '../runtime.js';

/** ISO-8601 extended offset date-time: 2016-03-14T01:59:00Z, 2016-03-14T01:59:00.123+02:00. */
const ISO_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function parseTimestamp(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = ISO_OFFSET.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

export async function runWait(env: StateEnv, state: WaitState): Promise<StateResult> {
  if (env.queryLanguage === 'JSONata') {
    await waitJsonata(env, state);
    const assigned = await assignJsonata(env, state.Assign, {});
    const output = state.Output !== undefined ? await jsonata(env, state.Output, 'Output') : env.input;
    return { output, next: nextOf(state), assigned };
  }
  const effective = applyInputPath(env, env.input);
  await waitJsonPath(env, state, effective);
  const assigned = assignJsonPath(env, state.Assign, effective);
  return { output: applyOutputPath(env, effective), next: nextOf(state), assigned };
}

async function waitJsonPath(env: StateEnv, state: WaitState, data: JsonValue): Promise<void> {
  if (state.Seconds !== undefined) return waitSeconds(env, Number(state.Seconds));
  if (state.Timestamp !== undefined) return waitUntil(env, parseTimestamp(state.Timestamp) ?? env.runtime.clock.now());
  if (state.SecondsPath !== undefined) {
    const path = state.SecondsPath;
    if (!inState(env, () => pathExists(path, data, pathScope(env)))) {
      throw stateError(env, 'States.Runtime', `The SecondsPath parameter does not reference an input value: ${path}`);
    }
    const value = pathValue(env, path, data, 'SecondsPath');
    // AWS reads the seconds as a Java long: a fraction, or a number past 2^63 (1e300), is not one.
    if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > MAX_LONG) {
      throw stateError(env, 'States.Runtime', `The SecondsPath parameter cannot be parsed as a long value: ${path} == ${show(value)}`);
    }
    if (value < 0) throw stateError(env, 'States.Runtime', `The SecondsPath parameter references a negative value: ${path} == ${show(value)}`);
    return waitSeconds(env, value);
  }
  if (state.TimestampPath !== undefined) {
    const path = state.TimestampPath;
    if (!inState(env, () => pathExists(path, data, pathScope(env)))) {
      throw stateError(env, 'States.Runtime', `The TimestampPath parameter does not reference an input value: ${path}`);
    }
    const value = pathValue(env, path, data, 'TimestampPath');
    const at = parseTimestamp(value);
    if (at === undefined) {
      throw stateError(env, 'States.Runtime', `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${path} == ${show(value)}`);
    }
    return waitUntil(env, at);
  }
}

async function waitJsonata(env: StateEnv, state: WaitState): Promise<void> {
  if (state.Seconds !== undefined) {
    const value = isJsonataExpression(state.Seconds) ? await jsonata(env, state.Seconds, 'Seconds') : state.Seconds;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_LONG) {
      throw stateError(env, 'States.QueryEvaluationError', `The Seconds field must be a non-negative integer, but was: ${JSON.stringify(value)}`);
    }
    return waitSeconds(env, value);
  }
  if (state.Timestamp !== undefined) {
    const value = isJsonataExpression(state.Timestamp) ? await jsonata(env, state.Timestamp, 'Timestamp') : state.Timestamp;
    const at = parseTimestamp(value);
    if (at === undefined) {
      throw stateError(env, 'States.QueryEvaluationError', `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${show(value)}`);
    }
    return waitUntil(env, at);
  }
}

function show(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function waitSeconds(env: StateEnv, seconds: number): Promise<void> {
  return env.runtime.clock.sleep(seconds);
}

function waitUntil(env: StateEnv, at: number): Promise<void> {
  return env.runtime.clock.sleep(Math.max(0, (at - env.runtime.clock.now()) / 1000));
}
