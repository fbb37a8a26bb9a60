/**
 * stepwright/schedules: EventBridge Scheduler schedules and EventBridge rules that start workflows.
 * Pure functions over plain values; only `loadSchedulesFile` reads a file.
 */
// Event patterns and target input (TestEventPattern, InputPath, InputTransformer).
export { EventBridgeApiError, compileEventPattern, validateEventPattern, type CompiledPattern } from './pattern.js';
export { testEventPattern, matchesEvent } from './match.js';
export { transformInput, validateTargetInput, select, RESERVED_VARIABLES, type TargetInputOptions, type TransformContext } from './transformer.js';
// Schedule expressions and fire times.
export { parseCron, type CronExpression } from './cron.js';
export { parseScheduleExpression, type ScheduleExpression, type ExpressionDialect } from './expression.js';
export { nextFireTimes, type NextFireOptions } from './next.js';
export { isTimeZone } from './zone.js';
// Model, builders, checks, YAML.
export type { FlexibleTimeWindow, InputTransformer, JsonValue, RetryPolicy, RuleSpec, RuleTarget, ScheduleSpec, ScheduleTarget, SchedulesFile } from './model.js';
export { LIMITS } from './model.js';
export { schedule, rule } from './build.js';
export { s3ObjectCreated, glueJobStateChange, glueCrawlerStateChange, stepFunctionsExecutionStatusChange } from './sources.js';
export { checkSchedule, checkRule, type FieldProblem, type FieldPath } from './check.js';
export { loadSchedulesFile, parseSchedulesYaml } from './load.js';
// AWS API inputs.
export {
  toCreateScheduleInput,
  startsThroughSlotStarter,
  toPutRuleInput,
  toPutTargetsInput,
  resolverFor,
  UNIVERSAL_START_EXECUTION,
  type Resolver,
  type CreateScheduleInput,
  type PutRuleInput,
  type PutTargetsInput,
  type PutTargetsTarget,
} from './output.js';
export { SLOT_STARTER_WORKFLOW, slotStarterDefinition, slotExecutionName, slotStamp, type SlotStarterInput } from './starter.js';
