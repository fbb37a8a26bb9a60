/**
 * Mocked task responses. No Task ever reaches the network: every Task state's result comes from
 * `options.mocks`, keyed by state name, in one of three forms:
 *   - a list of responses in call order, or Step Functions Local's keyed form (`"0"`, `"1-2"`);
 *   - a function `(call) => response`;
 *   - `{ config, testCase }`: a Step Functions Local MockConfigFile.json object and a test case name.
 * A response is `{ Return: value }` or `{ Throw: { Error, Cause } }`, optionally with
 * `DelaySeconds`: how long the task takes on the virtual clock (so TimeoutSeconds and
 * HeartbeatSeconds can fire).
 */
import type { JsonValue, State, StateMachineDefinition } from '../model/asl.js';
import { StepwrightError } from '../model/errors.js';
import { ownValue, setOwn } from './own.js';
import { StatesError } from './states-error.js';
import { sites } from '../model/walk.js';

export type MockResponse =
  | { Return: JsonValue; DelaySeconds?: number }
  | { Throw: { Error: string; Cause?: string }; DelaySeconds?: number };

export interface TaskCall {
  /** The Task state's name. */
  state: string;
  resource: string;
  /** The effective Parameters (JSONPath) or Arguments (JSONata): what AWS would send. */
  input: JsonValue;
  /** 0 on the first try, 1 on the first retry, ... (same as `$$.State.RetryCount`). */
  attempt: number;
  /** The context object the state sees. */
  context: JsonValue;
}

export type MockFunction = (call: TaskCall) => MockResponse | Promise<MockResponse>;
/** Responses in call order, or keyed by call number / range as Step Functions Local writes them. */
export type MockResponses = MockResponse[] | Record<string, MockResponse>;

/** Step Functions Local's MockConfigFile.json. */
export interface MockConfigFile {
  StateMachines: Record<string, { TestCases: Record<string, Record<string, string>> }>;
  MockedResponses: Record<string, Record<string, MockResponse>>;
}

export type Mocks = Record<string, MockResponses | MockFunction> | { config: MockConfigFile; testCase: string; stateMachine?: string };

/** Error of a Task with no mock. Not matched by States.ALL or States.TaskFailed: it is a test setup problem. */
export const UNMOCKED_TASK = 'stepwright.UnmockedTask';
/** Error of a Task called more times than its mock list has responses. */
export const MOCK_EXHAUSTED = 'stepwright.MockExhausted';

type Source = { kind: 'list'; responses: MockResponse[] } | { kind: 'function'; fn: MockFunction };

export class MockRegistry {
  private readonly sources = new Map<string, Source>();
  private readonly calls = new Map<string, number>();

  constructor(mocks: Mocks | undefined, definition: StateMachineDefinition) {
    const byState = Object.entries(resolveConfig(mocks));
    if (byState.length === 0) return;
    const tasks = taskStates(definition);
    for (const [name, value] of byState) {
      const state = tasks.all.get(name);
      if (!state) {
        throw new StepwrightError({
          state: name,
          field: 'mocks',
          message: `there is no state named "${name}" in the state machine`,
          fix: `mock one of the Task states: ${[...tasks.tasks].join(', ') || '(none)'}`,
        });
      }
      if (state.Type !== 'Task') {
        throw new StepwrightError({ state: name, field: 'mocks', message: `"${name}" is a ${state.Type} state, not a Task; only Task states call services`, fix: `remove the mock for "${name}"` });
      }
      if (typeof value === 'function') this.sources.set(name, { kind: 'function', fn: value });
      else {
        const responses = toList(value, name);
        // Check lists up front, so a typo shows before the run rather than at the Nth call.
        for (const r of responses) if (r !== undefined) checkResponse(r, name);
        this.sources.set(name, { kind: 'list', responses });
      }
    }
  }

  /** Whether `state` has a mock. */
  has(state: string): boolean {
    return this.sources.has(state);
  }

