/**
 * The request types of the typed integrations, as values the importer can test a request against:
 * a builder is used only where its TypeScript signature accepts the request (required fields
 * there, no field it does not know, enums among their values), so the generated module type-checks.
 * Each shape's type is inferred from the shape itself, and test/import/shapes.types.test.ts pins
 * it equal to the integration's own request interface, so the two cannot drift apart.
 */

export type Shape<T = unknown> =
  | { kind: 'string'; values?: readonly string[]; __type?: T }
  | { kind: 'number'; __type?: T }
  | { kind: 'boolean'; __type?: T }
  | { kind: 'unknown'; __type?: T }
  | { kind: 'array'; item: Shape; __type?: T }
  | { kind: 'record'; value: Shape; __type?: T }
  | { kind: 'object'; required: Record<string, Shape>; optional: Record<string, Shape>; __type?: T }
  | { kind: 'union'; options: Shape[]; __type?: T };

export type Infer<S> = S extends { __type?: infer T } ? T : never;

export const str: Shape<string> = { kind: 'string' };
export const num: Shape<number> = { kind: 'number' };
export const bool: Shape<boolean> = { kind: 'boolean' };
export const unknown: Shape<unknown> = { kind: 'unknown' };
export const oneOf = <const V extends readonly string[]>(...values: V): Shape<V[number]> => ({ kind: 'string', values });
export const arrayOf = <S extends Shape<unknown>>(item: S): Shape<Infer<S>[]> => ({ kind: 'array', item });
export const recordOf = <S extends Shape<unknown>>(value: S): Shape<Record<string, Infer<S>>> => ({ kind: 'record', value });
export const either = <A extends Shape<unknown>, B extends Shape<unknown>>(a: A, b: B): Shape<Infer<A> | Infer<B>> => ({ kind: 'union', options: [a, b] });

type Flatten<T> = { [K in keyof T]: T[K] };
type Required_<R> = { [K in keyof R]: Infer<R[K]> };
type Optional_<O> = { [K in keyof O]?: Infer<O[K]> };

export function shape<R extends Record<string, Shape<unknown>>, O extends Record<string, Shape<unknown>> = Record<never, never>>(
  required: R,
  optional?: O,
): Shape<Flatten<Required_<R> & Optional_<O>>> {
  return { kind: 'object', required, optional: optional ?? {} };
}

/** How a value in the generated code is typed: a literal, a JSONata expression, a `ref()`, or a placeholder's string. */
export type Value =
  | { kind: 'json'; value: unknown }
  | { kind: 'jsonata' }
  | { kind: 'ref' }
  | { kind: 'placeholder' }
  | { kind: 'object'; entries: Record<string, Value> }
  | { kind: 'array'; items: Value[] };

/**
 * Whether the integration's `Request<R>` type (every field a literal, a JSONata expression or a
 * `ref()`; see `Dynamic` in src/integrations/integration.ts) accepts the value.
 */
export function accepts(s: Shape, v: Value): boolean {
  if (s.kind === 'unknown') return true;
  if (s.kind === 'union') return s.options.some((o) => accepts(o, v));
  if (v.kind === 'ref') return true;
  if (s.kind === 'string') {
    if (s.values) return v.kind === 'json' && typeof v.value === 'string' && s.values.includes(v.value);
    return v.kind === 'jsonata' || v.kind === 'placeholder' || (v.kind === 'json' && typeof v.value === 'string');
  }
  if (v.kind === 'jsonata') return true; // numbers, booleans, arrays and objects take an expression
  if (s.kind === 'number') return v.kind === 'json' && typeof v.value === 'number';
  if (s.kind === 'boolean') return v.kind === 'json' && typeof v.value === 'boolean';
  if (s.kind === 'array') return v.kind === 'array' && v.items.every((i) => accepts(s.item, i));
  if (s.kind === 'record') return v.kind === 'object' && Object.values(v.entries).every((e) => accepts(s.value, e));
  if (v.kind !== 'object') return false;
  for (const key of Object.keys(s.required)) if (!(key in v.entries)) return false;
  return Object.entries(v.entries).every(([key, value]) => {
    const field = s.required[key] ?? s.optional[key];
    return field !== undefined && accepts(field, value);
  });
}
