/**
 * TestState on the embedded engine: the state runs alone in a one-state machine whose every
 * transition (Next, Choice rules, Default, Catch) leads to a marker state, so the marker entered
 * says the next state and whether a Catch took it. A Task never calls a service: its answer is
 * the request's `mock` (result or errorOutput), as AWS's TestState takes it. A retry the engine
 * starts means RETRIABLE. Map and Parallel states are not served.
 */
import type { JsonValue, State, StateMachineDefinition } from '../model/asl.js';
import { isStepwrightError } from '../model/errors.js';
import { executeDefinition, type ContextOverrides, type HistoryEvent, type MockResponse } from '../engine/index.js';
import { checkDefinition } from './definitions.js';
import { errors } from './errors.js';

const MARK = 'stepwright:next:';
const SEED = 'stepwright:variables';

interface TestStateRequest {
  definition: string;
  stateName?: string;
  input?: string;
  variables?: string;
  context?: string;
  mock?: { result?: string; errorOutput?: { error?: string; cause?: string } };
  stateConfiguration?: { retrierRetryCount?: number };
  inspectionLevel?: string;
}

export async function testState(request: TestStateRequest): Promise<Record<string, unknown>> {
  const { name, state, queryLanguage } = pickState(request);
  if (state.Type === 'Map' || state.Type === 'Parallel') throw errors.validationMessage(`The local endpoint's TestState does not run ${state.Type} states; run the state machine instead`);
  const input = parseJson(request.input ?? '{}', 'input', errors.invalidExecutionInput);
  const variables = request.variables === undefined ? undefined : parseJson(request.variables, 'variables', errors.validationMessage);
  const context = request.context === undefined ? undefined : parseJson(request.context, 'context', errors.validationMessage);

  // Every way out of the state leads to its own marker.
  const targets: string[] = [];
  const mark = (target: string): string => `${MARK}${targets.push(target) - 1}`;
  const tested = JSON.parse(JSON.stringify(state)) as State & Record<string, any>;
  if (typeof tested.Next === 'string') tested.Next = mark(tested.Next);
  if (tested.Type === 'Choice') {
    for (const rule of tested.Choices ?? []) if (typeof rule.Next === 'string') rule.Next = mark(rule.Next);
    if (typeof tested.Default === 'string') tested.Default = mark(tested.Default);
  }
  const catchTargets = new Set<string>();
  for (const c of tested.Catch ?? []) if (typeof c.Next === 'string') catchTargets.add((c.Next = mark(c.Next)));
  const states: Record<string, State> = { [name]: tested };
  targets.forEach((_, i) => (states[`${MARK}${i}`] = { Type: 'Pass', End: true } as State));
  let startAt = name;
  if (variables !== undefined) {
    if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) throw errors.validationMessage('variables must be a JSON object');
    states[SEED] = { Type: 'Pass', Assign: variables, Next: name } as unknown as State;
    startAt = SEED;
  }
  const definition = { ...(queryLanguage ? { QueryLanguage: queryLanguage } : {}), StartAt: startAt, States: states } as StateMachineDefinition;

  const mocks: Record<string, MockResponse[]> = {};
  if (state.Type === 'Task') {
    const answer = mockAnswer(request.mock);
    if (!answer) throw errors.validationMessage('The local endpoint calls no AWS service: TestState of a Task state needs mock.result or mock.errorOutput');
    // A state already retried n times (stateConfiguration.retrierRetryCount) failed n + 1 times so far.
    const earlier = 'Throw' in answer ? (request.stateConfiguration?.retrierRetryCount ?? 0) : 0;
    mocks[name] = Array.from({ length: earlier + 1 }, () => answer);
  }
  let run;
  try {
    run = await executeDefinition(definition, input, { mocks, ...(context ? { context: context as ContextOverrides } : {}) });
  } catch (e) {
    if (isStepwrightError(e)) throw errors.validationMessage(e.problems.map((p) => p.message).join('; '));
    throw e;
  }
  const history = run.history;
  const attempts = history.filter((e) => e.type === 'TaskScheduled' || e.type === 'LambdaFunctionScheduled').length;
  const inspection = inspect(history, name, input, variables);
  const failure = firstFailure(history);
  if (state.Type === 'Task' && attempts > (mocks[name]?.length ?? 0)) {
    return { status: 'RETRIABLE', ...failure, inspectionData: { ...inspection, ...retryDetails(history, mocks[name]!.length) } };
  }
  const marker = history.find((e) => e.type === 'PassStateEntered' && String(e.stateEnteredEventDetails?.name).startsWith(MARK));
  if (marker) {
    const markerName = String(marker.stateEnteredEventDetails!.name);
    const nextState = targets[Number(markerName.slice(MARK.length))];
    const output = marker.stateEnteredEventDetails!.input as string;
    const caught = catchTargets.has(markerName);
    return { output, nextState, status: caught ? 'CAUGHT_ERROR' : 'SUCCEEDED', ...(caught ? failure : {}), inspectionData: inspection };
  }
  if (run.status === 'SUCCEEDED') return { output: JSON.stringify(run.output ?? null), status: 'SUCCEEDED', inspectionData: inspection };
  return { status: 'FAILED', ...(run.error !== undefined ? { error: run.error } : {}), ...(run.cause !== undefined ? { cause: run.cause } : {}), inspectionData: inspection };
}

