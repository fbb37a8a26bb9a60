/** stepwright: author, test and ship AWS Step Functions workflows in TypeScript. */
export * from './asl/types.js';
export * from './errors.js';
export * from './dsl/index.js';
export { compile, toAslJson } from './asl/compile.js';
export * from './integrations/index.js';
export { validateDefinition, assertValidDefinition, MAX_DEFINITION_BYTES, type ValidateOptions } from './asl/validate/index.js';
export { buildDefinition } from './asl/build.js';
export { summarize, serviceOf, type DefinitionSummary } from './asl/summary.js';
export { execute, type RunOptions } from './execute.js';
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
