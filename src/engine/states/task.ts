/**
 * Task: every call is answered by a mock (see mocks.ts); nothing reaches the network.
 * - `arn:aws:lambda:...:function:name` (a function ARN) sends the effective input as the payload
 *   and returns the function's payload; history shows LambdaFunction* events.
 * - `arn:aws:states:::service:action[.sync|.waitForTaskToken]` returns what the integration
 *   returns (for `lambda:invoke`, the whole Invoke result); history shows Task* events.
 * TimeoutSeconds and HeartbeatSeconds run on the virtual clock against the mock's DelaySeconds.
 * A mock never sends heartbeats, so a task that takes longer than HeartbeatSeconds times out.
 * A `.waitForTaskToken` task without a mock, in a run given `callbacks`, waits for its token to
 * be answered from outside (see callbacks.ts).
 */
import type { JsonValue, TaskState } from '../../model/asl.js';
import { DEFAULT_REGION } from '../context.js';
import { NOT_TRUNCATED } from '../history.js';
import { applyInputPath, applyOutputPath, assignJsonPath, completeJsonata, jsonata, payload, resultPath } from '../io.js';
import { dataLimitExceeded, exceedsLimit, toJson } from '../payload-size.js';
import { withRetryAndCatch } from '../recover.js';
import { nextOf, type StateEnv, type StateResult } from '../runtime.js';
import { StatesError } from '../states-error.js';
import { resolveSeconds } from './seconds.js';
import { awaitCallback } from '../callbacks.js';
import type { MockResponse } from '../mocks.js';
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
      return { ...(await completeJsonata(env, state, result, { result })), next: nextOf(state) };
    });
  }
  const effective = applyInputPath(env, env.input);
  const limits = await taskLimits(env, state, effective);
  return withRetryAndCatch(env, state, async () => {
    if (parsed.pattern === 'waitForTaskToken') env.taskToken = taskToken(env);
    const params = state.Parameters !== undefined ? payload(env, state.Parameters, effective, 'Parameters') : defaultRequest(parsed, effective);
    const raw = await invoke(env, state, parsed, params, limits);
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

async function invoke(env: StateEnv, state: TaskState, parsed: TaskResource, input: JsonValue, limits: Limits): Promise<JsonValue> {
  const { resourceType, resource } = parsed;
  const legacyLambda = parsed.kind === 'lambda-function';
  const inputText = toJson(input);
  if (legacyLambda) {
    env.event('LambdaFunctionScheduled', {
      resource,
      input: inputText,
      inputDetails: NOT_TRUNCATED,
      ...(limits.timeout !== undefined ? { timeoutInSeconds: limits.timeout } : {}),
    });
    env.event('LambdaFunctionStarted');
  } else {
    env.event('TaskScheduled', {
      resourceType,
      resource,
      region: DEFAULT_REGION,
      parameters: inputText,
      ...(limits.timeout !== undefined ? { timeoutInSeconds: limits.timeout } : {}),
      ...(limits.heartbeat !== undefined ? { heartbeatInSeconds: limits.heartbeat } : {}),
    });
    env.event('TaskStarted', { resourceType, resource });
  }
  const fail = (error: string, cause: string, timedOut = false): StatesError => {
    if (legacyLambda) env.event(timedOut ? 'LambdaFunctionTimedOut' : 'LambdaFunctionFailed', { error, cause });
    else env.event(timedOut ? 'TaskTimedOut' : 'TaskFailed', { resourceType, resource, error, cause });
    return new StatesError(error, cause);
  };

  const { runtime } = env;
  let response: MockResponse | { Return: JsonValue } | { Throw: { Error: string; Cause?: string } };
  const callback = parsed.pattern === 'waitForTaskToken' && runtime.callbacks && env.taskToken !== undefined && !runtime.mocks.has(env.name);
  if (callback) {
    // The call that carries the token is not made; the token goes to whoever answers it.
    env.event('TaskSubmitted', { resourceType, resource, output: '{}', outputDetails: NOT_TRUNCATED });
    const outcome = await awaitCallback(runtime.clock, runtime.callbacks!({ token: env.taskToken!, state: env.name, resource: state.Resource, input }), limits);
    if (outcome.kind === 'timeout') throw fail(outcome.error, '', true);
    response = outcome.response;
  } else {
    try {
      response = await runtime.mocks.respond(
        { state: env.name, resource: state.Resource, input, attempt: env.retryCount, context: env.context() },
        (work) => runtime.clock.track(work),
      );
    } catch (e) {
      if (e instanceof StatesError) throw fail(e.error, e.cause);
      throw e;
    }
  }

  const delay: number = ('DelaySeconds' in response ? response.DelaySeconds : undefined) ?? 0;
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
    throw fail(limit.error, '', true);
  }
  if (delay > 0) await runtime.clock.sleep(delay);

  if ('Throw' in response) throw fail(String(response.Throw.Error), response.Throw.Cause === undefined ? '' : String(response.Throw.Cause));

  const result = response.Return;
  const text = toJson(result);
  if (!legacyLambda && parsed.pattern !== 'requestResponse' && !callback) env.event('TaskSubmitted', { resourceType, resource, output: '{}', outputDetails: NOT_TRUNCATED });
  // AWS names the resource here (the function ARN, or the integration, e.g. 'lambda'), not the state.
  if (exceedsLimit(text)) throw fail('States.DataLimitExceeded', dataLimitExceeded(legacyLambda ? resource : resourceType).cause);
  if (legacyLambda) env.event('LambdaFunctionSucceeded', { output: text, outputDetails: NOT_TRUNCATED });
  else env.event('TaskSucceeded', { resourceType, resource, output: text, outputDetails: NOT_TRUNCATED });
  return result === undefined ? null : result;
}
