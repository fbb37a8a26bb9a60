/** Succeed: ends its (sub)machine successfully with its (filtered) input. */
import type { SucceedState } from '../../model/asl.js';
import { applyInputPath, applyOutputPath, assignJsonPath, completeJsonata } from '../io.js';
import type { StateEnv, StateResult } from '../runtime.js';

export async function runSucceed(env: StateEnv, state: SucceedState): Promise<StateResult> {
  if (env.queryLanguage === 'JSONata') {
    return { ...(await completeJsonata(env, state, env.input)), next: undefined };
  }
  const effective = applyInputPath(env, env.input);
  const assigned = assignJsonPath(env, state.Assign, effective);
  return { output: applyOutputPath(env, effective), next: undefined, assigned };
}
