/** stepwright: author, test and ship AWS Step Functions workflows in TypeScript. */
export * from './model/asl.js';
export * from './model/errors.js';
export * from './dsl/index.js';
export { compile, toAslJson } from './compile/compile.js';
export * from './integrations/index.js';
export { validateDefinition, assertValidDefinition, MAX_DEFINITION_BYTES, type ValidateOptions } from './validate/index.js';
export { buildDefinition } from './compile/build.js';
export { summarize, type DefinitionSummary } from './model/summary.js';
export { execute, type RunOptions } from './compile/execute.js';
export type { ExecuteOptions, ExecutionResult, ExecutionStatus, Mocks, MockResponse, MockFunction, TaskCall, HistoryEvent } from './engine/index.js';
export { StatesError } from './engine/index.js';
// Schedules and rules (everything else is in 'stepwright/schedules').
export {
  testEventPattern,
  transformInput,
  nextFireTimes,
  schedule,
  rule,
  s3ObjectCreated,
  glueJobStateChange,
  glueCrawlerStateChange,
  stepFunctionsExecutionStatusChange,
  loadSchedulesFile,
  EventBridgeApiError,
  type ScheduleSpec,
  type RuleSpec,
  type NextFireOptions,
  type TargetInputOptions,
  type TransformContext,
} from './schedules/index.js';
