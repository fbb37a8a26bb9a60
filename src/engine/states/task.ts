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
import { applyInputPath, applyOutputPath, assignJsonPath, completeJsonata, jsonata, payload, resultPath } from '../io.js';
import type { MockResponse, TaskCall } from '../mocks.js';
import { dataLimitExceeded, exceedsPayloadLimit } from '../payload-size.js';
import { withRetryAndCatch } from '../recover.js';
import { nextOf, type StateEnv, type StateResult } from '../runtime.js';
import { failure, isFailure, StatesError, type Failure } from '../states-error.js';
import { resolveSeconds } from './seconds.js';
import { awaitCallback } from '../callbacks.js';
import { parseResource, type TaskResource } from '../../model/resource.js';

interface Limits {
  timeout: number | undefined;
  heartbeat: number | undefined;
}

/** Resources read once per text: a Map runs the same Task for every item. */
const resources = new Map<string, TaskResource>();

function resourceOf(arn: string): TaskResource {
  let parsed = resources.get(arn);
  if (!parsed) {
    parsed = parseResource(arn);
    if (resources.size >= 4096) resources.clear();
    resources.set(arn, parsed);
  }
  return parsed;
}

const NO_LIMITS: Limits = Object.freeze({ timeout: undefined, heartbeat: undefined });

