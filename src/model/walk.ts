/** Visits every state of a definition, nested ones included, with its effective query language. */
import type { QueryLanguage, State, StateMachineDefinition, SubMachine } from './asl.js';

export interface Machine {
  StartAt: string;
  States: Record<string, State>;
  /** Where this machine sits, for messages: '' for the top level, else the owning state and field. */
  owner?: { state: string; field: string };
}

export interface StateSite {
  name: string;
  state: State;
  language: QueryLanguage;
  machine: Machine;
}

/** Every machine (top level, Parallel branches, Map processors) in the order they appear. */
export function machines(definition: StateMachineDefinition): Machine[] {
  const out: Machine[] = [];
  const visit = (machine: Machine) => {
    out.push(machine);
    for (const [name, state] of entries(machine.States)) {
      for (const [field, sub] of subMachines(state)) visit({ ...sub, owner: { state: name, field } });
    }
  };
  visit(definition);
  return out;
}

export function subMachines(state: State): [string, SubMachine][] {
  if (state?.Type === 'Parallel' && Array.isArray(state.Branches)) {
    return state.Branches.flatMap((b, i): [string, SubMachine][] => (isObject(b) ? [[`Branches[${i}]`, b]] : []));
  }
  if (state?.Type === 'Map') {
    const processor = state.ItemProcessor ?? state.Iterator;
    if (isObject(processor)) return [[state.ItemProcessor ? 'ItemProcessor' : 'Iterator', processor]];
  }
  return [];
}

/** The states of a machine, skipping anything that is not a state object (the validator reports those). */
function entries(states: unknown): [string, State][] {
  return isObject(states) ? (Object.entries(states) as [string, unknown][]).filter((e): e is [string, State] => isObject(e[1])) : [];
}

function isObject(value: unknown): value is Record<string, never> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function sites(definition: StateMachineDefinition): StateSite[] {
  const top: QueryLanguage = definition.QueryLanguage ?? 'JSONPath';
  const out: StateSite[] = [];
  for (const machine of machines(definition)) {
    for (const [name, state] of entries(machine.States)) {
      out.push({ name, state, machine, language: state.QueryLanguage ?? top });
    }
  }
  return out;
}

/** The transitions out of a state: [field, target]. */
export function transitions(state: State): [string, string][] {
  const out: [string, string][] = [];
  if ('Next' in state && typeof state.Next === 'string') out.push(['Next', state.Next]);
  if (state.Type === 'Choice') {
    if (Array.isArray(state.Choices)) state.Choices.forEach((rule, i) => typeof rule?.Next === 'string' && out.push([`Choices[${i}].Next`, rule.Next]));
    if (typeof state.Default === 'string') out.push(['Default', state.Default]);
  }
  if ('Catch' in state && Array.isArray(state.Catch)) {
    state.Catch.forEach((c, i) => typeof c?.Next === 'string' && out.push([`Catch[${i}].Next`, c.Next]));
  }
  return out;
}
