/** The transitions of a definition's states, as the compiler follows them. */
import type { State } from '../model/asl.js';

/** The transitions out of a state, in the order the compiler follows them. */
export function edgesOf(state: State): [string, string][] {
  const out: [string, string][] = [];
  if (!state || typeof state !== 'object') return out;
  if (state.Type === 'Choice') {
    (Array.isArray(state.Choices) ? state.Choices : []).forEach((rule, i) => typeof rule?.Next === 'string' && out.push([`Choices[${i}].Next`, rule.Next]));
    if (typeof state.Default === 'string') out.push(['Default', state.Default]);
    return out;
  }
  if ('Catch' in state && Array.isArray(state.Catch)) state.Catch.forEach((c, i) => typeof c?.Next === 'string' && out.push([`Catch[${i}].Next`, c.Next]));
  if ('Next' in state && typeof state.Next === 'string') out.push(['Next', state.Next]);
  return out;
}

/** The states reachable from StartAt, in the order the compiler reaches them. */
export function reachable(machine: { StartAt: string; States: Record<string, State> }): string[] {
  const states = machine.States ?? {};
  const seen = new Set<string>();
  const order: string[] = [];
  const queue = Object.prototype.hasOwnProperty.call(states, machine.StartAt) ? [machine.StartAt] : [];
  seen.add(machine.StartAt);
  while (queue.length > 0) {
    const current = queue.shift()!;
    order.push(current);
    for (const [, target] of edgesOf(states[current]!)) {
      if (!seen.has(target) && Object.prototype.hasOwnProperty.call(states, target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return order;
}
