export { EventBridgeApiError, compileEventPattern, validateEventPattern, type CompiledPattern } from './pattern.js';
export { testEventPattern, matchesEvent } from './match.js';
export { transformInput, validateTargetInput, select, RESERVED_VARIABLES, type TargetInputOptions, type TransformContext } from './transformer.js';
export { parseCron, type CronExpression } from './cron.js';
export { parseScheduleExpression, type ScheduleExpression, type ExpressionDialect } from './expression.js';
export { nextFireTimes, type NextFireOptions } from './next.js';
export { isTimeZone } from './zone.js';