export async function runTask(env: StateEnv, state: TaskState): Promise<StateResult> {
  const parsed = resourceOf(state.Resource);
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
  const complete = (raw: Attempt): StateResult | Failure => {
    if (isFailure(raw)) return raw;
    const result = state.ResultSelector !== undefined ? payload(env, state.ResultSelector, raw, 'ResultSelector') : raw;
    const assigned = assignJsonPath(env, state.Assign, result);
    const output = applyOutputPath(env, resultPath(env, env.input, result, state.ResultPath));
    return { output, next: nextOf(state), assigned };
  };
  // No promise when the mock answers at once: a retry loop then costs one virtual-clock wait per attempt.
  return withRetryAndCatch(env, state, () => {
    if (parsed.pattern === 'waitForTaskToken') env.taskToken = taskToken(env);
    const params = state.Parameters !== undefined ? payload(env, state.Parameters, effective, 'Parameters') : defaultRequest(parsed, effective);
    const raw = invoke(env, state, parsed, params, limits);
    return raw instanceof Promise ? raw.then(complete) : complete(raw);
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
  if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined && state.HeartbeatSeconds === undefined && state.HeartbeatSecondsPath === undefined) {
    return NO_LIMITS;
  }
  return {
    timeout: await resolveSeconds(env, data, 'TimeoutSeconds', state.TimeoutSeconds, state.TimeoutSecondsPath),
    heartbeat: await resolveSeconds(env, data, 'HeartbeatSeconds', state.HeartbeatSeconds, state.HeartbeatSecondsPath),
  };
}

/** What a mock function is told; the context object is built only if the mock reads it. */
class Call implements TaskCall {
  readonly state: string;
  readonly attempt: number;
  readonly #env: StateEnv;

  constructor(
    env: StateEnv,
    readonly resource: string,
    readonly input: JsonValue,
  ) {
    this.#env = env;
    this.state = env.name;
    this.attempt = env.retryCount;
  }

  get context(): JsonValue {
    return this.#env.context();
  }

  toJSON(): TaskCall {
    return { state: this.state, resource: this.resource, input: this.input, attempt: this.attempt, context: this.context };
  }
}

function taskToken(env: StateEnv): string {
  // Opaque like AWS's; deterministic per seed.
  return `AQB${env.runtime.random.uuid().replace(/-/g, '')}${env.runtime.random.uuid().replace(/-/g, '')}`;
}

type Attempt = JsonValue | Failure;

/**
 * Calls the mock: the task's result, or its failure as a record (recorded in history either way).
 * At once when the mock answers at once and takes no virtual time; a promise otherwise.
 */
function invoke(env: StateEnv, state: TaskState, parsed: TaskResource, input: JsonValue, limits: Limits): Attempt | Promise<Attempt> {
  const { resourceType, resource } = parsed;
  if (parsed.kind === 'lambda-function') {
    if (limits.timeout === undefined) env.eventPair('LambdaFunctionScheduled', resource, input);
    else env.event('LambdaFunctionScheduled', { resource, input, timeoutInSeconds: limits.timeout });
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
    env.eventPair('TaskStarted', resourceType, resource);
  }
  const { runtime } = env;
  if (parsed.pattern === 'waitForTaskToken' && runtime.callbacks && env.taskToken !== undefined && !runtime.mocks.has(env.name)) {
    return answeredFromOutside(env, state, parsed, input, limits);
  }
  let answer: MockResponse | Promise<MockResponse>;
  try {
    answer = runtime.mocks.respond(new Call(env, state.Resource, input), (work) => runtime.clock.track(work));
  } catch (e) {
    if (e instanceof StatesError) return fail(env, parsed, e.error, e.cause);
    throw e;
  }
  if (answer instanceof Promise) {
    return answer.then(
      (response) => answered(env, parsed, response, limits),
      (e: unknown) => {
        if (e instanceof StatesError) return fail(env, parsed, e.error, e.cause);
        throw e;
      },
    );
  }
  return answered(env, parsed, answer, limits);
}

/**
 * An unmocked `.waitForTaskToken` task in a run given `callbacks`: the call that carries the token
 * is not made; the token goes to whoever answers it (SendTaskSuccess / SendTaskFailure), within
 * the task's TimeoutSeconds and HeartbeatSeconds.
 */
async function answeredFromOutside(env: StateEnv, state: TaskState, parsed: TaskResource, input: JsonValue, limits: Limits): Promise<Attempt> {
  const { runtime } = env;
  env.event('TaskSubmitted', { resourceType: parsed.resourceType, resource: parsed.resource, output: {} });
  const outcome = await awaitCallback(runtime.clock, runtime.callbacks!({ token: env.taskToken!, state: env.name, resource: state.Resource, input }), limits);
  if (outcome.kind === 'timeout') return fail(env, parsed, outcome.error, '', true);
  return settle(env, parsed, outcome.response, true);
}

function answered(env: StateEnv, parsed: TaskResource, response: MockResponse, limits: Limits): Attempt | Promise<Attempt> {
  const delay = response.DelaySeconds ?? 0;
  const { timeout, heartbeat } = limits;
  // Whichever limit comes first fires; a mock sends no heartbeats.
  const limit =
    heartbeat !== undefined && delay >= heartbeat && (timeout === undefined || heartbeat < timeout)
      ? { seconds: heartbeat, error: 'States.HeartbeatTimeout' }
      : timeout !== undefined && delay >= timeout
        ? { seconds: timeout, error: 'States.Timeout' }
        : undefined;
  const { clock } = env.runtime;
  if (limit) return clock.sleep(limit.seconds).then(() => fail(env, parsed, limit.error, '', true));
  if (delay > 0) return clock.sleep(delay).then(() => settle(env, parsed, response));
  return settle(env, parsed, response);
}

/** The task's outcome in history; `submitted` when TaskSubmitted was recorded already (the token went out). */
function settle(env: StateEnv, parsed: TaskResource, response: MockResponse, submitted = false): Attempt {
  const { resourceType, resource } = parsed;
  const legacyLambda = parsed.kind === 'lambda-function';
  if ('Throw' in response) return fail(env, parsed, String(response.Throw.Error), response.Throw.Cause === undefined ? '' : String(response.Throw.Cause));
  const result = response.Return;
  if (!legacyLambda && parsed.pattern !== 'requestResponse' && !submitted) env.event('TaskSubmitted', { resourceType, resource, output: {} });
  // AWS names the resource here (the function ARN, or the integration, e.g. 'lambda'), not the state.
  if (exceedsPayloadLimit(result)) return fail(env, parsed, 'States.DataLimitExceeded', dataLimitExceeded(legacyLambda ? resource : resourceType).cause);
  if (legacyLambda) env.eventPair('LambdaFunctionSucceeded', undefined, result);
  else env.event('TaskSucceeded', { resourceType, resource, output: result });
  return result === undefined ? null : result;
}

function fail(env: StateEnv, parsed: TaskResource, error: string, cause: string, timedOut = false): Failure {
  if (parsed.kind === 'lambda-function') env.eventPair(timedOut ? 'LambdaFunctionTimedOut' : 'LambdaFunctionFailed', error, cause);
  else env.event(timedOut ? 'TaskTimedOut' : 'TaskFailed', { resourceType: parsed.resourceType, resource: parsed.resource, error, cause });
  return failure(error, cause);
}
