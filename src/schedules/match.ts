/**
 * Matching events against compiled patterns, as EventBridge's TestEventPattern does.
 *
 * The event is flattened to leaves keyed by dotted path (`{"a": {"b.c": 1}}` and `{"a.b": {"c": 1}}`
 * are both `a.b.c`, which AWS matches the same way). Arrays are transparent: a field matches when any
 * of its values does. Leaves remember which element of which array they came from, because AWS only
 * combines conditions on values from the same array element ("array consistency").
 */
import { parseJsonText } from './json-text.js';
import { compileEventPattern, EventBridgeApiError, type CompiledPattern, type FieldCondition, type Leaf } from './pattern.js';

interface LeafRef {
  value: Leaf;
  /** array id → element index, for every array this leaf sits in. */
  elements: Map<number, number>;
}

export type FlatEvent = Map<string, LeafRef[]>;

/** Fields TestEventPattern requires in an event ("Parameter Event is not valid." otherwise). */
const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'];

/**
 * Tests an event against an event pattern, each given as JSON text or as a parsed value. Mirrors the
 * TestEventPattern API: throws `EventBridgeApiError` with code `InvalidEventPatternException` and AWS's
 * message for an invalid pattern, or `ValidationException` ("Parameter Event is not valid.") for an
 * event without the envelope fields (id, account, source, time, region, detail-type).
 */
export function testEventPattern(pattern: unknown, event: unknown): boolean {
  const compiled = compileEventPattern(pattern);
  return matchesCompiled(compiled, parseEvent(event, true));
}

/** Like `testEventPattern`, but accepts any JSON object as the event (what a rule sees after routing). */
export function matchesEvent(pattern: unknown | CompiledPattern, event: unknown): boolean {
  const compiled = isCompiled(pattern) ? pattern : compileEventPattern(pattern);
  return matchesCompiled(compiled, parseEvent(event, false));
}

function isCompiled(value: unknown): value is CompiledPattern {
  return typeof value === 'object' && value !== null && Array.isArray((value as CompiledPattern).alternatives);
}

function parseEvent(event: unknown, strict: boolean): FlatEvent {
  let value = event;
  if (typeof event === 'string') {
    const parsed = parseJsonText(event);
    value = 'value' in parsed ? parsed.value : undefined;
  }
  const notValid = () => new EventBridgeApiError('ValidationException', 'Parameter Event is not valid.');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw notValid();
  if (strict && !REQUIRED_EVENT_FIELDS.every((f) => f in value)) throw notValid();
  return flattenEvent(value);
}

export function flattenEvent(event: object): FlatEvent {
  const out: FlatEvent = new Map();
  let nextArrayId = 0;
  const walk = (node: unknown, path: string, elements: Map<number, number>): void => {
    if (Array.isArray(node)) {
      const id = nextArrayId++;
      node.forEach((item, index) => walk(item, path, new Map(elements).set(id, index)));
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) walk(child, path ? `${path}.${key}` : key, elements);
    } else {
      const list = out.get(path) ?? [];
      list.push({ value: node as Leaf, elements });
      out.set(path, list);
    }
  };
  walk(event, '', new Map());
  return out;
}

export function matchesCompiled(pattern: CompiledPattern, event: FlatEvent): boolean {
  return pattern.alternatives.some((conditions) => satisfies(conditions, event));
}

function satisfies(conditions: FieldCondition[], event: FlatEvent): boolean {
  const candidates: LeafRef[][] = [];
  for (const condition of conditions) {
    const leaves = event.get(condition.path);
    if (!leaves || leaves.length === 0) {
      if (!condition.matchesAbsent) return false;
      continue;
    }
    const hits = leaves.filter((leaf) => condition.matchers.some((m) => m(leaf.value)));
    if (hits.length === 0) return false;
    candidates.push(hits);
  }
  return consistent(candidates, 0, []);
}

/** Is there one leaf per condition such that leaves sharing an array come from the same element? */
function consistent(candidates: LeafRef[][], i: number, chosen: LeafRef[]): boolean {
  if (i === candidates.length) return true;
  for (const leaf of candidates[i]!) {
    if (chosen.every((other) => compatible(leaf, other)) && consistent(candidates, i + 1, [...chosen, leaf])) return true;
  }
  return false;
}

function compatible(a: LeafRef, b: LeafRef): boolean {
  for (const [id, index] of a.elements) {
    const other = b.elements.get(id);
    if (other !== undefined && other !== index) return false;
  }
  return true;
}
