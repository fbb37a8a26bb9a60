/**
 * Number-valued fields that may be a literal, a `*Path` (JSONPath) or a JSONata expression:
 * TimeoutSeconds, HeartbeatSeconds, MaxConcurrency, ToleratedFailure*, MaxItems...
 */
import type { JsonValue } from '../../model/asl.js';
import { isJsonataExpression, jsonata, pathValue } from '../io.js';
import type { StateEnv } from '../runtime.js';

/** The field's raw value: the literal, the value at its path, or its expression's result. */
export async function resolveField(env: StateEnv, data: JsonValue, field: string, value: JsonValue | undefined, path: string | undefined): Promise<JsonValue | undefined> {
  if (path !== undefined) return pathValue(env, path, data, `${field}Path`);
  if (value === undefined) return undefined;
  if (isJsonataExpression(value)) return jsonata(env, value, field);
  return value;
}

export async function resolveSeconds(env: StateEnv, data: JsonValue, field: string, value: JsonValue | undefined, path: string | undefined): Promise<number | undefined> {
  const v = await resolveField(env, data, field, value, path);
  if (v === undefined || v === null) return undefined;
  return typeof v === 'number' ? v : Number(v);
}
