/**
 * Reading a Task's request (Arguments or Parameters) for the fields that name resources: a field
 * is static (a literal), dynamic (a JSONata `{% %}` string, a JSONPath `key.$`, or inside a
 * dynamic object), or absent.
 */
import type { JsonValue } from '../model/asl.js';

export type Field = { kind: 'static'; value: JsonValue } | { kind: 'dynamic' } | { kind: 'absent' };

const isJsonata = (v: unknown) => typeof v === 'string' && v.trim().startsWith('{%');

export function readField(request: JsonValue | undefined, path: string): Field {
  let current: JsonValue | undefined = request;
  for (const key of path.split('.')) {
    if (isJsonata(current)) return { kind: 'dynamic' };
    if (current === undefined || current === null || typeof current !== 'object') return { kind: 'absent' };
    if (Array.isArray(current)) {
      current = /^\d+$/.test(key) ? current[Number(key)] : undefined;
      continue;
    }
    if (`${key}.$` in current) return { kind: 'dynamic' };
    current = current[key];
  }
  if (current === undefined) return { kind: 'absent' };
  return isJsonata(current) ? { kind: 'dynamic' } : { kind: 'static', value: current };
}

/** The items of an array field: each element, or one dynamic marker when the array itself is dynamic. */
export function readItems(request: JsonValue | undefined, path: string): JsonValue[] | 'dynamic' | undefined {
  const field = readField(request, path);
  if (field.kind === 'dynamic') return 'dynamic';
  if (field.kind === 'absent') return undefined;
  return Array.isArray(field.value) ? field.value : 'dynamic';
}
