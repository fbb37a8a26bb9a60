/**
 * Grants → statements: identical actions and resources merged, `*` absorbing narrower resources
 * of the same action, and everything sorted, so the same definition gives the same policy bytes.
 */
import type { Grant, PolicyStatement } from './types.js';

/** IAM action names are case-insensitive; AWS's pages mix cases, so write `service:PascalCase`. */
export function normalizeAction(action: string): string {
  const [service, name] = action.split(':') as [string, string | undefined];
  return name === undefined ? action : `${service}:${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

export function mergeGrants(grants: Grant[]): PolicyStatement[] {
  // condition → action → resources
  const byCondition = new Map<string, Map<string, Set<string>>>();
  for (const grant of grants) {
    const key = grant.condition ? stableJson(grant.condition) : '';
    const actions = byCondition.get(key) ?? new Map<string, Set<string>>();
    byCondition.set(key, actions);
    for (const action of grant.actions.map(normalizeAction)) {
      const resources = actions.get(action) ?? new Set<string>();
      actions.set(action, resources);
      for (const resource of grant.resources) resources.add(resource);
    }
  }
  const statements: PolicyStatement[] = [];
  for (const [conditionKey, actions] of byCondition) {
    // Actions with the same resources share one statement.
    const byResources = new Map<string, string[]>();
    for (const [action, resources] of actions) {
      const list = absorb([...resources]).sort();
      const key = JSON.stringify(list);
      byResources.set(key, [...(byResources.get(key) ?? []), action]);
    }
    for (const [resources, list] of byResources) {
      const statement: PolicyStatement = { Effect: 'Allow', Action: list.sort(), Resource: JSON.parse(resources) as string[] };
      if (conditionKey) statement.Condition = JSON.parse(conditionKey) as PolicyStatement['Condition'];
      statements.push(statement);
    }
  }
  return statements.sort((a, b) => compare(sortKey(a), sortKey(b)));
}

/** Drops resources another resource's wildcard already covers (`job/*` covers `job/raw`). */
function absorb(resources: string[]): string[] {
  const patterns = resources.filter((r) => r.includes('*')).map((r) => ({ r, re: globToRegExp(r) }));
  const covers = (p: string, r: string) => patterns.some((x) => x.r === p && x.re.test(r));
  // Two patterns that cover each other: keep the first in sort order.
  return resources.filter((resource) => !patterns.some(({ r }) => r !== resource && covers(r, resource) && (!covers(resource, r) || r < resource)));
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

function sortKey(s: PolicyStatement): string {
  return `${s.Action.join(',')}|${s.Resource.join(',')}|${s.Condition ? stableJson(s.Condition) : ''}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
