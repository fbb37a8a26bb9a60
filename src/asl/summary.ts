/** What a definition holds, for the build table: state count, services it calls, query languages. */
import type { QueryLanguage, StateMachineDefinition } from './types.js';
import { sites } from './validate/walk.js';

export interface DefinitionSummary {
  states: number;
  /** Services called by Task states, e.g. `glue`, `lambda`, `states`, sorted. */
  services: string[];
  queryLanguages: QueryLanguage[];
}

/** The service a Task's Resource calls. */
export function serviceOf(resource: string): string {
  const integration = resource.match(/^arn:aws[\w-]*:states:::(?:aws-sdk:)?([\w-]+):/);
  if (integration) return integration[1]!;
  const direct = resource.match(/^arn:aws[\w-]*:([\w-]+):/);
  return direct ? direct[1]! : resource;
}

export function summarize(definition: StateMachineDefinition): DefinitionSummary {
  const all = sites(definition);
  const services = new Set<string>();
  const languages = new Set<QueryLanguage>();
  for (const { state, language } of all) {
    languages.add(language);
    if (state.Type === 'Task') services.add(serviceOf(state.Resource));
  }
  return { states: all.length, services: [...services].sort(), queryLanguages: [...languages].sort() };
}
