/**
 * Task: every call is answered by a mock (see mocks.ts); nothing reaches the network.
 * - `arn:aws:lambda:...:function:name` (a function ARN) sends the effective input as the payload
 *   and returns the function's payload; history shows LambdaFunction* events.
 * - `arn:aws:states:::service:action[.sync|.waitForTaskToken]` returns what the integration
 *   returns (for `lambda:invoke`, the whole Invoke result); history shows Task* events.
 * TimeoutSeconds and HeartbeatSeconds run on the virtual clock against the mock's DelaySeconds.
 * A mock never sends heartbeats, so a task that takes longer than HeartbeatSeconds times out.
 */
import type { JsonValue, TaskState } from '../../model/asl.js';
import { DEFAULT_REGION } from '../context.js';
import { applyInputPath, applyOutputPath, assignJsonPath, completeJsonata, jsonata, payload, resultPath } from '../io.js';
import type { MockResponse } from '../mocks.js';
import { dataLimitExceeded, exceedsPayloadLimit } from '../payload-size.js';
import { withRetryAndCatch } from '../recover.js';
import { nextOf, type StateEnv, type StateResult } from '../runtime.js';
import { failure, isFailure, StatesError, type Failure } from '../states-error.js';
import { resolveSeconds } from './seconds.js';
import { parseResource, type TaskResource } from '../../model/resource.js';

interface Limits {
  timeout: number | undefined;
  heartbeat: number | undefined;
}

export async function runTask(env: StateEnv, state: TaskState): Promise<StateResult> {
  const parsed = parseResource(state.Resource);
  if (env.queryLanguage === 'JSONata') {
    const limits = await taskLimits(env, state, env.input);
    return withRetryAndCatch(env, state, async () => {
      if (parsed.pattern === 'waitForTaskToken') env.taskToken = taskToken(env);
      const args = state.Arguments !== undefined ? await jsonata(env, state.Arguments, 'Arguments') : defaultRequest(parsed, env.input);
      const result = await invoke(env, state, parsed, args, limits);
      if (isFailure(result)) return result;
      return { ...(await completeJsonata(env, state, result, { result })), next: nextOf(state) };
    });
  }
  const effective = applyInputPath(env, env.input);
  const limits = await taskLimits(env, state, effective);
  return withRetryAndCatch(env, state, async () => {
    if (parsed.pattern === 'waitForTaskToken') env.taskToken = taskToken(env);
    const params = state.Parameters !== undefined ? payload(env, state.Parameters, effective, 'Parameters') : defaultRequest(parsed, effective);
    const raw = await invoke(env, state, parsed, params, limits);
    if (isFailure(raw)) return raw;
    const result = state.ResultSelector !== undefined ? payload(env, state.ResultSelector, raw, 'ResultSelector') : raw;
    const assigned = assignJsonPath(env, state.Assign, result);
    const output = applyOutputPath(env, resultPath(env, env.input, result, state.ResultPath));
    return { output, next: nextOf(state), assigned };
  });
}

/**
 * Without Parameters / Arguments a function ARN receives the (effective) input as its payload,
 * while a service integration is called with an empty request, as AWS does.
 */
function defaultRequest(parsed: TaskResource, input: JsonValue): JsonValue {
  return parsed.kind === 'lambda-function' || parsed.kind === 'activity' ? input : {};
}

async function taskLimits(env: StateEnv, state: TaskState, data: JsonValue): Promise<Limits> {
  return {
    timeout: await resolveSeconds(env, data, 'TimeoutSeconds', state.TimeoutSeconds, state.TimeoutSecondsPath),
    heartbeat: await resolveSeconds(env, data, 'HeartbeatSeconds', state.HeartbeatSeconds, state.HeartbeatSecondsPath),
  };
}

function taskToken(env: StateEnv): string {
  // Opaque like AWS's; deterministic per seed.
  return `AQB${env.runtime.random.uuid().replace(/-/g, '')}${env.runtime.random.uuid().replace(/-/g, '')}`;
}

/** Calls the mock: the task's result, or its failure as a record (recorded in history either way). */
async function invoke(env: StateEnv, state: TaskState, parsed: TaskResource, input: JsonValue, limits: Limits): Promise<JsonValue | Failure> {
  const { resourceType, resource } = parsed;
  const legacyLambda = parsed.kind === 'lambda-function';
  if (legacyLambda) {
    env.event('LambdaFunctionScheduled', {
      resource,
      input,
      ...(limits.timeout !== undefined ? { timeoutInSeconds: limits.timeout } : {}),
    });
    env.event('LambdaFunctionStarted');
  } else {
    env.event('TaskScheduled', {
      resourceType,
      resource,
      region: DEFAULT_REGION,
      parameters: input,
      ...(limits.timeout !== undefined ? { timeoutInSeconds: limits.timeout } : {}),
      ...(limits.heartbeat !== undefined ? { heartbeatInSeconds: limits.heartbeat } : {}),
    });
    env.event('TaskStarted', { resourceType, resource });
  }
  const fail = (error: string, cause: string, timedOut = false): Failure => {
    if (legacyLambda) env.event(timedOut ? 'LambdaFunctionTimedOut' : 'LambdaFunctionFailed', { error, cause });
    else env.event(timedOut ? 'TaskTimedOut' : 'TaskFailed', { resourceType, resource, error, cause });
    return failure(error, cause);
  };

  const { runtime } = env;
  let response: MockResponse;
  try {
    const answer = runtime.mocks.respond(
      { state: env.name, resource: state.Resource, input, attempt: env.retryCount, context: env.context() },
      (work) => runtime.clock.track(work),
    );
    response = answer instanceof Promise ? await answer : (answer as MockResponse);
  } catch (e) {
    if (e instanceof StatesError) return fail(e.error, e.cause);
    throw e;
  }

  const delay = response.DelaySeconds ?? 0;
  const { timeout, heartbeat } = limits;
  // Whichever limit comes first fires; a mock sends no heartbeats.
  const limit =
    heartbeat !== undefined && delay >= heartbeat && (timeout === undefined || heartbeat < timeout)
      ? { seconds: heartbeat, error: 'States.HeartbeatTimeout' }
      : timeout !== undefined && delay >= timeout
        ? { seconds: timeout, error: 'States.Timeout' }
        : undefined;
  if (limit) {
    await runtime.clock.sleep(limit.seconds);
    return fail(limit.error, '', true);
  }
  if (delay > 0) await runtime.clock.sleep(delay);

  if ('Throw' in response) return fail(String(response.Throw.Error), response.Throw.Cause === undefined ? '' : String(response.Throw.Cause));

  const result = response.Return;
  if (!legacyLambda && parsed.pattern !== 'requestResponse') env.event('TaskSubmitted', { resourceType, resource, output: {} });
  // AWS names the resource here (the function ARN, or the integration, e.g. 'lambda'), not the state.
  if (exceedsPayloadLimit(result)) return fail('States.DataLimitExceeded', dataLimitExceeded(legacyLambda ? resource : resourceType).cause);
  if (legacyLambda) env.event('LambdaFunctionSucceeded', { output: result });
  else env.event('TaskSucceeded', { resourceType, resource, output: result });
  return result === undefined ? null : result;
}
