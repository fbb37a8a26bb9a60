/**
 * stepwright/engine: an embedded Step Functions executor. `executeDefinition(definition, input, options)`
 * runs an ASL state machine, as given, with mocked tasks on a virtual clock. (The root's `execute`
 * also takes DSL workflows and validates the definition first.)
 */
export { execute as executeDefinition, MAX_WALL_TIME_EXCEEDED, StartExecutionError, type ExecuteOptions, type ExecutionResult, type ExecutionStatus, type RunningExecution } from './execute.js';
export type { TaskCallback, TaskCallbacks, TaskTokenRequest } from './callbacks.js';
export { MOCK_EXHAUSTED, UNMOCKED_TASK, type MockConfigFile, type MockFunction, type MockResponse, type MockResponses, type Mocks, type TaskCall } from './mocks.js';
export type { ClockOptions } from './clock.js';
export type { ContextOverrides } from './context.js';
export type { HistoryEvent, HistoryEventType } from './history.js';
export type { ItemReaders } from './runtime.js';
export { StatesError, isStatesError } from './states-error.js';
