/** What a definition holds, for the build table: state count, services it calls, query languages. */
import type { QueryLanguage, StateMachineDefinition } from './asl.js';
import { parseResource } from './resource.js';
import { sites } from './walk.js';

export interface DefinitionSummary {
  states: number;
  /** Services called by Task states, e.g. `glue`, `lambda`, `states`, sorted. */
  services: string[];
  queryLanguages: QueryLanguage[];
}

export function summarize(definition: StateMachineDefinition): DefinitionSummary {
  const all = sites(definition);
  const services = new Set<string>();
  const languages = new Set<QueryLanguage>();
  for (const { state, language } of all) {
    languages.add(language);
    if (state.Type === 'Task') services.add(parseResource(state.Resource).service);
  }
  return { states: all.length, services: [...services].sort(), queryLanguages: [...languages].sort() };
}
