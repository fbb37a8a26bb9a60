/**
 * The state loop: enter a state, run it, record its exit, follow Next until End. Used for the
 * whole machine, each Parallel branch and each Map iteration.
 */
import type { JsonValue, State } from '../model/asl.js';
import { NOT_TRUNCATED, type HistoryEventType } from './history.js';
import { dataLimitExceeded, exceedsLimit, toJson } from './payload-size.js';
import { BranchStopped, isCancelled, StateEnv, type Frame, type StateResult } from './runtime.js';
import { StatesError } from './states-error.js';
import { runChoice } from './states/choice.js';
import { runFail } from './states/fail.js';
import { runMap } from './states/map.js';
import { runParallel } from './states/parallel.js';
import { runPass } from './states/pass.js';
import { runSucceed } from './states/succeed.js';
import { runTask } from './states/task.js';
import { runWait } from './states/wait.js';

export async function runFrame(frame: Frame, input: JsonValue): Promise<JsonValue> {
  let name = frame.startAt;
  let data = input;
  let dataText: string | undefined;
  for (;;) {
    if (isCancelled(frame.cancel)) throw new BranchStopped();
    const state = frame.states[name];
    if (!state) throw new StatesError('States.Runtime', `The state machine has no state named '${name}'.`);
    const env = new StateEnv(frame, name, state, data);
    env.enteredEventId = env.event(`${state.Type}StateEntered` as HistoryEventType, {
      name,
      input: dataText ?? toJson(data),
      inputDetails: NOT_TRUNCATED,
    });
    const result = await runState(env);
    if (isCancelled(frame.cancel)) throw new BranchStopped();
    if (!result.noExit) {
      const text = toJson(result.output);
      if (exceedsLimit(text)) throw dataLimitExceeded(name);
      const details: Record<string, unknown> = { name, output: text, outputDetails: NOT_TRUNCATED };
      if (result.assigned && Object.keys(result.assigned).length > 0) {
        details.assignedVariables = Object.fromEntries(Object.entries(result.assigned).map(([k, v]) => [k, toJson(v)]));
        details.assignedVariablesDetails = NOT_TRUNCATED;
      }
      env.event(`${state.Type}StateExited` as HistoryEventType, details);
      dataText = text;
    }
    if (result.assigned) Object.assign(frame.variables, result.assigned);
    if (result.next === undefined) return result.output;
    name = result.next;
    data = result.output;
  }
}

function runState(env: StateEnv): Promise<StateResult> {
  const state: State = env.state;
  switch (state.Type) {
    case 'Task':
      return runTask(env, state);
    case 'Pass':
      return runPass(env, state);
    case 'Choice':
      return runChoice(env, state);
    case 'Wait':
      return runWait(env, state);
    case 'Succeed':
      return runSucceed(env, state);
    case 'Fail':
      return runFail(env, state);
    case 'Parallel':
      return runParallel(env, state, runFrame);
    case 'Map':
      return runMap(env, state, runFrame);
  }
}
