/**
 * Seconds fields that take a literal, a JSONata expression, or a JSONPath (`{ path: '$.t' }`):
 * TimeoutSeconds, HeartbeatSeconds, Wait's Seconds. Rendered to the matching ASL field.
 */
import { DURATION_FIX, toSeconds, type Duration } from '../duration.js';
import type { JsonataExpression } from '../expressions.js';
import type { RenderContext } from '../state.js';

export type Seconds = Duration | JsonataExpression | { path: string };

export function renderSeconds(field: string, value: Seconds | undefined, ctx: RenderContext): Record<string, number | string> {
  if (value === undefined) return {};
  if (typeof value === 'object') return { [`${field}Path`]: value.path };
  if (typeof value === 'string' && value.startsWith('{%')) return { [field]: value };
  try {
    return { [field]: toSeconds(value) };
  } catch (error) {
    ctx.problem(field, (error as Error).message, DURATION_FIX);
    return {};
  }
}
