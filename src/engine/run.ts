/**
 * The state loop: enter a state, run it, record its exit, follow Next until End. Used for the
 * whole machine, each Parallel branch and each Map iteration. Every state gives the clock a chance
 * to let the event loop run (see VirtualClock.pace), so no loop of states can starve timers.
 */
import type { JsonValue, State } from '../model/asl.js';
import type { HistoryEventType } from './history.js';
import { ownValue } from './own.js';
import { dataLimitExceeded, exceedsPayloadLimit } from './payload-size.js';
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
import { assignVariables } from './variables.js';

export async function runFrame(frame: Frame, input: JsonValue): Promise<JsonValue> {
  const { clock } = frame.runtime;
  let name = frame.startAt;
  let data = input;
  for (;;) {
    const pause = clock.pace();
    if (pause) await pause;
    if (isCancelled(frame.cancel)) throw new BranchStopped();
    // Own entries only: a state may be named `constructor` or `__proto__`, and a missing one is no crash.
    const state = ownValue(frame.states, name);
    if (!state) throw new StatesError('States.Runtime', `The state machine has no state named '${name}'.`);
    const env = new StateEnv(frame, name, state, data);
    const events = EVENTS.get(state.Type);
    // The validator rejects unknown types; a definition run without it fails instead of crashing.
    if (!events) throw new StatesError('States.Runtime', `The state '${name}' has an unknown Type: ${JSON.stringify(state.Type)}.`);
    env.enteredEventId = env.eventPair(events.entered, name, data);
    const result = await runState(env);
    if (isCancelled(frame.cancel)) throw new BranchStopped();
    if (!result.noExit) {
      if (exceedsPayloadLimit(result.output)) throw dataLimitExceeded(name);
      if (result.assigned) assignVariables(frame, name, result.assigned);
      if (result.assigned && Object.keys(result.assigned).length > 0) env.event(events.exited, { name, output: result.output, assignedVariables: result.assigned });
      else env.eventPair(events.exited, name, result.output);
    } else if (result.assigned) assignVariables(frame, name, result.assigned);
    if (result.next === undefined) return result.output;
    name = result.next;
    data = result.output;
  }
}

const EVENTS = new Map<string, { entered: HistoryEventType; exited: HistoryEventType }>(
  ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'].map((t) => [t, { entered: `${t}StateEntered` as HistoryEventType, exited: `${t}StateExited` as HistoryEventType }]),
);

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
