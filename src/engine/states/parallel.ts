/**
 * Parallel: runs every branch on the same input; the result is the array of branch outputs.
 * Branches see the outer variables (a copy: what they assign stays inside). A failing branch
 * fails the state with that branch's error, and stops the other branches.
 */
import type { JsonValue, ParallelState } from '../../model/asl.js';
import { runConcurrently } from '../branches.js';
import { applyInputPath, applyOutputPath, assignJsonPath, completeJsonata, jsonata, payload, resultPath } from '../io.js';
import { withRetryAndCatch } from '../recover.js';
import { BranchStopped, branchVariables, nextOf, type Frame, type StateEnv, type StateResult } from '../runtime.js';

export type RunFrame = (frame: Frame, input: JsonValue) => Promise<JsonValue>;

export async function runParallel(env: StateEnv, state: ParallelState, runFrame: RunFrame): Promise<StateResult> {
  if (env.queryLanguage === 'JSONata') {
    return withRetryAndCatch(env, state, async () => {
      const branchInput = state.Arguments !== undefined ? await jsonata(env, state.Arguments, 'Arguments') : env.input;
      const result = await runBranches(env, state, branchInput, runFrame);
      return { ...(await completeJsonata(env, state, result, { result })), next: nextOf(state) };
    });
  }
  const effective = applyInputPath(env, env.input);
  return withRetryAndCatch(env, state, async () => {
    const branchInput = state.Parameters !== undefined ? payload(env, state.Parameters, effective, 'Parameters') : effective;
    const raw = await runBranches(env, state, branchInput, runFrame);
    const result = state.ResultSelector !== undefined ? payload(env, state.ResultSelector, raw, 'ResultSelector') : raw;
    const assigned = assignJsonPath(env, state.Assign, result);
    const output = applyOutputPath(env, resultPath(env, env.input, result, state.ResultPath));
    return { output, next: nextOf(state), assigned };
  });
}

async function runBranches(env: StateEnv, state: ParallelState, input: JsonValue, runFrame: RunFrame): Promise<JsonValue[]> {
  const started = env.event('ParallelStateStarted');
  const cancel = { cancelled: false, parent: env.frame.cancel };
  try {
    const results = await runConcurrently(
      state.Branches.length,
      0,
      cancel,
      (i) => {
        const branch = state.Branches[i]!;
        const frame: Frame = { runtime: env.runtime, states: branch.States, startAt: branch.StartAt, ...branchVariables(env.frame), lastEventId: started, cancel };
        return runFrame(frame, input);
      },
      () => true,
    );
    env.joinBranches();
    env.event('ParallelStateSucceeded');
    return results;
  } catch (e) {
    env.joinBranches();
    env.event(e instanceof BranchStopped ? 'ParallelStateAborted' : 'ParallelStateFailed');
    throw e;
  }
}
