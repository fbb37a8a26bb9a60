/**
 * Comparing what is deployed with what the project wants. AWS hands documents back in its own
 * form (IAM URL-encodes policies; key order is not guaranteed), so values are compared as data.
 */

/** JSON text with object keys sorted at every level: equal data, equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value instanceof Date ? value.toISOString() : value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}

export function sameData(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** JSON text as data; text that is not JSON stays text (it then differs from any document). */
export function parseJsonText(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** IAM returns policy documents URL-encoded (RFC 3986), as its API reference says; some servers send them plain. */
export function policyDocument(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(decodeURIComponent(text));
    } catch {
      return text;
    }
  }
}

/** The names of the fields whose values differ, in the order of `desired`'s keys. */
export function differingFields(actual: Record<string, unknown>, desired: Record<string, unknown>): string[] {
  return Object.keys(desired).filter((k) => !sameData(actual[k], desired[k]));
}

export interface TagChanges {
  /** Tags to add or change. */
  set: Record<string, string>;
  /** Keys to remove. AWS's own `aws:` tags are never removed (nobody may). */
  remove: string[];
}

export function tagChanges(actual: Readonly<Record<string, string>>, desired: Readonly<Record<string, string>>): TagChanges | undefined {
  const set = Object.fromEntries(Object.entries(desired).filter(([k, v]) => actual[k] !== v));
  const remove = Object.keys(actual).filter((k) => !(k in desired) && !k.startsWith('aws:'));
  return Object.keys(set).length === 0 && remove.length === 0 ? undefined : { set, remove: remove.sort() };
}

/** AWS's `[{ Key, Value }]` (or Step Functions' `[{ key, value }]`) as a record. */
export function tagRecord(tags: readonly { Key?: string; Value?: string; key?: string; value?: string }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) {
    const key = t.Key ?? t.key;
    if (key !== undefined) out[key] = t.Value ?? t.value ?? '';
  }
  return out;
}

export const tagList = (tags: Readonly<Record<string, string>>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
