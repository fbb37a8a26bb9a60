/**
 * asl-validator (the JSON-schema validator of ASL) as Problems. Its messages name a JSON pointer
 * (`/States/Load/Resource`); we turn that into the state and field users know.
 */
import aslValidator from 'asl-validator';
import type { Problem } from '../model/errors.js';
import type { StateMachineDefinition } from '../model/asl.js';

// asl-validator is CommonJS (`module.exports = validator`): its default import is that function
// both in Node's ESM loader and in Jest's CommonJS transform. Types: src/types/asl-validator.d.ts.

/** Our own checks say these better, with the state and field; asl-validator's copies are dropped. */
const COVERED_BY_OUR_CHECKS = new Set(['MISSING_TRANSITION_TARGET', 'MISSING_TERMINAL_STATE', 'DUPLICATE_STATE_NAMES', 'STATE_TRANSITIONS']);

export interface SchemaOptions {
  /** Check JSONPath syntax in path fields (asl-validator's `checkPaths`). */
  checkPaths?: boolean;
  /** Check that Task Resources are ARNs (asl-validator's `checkArn`). */
  checkArn?: boolean;
}

export function checkSchema(definition: StateMachineDefinition, options: SchemaOptions = {}): Problem[] {
  // It fills in QueryLanguage on the object it is given, so it gets a copy.
  let result: ReturnType<typeof aslValidator>;
  try {
    result = aslValidator(jaywayDotBracketAsBracket(structuredClone(definition)), { checkPaths: options.checkPaths ?? true, checkArn: options.checkArn ?? true });
  } catch (error) {
    // It assumes a well-formed shape; our own checks report what it tripped on.
    return [{ message: `asl-validator could not check this definition: ${(error as Error).message}`, source: 'asl-validator' }];
  }
  if (result.isValid) return [];
  return result.errors
    .filter((e) => !COVERED_BY_OUR_CHECKS.has(e['Error code']) && !isParsedExpression(definition, e.schemaError?.instancePath))
    .map((e): Problem => ({ ...locate(e.schemaError?.instancePath), message: e.Message, source: 'asl-validator', fix: 'compare the field with the Amazon States Language specification' }));
}

/**
 * AWS's JSONPath (Jayway) reads `a.[0]` as `a[0]`, and AWS's own samples use it; asl-validator's path
 * grammar does not know the form, so it gets the plain bracket spelling.
 */
function jaywayDotBracketAsBracket<T>(value: T): T {
  if (typeof value === 'string') return (value.startsWith('$') || value.startsWith('States.') ? value.replace(/(?<!\.)\.\[/g, '[') : value) as T;
  if (Array.isArray(value)) return value.map(jaywayDotBracketAsBracket) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jaywayDotBracketAsBracket(v)])) as T;
  }
  return value;
}

/**
 * asl-validator checks `{% %}` strings and `key.$` values with regular expressions stricter than AWS
 * (it rejects `{% $states.input%}`, and filters such as `[?(@.id == $.x)]`, both deployed in AWS's
 * own samples). Our checks parse those with the real JSONata and JSONPath parsers and report what
 * does not parse, so asl-validator's verdict on them is dropped.
 */
function isParsedExpression(definition: StateMachineDefinition, pointer: string | undefined): boolean {
  if (!pointer) return false;
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let value: unknown = definition;
  for (const part of parts) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  const key = parts[parts.length - 1] ?? '';
  if (typeof value !== 'string') return false;
  // Intrinsic calls keep asl-validator's verdict: it checks argument types (`States.MathAdd(1, '-1')`).
  return value.trim().startsWith('{%') || (key.endsWith('.$') && !value.trim().startsWith('States.'));
}

/** `/States/P/Branches/0/States/Load/Retry/0/ErrorEquals` → state "Load", field "Retry[0].ErrorEquals". */
function locate(pointer: string | undefined): { state?: string; field?: string } {
  if (!pointer) return {};
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let state: string | undefined;
  let rest: string[] = parts;
  for (let i = 0; i < parts.length - 1; i++) {
    if (parts[i] === 'States') {
      state = parts[i + 1];
      rest = parts.slice(i + 2);
      i++;
    }
  }
  const field = rest.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
  return { state, field: field || undefined };
}
