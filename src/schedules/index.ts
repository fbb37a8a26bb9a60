export { EventBridgeApiError, compileEventPattern, validateEventPattern, type CompiledPattern } from './pattern.js';
export { testEventPattern, matchesEvent } from './match.js';
export { transformInput, validateTargetInput, select, RESERVED_VARIABLES, type TargetInputOptions, type TransformContext } from './transformer.js';
