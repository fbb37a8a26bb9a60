/**
 * Choice: the first matching rule picks Next (and its own Assign / Output); otherwise Default
 * (with the state's Assign / Output); otherwise States.NoChoiceMatched.
 */
import type { ChoiceRule, ChoiceState, JsonValue } from '../../model/asl.js';
import { evaluateChoiceRule } from '../expressions/index.js';
import { applyInputPath, applyOutputPath, assignJsonPath, assignJsonata, expressionText, inState, jsonata, jsonTypeName, pathScope, stateError } from '../io.js';
import type { StateEnv, StateResult } from '../runtime.js';

export async function runChoice(env: StateEnv, state: ChoiceState): Promise<StateResult> {
  if (env.queryLanguage === 'JSONata') {
    for (const rule of state.Choices) {
      if (await conditionHolds(env, rule)) return jsonataExit(env, rule.Next, rule.Assign ?? undefined, rule.Output);
    }
    if (state.Default !== undefined) return jsonataExit(env, state.Default, state.Assign, state.Output);
    throw noMatch(env);
  }
  const effective = applyInputPath(env, env.input);
  const scope = pathScope(env);
  for (const rule of state.Choices) {
    if (inState(env, () => evaluateChoiceRule(rule, effective, scope))) {
      return { output: applyOutputPath(env, effective), next: rule.Next, assigned: assignJsonPath(env, rule.Assign, effective) };
    }
  }
  if (state.Default !== undefined) return { output: applyOutputPath(env, effective), next: state.Default, assigned: assignJsonPath(env, state.Assign, effective) };
  throw noMatch(env);
}

async function conditionHolds(env: StateEnv, rule: ChoiceRule): Promise<boolean> {
  const condition = rule.Condition;
  if (typeof condition === 'boolean') return condition;
  const value: JsonValue = await jsonata(env, condition ?? null, 'Condition');
  if (typeof value !== 'boolean') {
    throw stateError(
      env,
      'States.QueryEvaluationError',
      `The JSONata expression '${expressionText(condition)}' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was '${jsonTypeName(value)}' for value: ${JSON.stringify(value)}`,
    );
  }
  return value;
}

async function jsonataExit(env: StateEnv, next: string | undefined, assign: ChoiceRule['Assign'], output: JsonValue | undefined): Promise<StateResult> {
  const assigned = await assignJsonata(env, assign, {});
  return { output: output !== undefined ? await jsonata(env, output, 'Output') : env.input, next, assigned };
}

function noMatch(env: StateEnv) {
  return stateError(env, 'States.NoChoiceMatched', 'No Matches!');
}
