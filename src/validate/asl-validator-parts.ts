/**
 * The parts of asl-validator that stepwright runs itself: its JSON schemas, the formats it registers
 * and its semantic checks. Its exported function builds a new Ajv and compiles every schema on each
 * call (about 50 ms a definition); stepwright runs its schemas precompiled instead
 * (schema-validators.generated.ts, made from aslSchemas() by scripts/schema-validators.ts), while the
 * schemas and checks stay asl-validator's own.
 *
 * Everything is loaded from asl-validator's installed package, and its own dependencies (Ajv,
 * ajv-formats, asl-path-validator) are resolved from there, so the copy is the one asl-validator uses.
 * Ajv itself is loaded only to generate the validators, not to validate.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Ajv as AjvClass } from 'ajv';

const fromHere = createRequire(import.meta.url);
const packageJson = fromHere.resolve('asl-validator/package.json');
const fromAslValidator = createRequire(packageJson);
const DIST = join(dirname(packageJson), 'dist', 'src');

/** A JSON schema as asl-validator ships it (plain JSON). */
export type JsonSchema = Record<string, unknown>;

/** Every schema of asl-validator, by file name (`state.json`, `jsonata.json`, ...), as fresh copies. */
export function aslSchemas(): Map<string, JsonSchema> {
  const dir = join(DIST, 'schemas');
  const schemas = new Map<string, JsonSchema>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    schemas.set(file, structuredClone(fromAslValidator(join(dir, file)) as JsonSchema));
  }
  return schemas;
}

type AjvConstructor = new (options: Record<string, unknown>) => AjvClass;

/** The Ajv asl-validator depends on: its class, its code template tag, its version, and its standalone code generator. */
export function aslValidatorAjv(): {
  Ajv: AjvConstructor;
  code: (strings: TemplateStringsArray, ...values: unknown[]) => unknown;
  version: string;
  standaloneCode: (ajv: AjvClass, refs: Record<string, string>) => string;
} {
  const ajv = fromAslValidator('ajv') as { default: AjvConstructor; _: (strings: TemplateStringsArray, ...values: unknown[]) => unknown };
  return {
    Ajv: ajv.default,
    code: ajv._,
    version: (fromAslValidator('ajv/package.json') as { version: string }).version,
    standaloneCode: (fromAslValidator('ajv/dist/standalone') as { default: (ajv: AjvClass, refs: Record<string, string>) => string }).default,
  };
}

/** asl-validator's version, for the header of the generated validators. */
export const aslValidatorVersion = (): string => (fromAslValidator(packageJson) as { version: string }).version;

/** ajv-formats' `date-time`, as asl-validator registers it (its formats file alone, without Ajv). */
export const dateTimeFormat = (fromAslValidator('ajv-formats/dist/formats.js') as { fullFormats: Record<string, { validate: (value: string) => boolean }> }).fullFormats['date-time']!;

/**
 * asl-path-validator: the JSONPath grammar behind asl-validator's `checkPaths`. Required on the first
 * path checked: a project whose workflows are all JSONata never needs it (its parser is ~10 ms to load).
 */
let pathGrammar: { validatePath: (path: string, context: string) => { isValid: boolean }; contexts: Record<PathContext, string> } | undefined;
export type PathContext = 'PATH' | 'REFERENCE_PATH' | 'PAYLOAD_TEMPLATE' | 'RESULT_PATH';
export function isValidAslPath(path: string, context: PathContext): boolean {
  pathGrammar ??= {
    validatePath: (fromAslValidator('asl-path-validator') as { validatePath: (path: string, context: string) => { isValid: boolean } }).validatePath,
    contexts: (fromAslValidator('asl-path-validator/dist/types.js') as { AslPathContext: Record<PathContext, string> }).AslPathContext,
  };
  return pathGrammar.validatePath(path, pathGrammar.contexts[context]).isValid;
}

/** asl-validator's test of a Task `Resource` ARN (`checkArn`). */
export const isArnFormatValid: (resource: string) => boolean = (fromAslValidator(join(DIST, 'checks', 'formats.js')) as { isArnFormatValid: (r: string) => boolean }).isArnFormatValid;

/** One error of asl-validator's semantic checks. */
export interface AslCheckError {
  'Error code': string;
  Message: string;
}

