/**
 * Short, readable labels for diagrams: a Choice rule's condition instead of "rule 1", and retry
 * marks one retrier per line, so a state with long error lists makes its box taller, not the whole
 * drawing wider (a wide SVG is scaled down to fit the page until nothing can be read).
 */
import type { ChoiceRule, State } from '../model/asl.js';
import type { GraphEdge } from '../model/graph.js';

const MAX = 40;

export function truncate(text: string, max = MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** `$states.input.rows > 0` for JSONata; `$.rows > 0`, `$.status == "OK"`, `not (...)` for JSONPath rules. */
export function conditionText(rule: ChoiceRule): string {
  const r = rule as Record<string, unknown>;
  if (typeof r.Condition === 'string') return r.Condition.replace(/^\s*\{%\s*/, '').replace(/\s*%\}\s*$/, '');
  if (Array.isArray(r.And)) return (r.And as ChoiceRule[]).map(conditionText).join(' and ');
  if (Array.isArray(r.Or)) return (r.Or as ChoiceRule[]).map(conditionText).join(' or ');
  if (r.Not && typeof r.Not === 'object') return `not (${conditionText(r.Not as ChoiceRule)})`;
  const variable = typeof r.Variable === 'string' ? r.Variable : '?';
  for (const [key, value] of Object.entries(r)) {
    const m = /^(String|Numeric|Boolean|Timestamp)(Equals|LessThanEquals|GreaterThanEquals|LessThan|GreaterThan)(Path)?$/.exec(key);
    if (m) return `${variable} ${OPERATORS[m[2]!]} ${m[3] ? String(value) : JSON.stringify(value)}`;
    if (key === 'StringMatches') return `${variable} matches ${JSON.stringify(value)}`;
    if (key.startsWith('Is')) return `${variable} ${value === false ? 'is not' : 'is'} ${key.slice(2).toLowerCase()}`;
  }
  return 'rule';
}

const OPERATORS: Record<string, string> = { Equals: '==', LessThan: '<', GreaterThan: '>', LessThanEquals: '<=', GreaterThanEquals: '>=' };

/** An edge of a Choice: its conditions (rules to one target joined with "or"), or "otherwise". */
export function choiceLabel(edge: GraphEdge, state: State): string {
  if (edge.kind !== 'choice' && edge.kind !== 'default') return edge.label;
  const rules = state.Type === 'Choice' ? state.Choices : [];
  const parts = edge.indexes.map((i) => (rules[i] ? conditionText(rules[i]!) : `rule ${i + 1}`));
  const text = truncate(parts.join(' or '));
  const isDefault = edge.label.split(', ').includes('default');
  return isDefault ? (parts.length > 0 ? `${text}, otherwise` : 'otherwise') : text;
}

/** One line per retrier: `↻ Glue.ConcurrentRuns… +2 ×3`. */
export function retryLines(state: State): string[] {
  const retry = 'Retry' in state ? state.Retry : undefined;
  if (!retry || retry.length === 0) return [];
  return retry.map((r) => `↻ ${truncate(r.ErrorEquals.length > 1 ? `${r.ErrorEquals[0]} +${r.ErrorEquals.length - 1}` : (r.ErrorEquals[0] ?? ''), 40)} ×${r.MaxAttempts ?? 3}`);
}
