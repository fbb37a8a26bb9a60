import { compile, workflow, type Chainable, type QueryLanguage } from '../../src/index.js';
import { executionRolePolicy, type PolicyOptions, type PolicyStatement } from '../../src/iam/index.js';

export const ACCOUNT = { region: 'eu-west-1', account: '111122223333' };

export function policyOf(start: Chainable, options: PolicyOptions = ACCOUNT, queryLanguage: QueryLanguage = 'JSONata') {
  return executionRolePolicy(compile(workflow('t', { start, queryLanguage })), options);
}

/** Every action the policy allows, sorted. */
export function actions(statements: PolicyStatement[]): string[] {
  return [...new Set(statements.flatMap((s) => s.Action))].sort();
}

/** The resources an action is allowed on (across statements). */
export function resourcesOf(statements: PolicyStatement[], action: string): string[] {
  return statements.filter((s) => s.Action.includes(action)).flatMap((s) => s.Resource).sort();
}

export function statementsWith(statements: PolicyStatement[], action: string): PolicyStatement[] {
  return statements.filter((s) => s.Action.includes(action));
}
