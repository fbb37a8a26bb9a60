import type { Call } from '../context.js';
import type { Grant } from '../types.js';

/** The permissions one integration needs, given the call (its pattern and request). */
export type Rule = (call: Call) => Grant[];

/** Rules keyed by `service:action` as the Task Resource spells them (`glue:startJobRun`). */
export type RuleTable = Record<string, Rule>;

/** `name` unless it already is an ARN. */
export function arnOr(call: Call, value: string, build: (name: string) => string): string {
  return value.startsWith('arn:') ? value : build(value);
}