/** The state to test: the definition itself, or `stateName` of a whole state machine. */
function pickState(request: TestStateRequest): { name: string; state: State; queryLanguage?: string } {
  let parsed: Record<string, any>;
  try {
    parsed = JSON.parse(request.definition) as Record<string, any>;
  } catch (e) {
    throw errors.invalidDefinition(`INVALID_JSON_DESCRIPTION: ${(e as Error).message}`);
  }
  if (parsed && typeof parsed === 'object' && parsed.States && typeof parsed.States === 'object') {
    checkDefinition(request.definition);
    const name = request.stateName;
    if (!name) throw errors.validationMessage('stateName is required when the definition is a whole state machine');
    const state = parsed.States[name] as State | undefined;
    if (!state) throw errors.validationMessage(`State not found in definition: '${name}'`);
    return { name, state, ...(parsed.QueryLanguage ? { queryLanguage: parsed.QueryLanguage } : {}) };
  }
  if (!parsed || typeof parsed !== 'object' || typeof parsed.Type !== 'string') throw errors.invalidDefinition('SCHEMA_VALIDATION_FAILED: The field "Type" is required');
  const name = request.stateName ?? 'TestState';
  // A lone state is checked in a machine of its own, every transition leading to an end.
  const end = `${MARK}end`;
  const alone = { ...parsed } as Record<string, any>;
  if (alone.Next !== undefined) alone.Next = end;
  if (alone.Type === 'Choice') alone.Choices = (alone.Choices ?? []).map((c: Record<string, unknown>) => ({ ...c, Next: end }));
  if (alone.Default !== undefined) alone.Default = end;
  if (Array.isArray(alone.Catch)) alone.Catch = alone.Catch.map((c: Record<string, unknown>) => ({ ...c, Next: end }));
  checkDefinition(JSON.stringify({ ...(parsed.QueryLanguage ? { QueryLanguage: parsed.QueryLanguage } : {}), StartAt: name, States: { [name]: alone, [end]: { Type: 'Succeed' } } }));
  return { name, state: parsed as State };
}

function mockAnswer(mock: TestStateRequest['mock']): MockResponse | undefined {
  if (!mock) return undefined;
  if (mock.result !== undefined && mock.errorOutput !== undefined) throw errors.validationMessage('Give mock.result or mock.errorOutput, not both');
  if (mock.result !== undefined) return { Return: parseJson(mock.result, 'mock.result', errors.validationMessage) };
  if (mock.errorOutput !== undefined) return { Throw: { Error: mock.errorOutput.error ?? '', ...(mock.errorOutput.cause !== undefined ? { Cause: mock.errorOutput.cause } : {}) } };
  return undefined;
}

function inspect(history: HistoryEvent[], name: string, input: JsonValue, variables: JsonValue | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { input: JSON.stringify(input) };
  const scheduled = history.find((e) => e.type === 'TaskScheduled');
  const parameters = scheduled?.taskScheduledEventDetails?.parameters ?? history.find((e) => e.type === 'LambdaFunctionScheduled')?.lambdaFunctionScheduledEventDetails?.input;
  if (parameters !== undefined) out.afterArguments = parameters;
  const succeeded = history.find((e) => e.type === 'TaskSucceeded' || e.type === 'LambdaFunctionSucceeded');
  const result = (succeeded?.taskSucceededEventDetails ?? succeeded?.lambdaFunctionSucceededEventDetails)?.output;
  if (result !== undefined) out.result = result;
  const exited = history.find((e) => e.type.endsWith('StateExited') && e.stateExitedEventDetails?.name === name);
  const assigned = exited?.stateExitedEventDetails?.assignedVariables as Record<string, string> | undefined;
  if (variables !== undefined || assigned) {
    const all: Record<string, unknown> = { ...(variables as Record<string, unknown> | undefined) };
    for (const [k, v] of Object.entries(assigned ?? {})) all[k] = JSON.parse(v);
    out.variables = JSON.stringify(all);
  }
  return out;
}

function firstFailure(history: HistoryEvent[]): { error?: string; cause?: string } {
  for (const e of history) {
    const details = e.taskFailedEventDetails ?? e.lambdaFunctionFailedEventDetails ?? e.taskTimedOutEventDetails ?? e.lambdaFunctionTimedOutEventDetails;
    if (details) {
      const { error, cause } = details as { error?: string; cause?: string };
      return { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) };
    }
  }
  return {};
}

/** How long the engine waited before the retry (attempt `retry`, counting from 0), from the history's times. */
function retryDetails(history: HistoryEvent[], retry: number): Record<string, unknown> {
  const retriedAt = history.filter((e) => e.type === 'TaskScheduled' || e.type === 'LambdaFunctionScheduled')[retry];
  const failedAt = retriedAt && history.findLast((e) => e.id < retriedAt.id && /Failed$|TimedOut$/.test(e.type) && !e.type.startsWith('Execution'));
  if (!failedAt) return {};
  return { errorDetails: { retryBackoffIntervalSeconds: Math.round((retriedAt.timestamp.getTime() - failedAt.timestamp.getTime()) / 1000) } };
}

function parseJson(text: string, field: string, fail: (m: string) => Error): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch (e) {
    throw fail(`${field} is not valid JSON: ${(e as Error).message}`);
  }
}
