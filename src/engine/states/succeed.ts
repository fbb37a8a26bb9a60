/** Succeed: ends its (sub)machine successfully with its (filtered) input. */
import type { SucceedState } from '../../asl/types.js';
import { applyInputPath, applyOutputPath, assignJsonPath, assignJsonata, jsonata } from '../io.js';
import type { StateEnv, StateResult } from '../runtime.js';

export async function runSucceed(env: StateEnv, state: SucceedState): Promise<StateResult> {
  if (env.queryLanguage === 'JSONata') {
    const assigned = await assignJsonata(env, state.Assign, {});
    const output = state.Output !== undefined ? await jsonata(env, state.Output, 'Output') : env.input;
    return { output, next: undefined, assigned };
  }
  const effective = applyInputPath(env, env.input);
  const assigned = assignJsonPath(env, state.Assign, effective);
  return { output: applyOutputPath(env, effective), next: undefined, assigned };
}