  /**
   * The response for the next call of `call.state`: at once for a list, or what the mock function
   * returns; a promise it returns goes through `track`, so virtual time waits for it. Throws
   * StatesError when there is no response.
   */
  respond(call: TaskCall, track: <T>(work: PromiseLike<T>) => Promise<T>): MockResponse | Promise<MockResponse> {
    const source = this.sources.get(call.state);
    const n = this.calls.get(call.state) ?? 0;
    this.calls.set(call.state, n + 1);
    if (!source) {
      throw new StatesError(UNMOCKED_TASK, `Task state '${call.state}' calls '${call.resource}' but has no mock; mock it by its state name: "${call.state}": [{ "Return": ... }] in a mock file or scenario, mocks: { '${call.state}': [...] } in code`);
    }
    if (source.kind === 'list') return checked(source.responses[n], call.state, n);
    const response = source.fn(call);
    if (isPromiseLike(response)) return track(response).then((r) => checked(r, call.state, n));
    return checked(response, call.state, n);
  }
}

function checked(response: MockResponse | undefined, state: string, n: number): MockResponse {
  if (response === undefined) {
    throw new StatesError(MOCK_EXHAUSTED, `Task state '${state}' was called ${n + 1} times but its mock has only ${n} responses`);
  }
  checkResponse(response, state);
  return response;
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function resolveConfig(mocks: Mocks | undefined): Record<string, MockResponses | MockFunction> {
  if (!mocks) return {};
  if (isConfigForm(mocks)) {
    const { config, testCase, stateMachine } = mocks;
    const machines = Object.entries(config.StateMachines ?? {}).filter(([name, m]) => (!stateMachine || name === stateMachine) && ownValue(m.TestCases, testCase) !== undefined);
    if (machines.length === 0) {
      throw new StepwrightError({ field: 'mocks.testCase', message: `test case "${testCase}" is not in the mock config`, fix: `use one of: ${Object.values(config.StateMachines ?? {}).flatMap((m) => Object.keys(m.TestCases ?? {})).join(', ')}` });
    }
    const out: Record<string, MockResponses> = {};
    for (const [state, responseName] of Object.entries(ownValue(machines[0]![1].TestCases, testCase)!)) {
      const responses = ownValue(config.MockedResponses, responseName);
      if (!responses) throw new StepwrightError({ state, field: 'MockedResponses', message: `mocked response "${responseName}" is not defined`, fix: `add "${responseName}" under MockedResponses` });
      setOwn(out, state, responses);
    }
    return out;
  }
  return mocks;
}

function isConfigForm(mocks: Mocks): mocks is { config: MockConfigFile; testCase: string } {
  return typeof (mocks as { testCase?: unknown }).testCase === 'string' && typeof (mocks as { config?: unknown }).config === 'object';
}

/** `{"0": a, "1-2": b}` → `[a, b, b]`. */
function toList(value: MockResponses, state: string): MockResponse[] {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'object' || value === null) {
    throw new StepwrightError({ state, field: 'mocks', message: 'a mock must be a list of responses, an object keyed by call number ("0", "1-2"), or a function', fix: 'write e.g. [{ Return: { ok: true } }]' });
  }
  const list: MockResponse[] = [];
  for (const [key, response] of Object.entries(value)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(key);
    if (!m) throw new StepwrightError({ state, field: `mocks.${key}`, message: `"${key}" is not a call number or range`, fix: 'key responses by call number ("0") or range ("1-3"), counting from 0' });
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    for (let i = from; i <= to; i++) list[i] = response;
  }
  return list;
}

function checkResponse(response: MockResponse, state: string): void {
  if (typeof response !== 'object' || response === null || (!('Return' in response) && !('Throw' in response))) {
    throw new StepwrightError({ state, field: 'mocks', message: 'a mock response must have Return or Throw', fix: 'write { Return: <result> } or { Throw: { Error: "Name", Cause: "text" } }' });
  }
}

function taskStates(definition: StateMachineDefinition): { all: Map<string, State>; tasks: Set<string> } {
  const all = new Map(sites(definition).map(({ name, state }): [string, State] => [name, state]));
  const tasks = new Set([...all].filter(([, state]) => state.Type === 'Task').map(([name]) => name));
  return { all, tasks };
}
