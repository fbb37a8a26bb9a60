/** Pass: passes its input (or Result / Parameters / Output) on, without doing work. */
import type { PassState } from '../../model/asl.js';
import { applyInputPath, applyOutputPath, assignJsonPath, completeJsonata, payload, resultPath } from '../io.js';
import { nextOf, type StateEnv, type StateResult } from '../runtime.js';

export async function runPass(env: StateEnv, state: PassState): Promise<StateResult> {
  if (env.queryLanguage === 'JSONata') {
    return { ...(await completeJsonata(env, state, env.input)), next: nextOf(state) };
  }
  const effective = applyInputPath(env, env.input);
  const result = state.Parameters !== undefined ? payload(env, state.Parameters, effective, 'Parameters') : state.Result !== undefined ? state.Result : effective;
  const assigned = assignJsonPath(env, state.Assign, result);
  const output = applyOutputPath(env, resultPath(env, env.input, result, state.ResultPath));
  return { output, next: nextOf(state), assigned };
}