export interface StateEntry {
  stateName: string;
  state: Record<string, unknown>;
}
type StateChecker = (entry: StateEntry) => AslCheckError | null;
type CheckerFactory = (options: { props: string[]; errorCode: string; path?: string }) => StateChecker;

const stateChecks = fromAslValidator(join(DIST, 'checks', 'state-checks.js')) as {
  AtMostOne: CheckerFactory;
  ExactlyOne: CheckerFactory;
};
const codes = (fromAslValidator(join(DIST, 'types.js')) as { StateMachineErrorCode: Record<string, string> }).StateMachineErrorCode;

/** asl-validator's check that Parameters and ResultSelector keep unique keys once `.$` is stripped. */
export const duplicateFieldNames: (json: unknown, options: object) => AslCheckError[] = (
  fromAslValidator(join(DIST, 'checks', 'duplicate-payload-template-fields.js')) as { mustNotHaveDuplicateFieldNamesAfterEvaluation: (json: unknown, options: object) => AslCheckError[] }
).mustNotHaveDuplicateFieldNamesAfterEvaluation;

const code = (name: string): string => {
  const value = codes[name];
  if (value === undefined) throw new Error(`asl-validator has no error code ${name}: its checks changed, update asl-validator-parts.ts`);
  return value;
};
const { AtMostOne, ExactlyOne } = stateChecks;

/**
 * The per-state checks asl-validator's function runs once its schemas pass (validator.ts there lists
 * them inline, so the list is repeated here with its own checker functions). The four graph checks it
 * also runs (transition targets, terminal states, duplicate names, transitions out of a branch) are
 * not: stepwright's graph check says the same with the state and field.
 */
export const STATE_CHECKS: { type?: string; notTypes?: string[]; check: StateChecker }[] = [
  { type: 'Task', check: AtMostOne({ props: ['TimeoutSeconds', 'TimeoutSecondsPath'], errorCode: code('TaskTimeoutError') }) },
  { type: 'Task', check: AtMostOne({ props: ['HeartbeatSeconds', 'HeartbeatSecondsPath'], errorCode: code('TaskHeartbeatError') }) },
  { type: 'Map', check: ExactlyOne({ props: ['ItemProcessor', 'Iterator'], errorCode: code('MapItemProcessorError') }) },
  { type: 'Map', check: AtMostOne({ props: ['ItemSelector', 'Parameters'], errorCode: code('MapItemSelectorError') }) },
  { type: 'Wait', check: ExactlyOne({ props: ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'], errorCode: code('WaitDurationError') }) },
  { notTypes: ['Succeed', 'Fail', 'Choice'], check: ExactlyOne({ props: ['End', 'Next'], errorCode: code('TerminalStateWithNextError') }) },
  { type: 'Map', check: AtMostOne({ props: ['ToleratedFailureCount', 'ToleratedFailureCountPath'], errorCode: code('MapToleratedFailureError') }) },
  { type: 'Map', check: AtMostOne({ props: ['ToleratedFailurePercentage', 'ToleratedFailurePercentagePath'], errorCode: code('MapToleratedFailureError') }) },
  { type: 'Map', check: AtMostOne({ props: ['MaxConcurrency', 'MaxConcurrencyPath'], errorCode: code('MapMaxConcurrencyError') }) },
  { type: 'Map', check: AtMostOne({ props: ['Items', 'ItemsPath'], errorCode: code('MapItemsError') }) },
  { type: 'Map', check: AtMostOne({ props: ['MaxItems', 'MaxItemsPath'], path: '$.ItemReader.ReaderConfig', errorCode: code('MapItemReaderMaxItemsError') }) },
  { type: 'Map', check: AtMostOne({ props: ['MaxItemsPerBatch', 'MaxItemsPerBatchPath'], path: '$.ItemBatcher', errorCode: code('MapItemBatcherError') }) },
  { type: 'Map', check: AtMostOne({ props: ['MaxInputBytesPerBatch', 'MaxInputBytesPerBatchPath'], path: '$.ItemBatcher', errorCode: code('MapItemBatcherError') }) },
  { type: 'Fail', check: AtMostOne({ props: ['Cause', 'CausePath'], errorCode: code('FailCauseProperty') }) },
  { type: 'Fail', check: AtMostOne({ props: ['Error', 'ErrorPath'], errorCode: code('FailErrorProperty') }) },
];
