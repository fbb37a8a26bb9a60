import { compile, workflow, type Chainable, type QueryLanguage, type State, type StateMachineDefinition } from '../../src/index.js';

/** Compiles a one-fragment workflow in the given language. */
export function build(start: Chainable, queryLanguage: QueryLanguage = 'JSONata'): StateMachineDefinition {
  return compile(workflow('t', { start, queryLanguage }));
}

/** The compiled state named `name` (the start state by default). */
export function stateOf(start: Chainable, queryLanguage: QueryLanguage = 'JSONata', name?: string): State & Record<string, unknown> {
  const definition = build(start, queryLanguage);
  return definition.States[name ?? definition.StartAt] as State & Record<string, unknown>;
}
