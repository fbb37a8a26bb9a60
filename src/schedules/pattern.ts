/**
 * EventBridge event patterns: validation (with AWS's `InvalidEventPatternException` wording) and
 * compilation to a list of alternatives, each a list of field conditions that must all hold.
 *
 * Written by hand: the only complete implementation is AWS's Java event-ruler; the npm matchers we
 * know of skip operators (`wildcard`, `cidr`, anything-but variants), AWS's validation messages and
 * array-consistency. The conformance corpus (recorded against AWS) is the reference; see
 * test/schedules/pattern.conformance.test.ts.
 */
import { cidrContains, parseCidr } from './cidr.js';
import { afterFirstToken, jacksonLocation, parseJsonText } from './json-text.js';

/** An error EventBridge's API would return, with its error code (`InvalidEventPatternException`, `ValidationException`). */
export class EventBridgeApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

const REASON = 'Event pattern is not valid. Reason: ';

function invalid(reason: string): never {
  throw new EventBridgeApiError('InvalidEventPatternException', `${REASON}${reason}`);
}

/** A leaf value of an event: what a matcher looks at. */
export type Leaf = string | number | boolean | null;

export interface FieldCondition {
  /** Dotted path from the event root, e.g. `detail.bucket.name`. */
  path: string;
  /** The field matches when any of these matches one of its values. */
  matchers: Array<(value: Leaf) => boolean>;
  /** `{"exists": false}` was among the matchers: the field also matches when it is absent. */
  matchesAbsent: boolean;
}

/** A validated pattern: it matches an event when all conditions of any one alternative hold. */
export interface CompiledPattern {
  alternatives: FieldCondition[][];
}

/** AWS limits on a numeric operand (documented: -5.0e9 to +5.0e9 inclusive). */
const NUMERIC_LIMIT = 5e9;
/** Cap on `$or` expansion, so a pathological pattern fails instead of hanging. */
const MAX_ALTERNATIVES = 1000;

/**
 * Validates a pattern given as JSON text or as a parsed value and compiles it.
 * Throws `EventBridgeApiError` (`InvalidEventPatternException`) with AWS's message when invalid.
 */
export function compileEventPattern(pattern: unknown): CompiledPattern {
  const text = typeof pattern === 'string' ? pattern : JSON.stringify(pattern);
  const parsed = parseJsonText(text);
  if ('error' in parsed) invalid(`${parsed.error.message}${jacksonLocation(text, parsed.error.line, parsed.error.column)}`);
  const value = parsed.value;
  if (!isObject(value)) {
    const at = afterFirstToken(text);
    invalid(`Filter is not an object${jacksonLocation(text, at.line, at.column)}`);
  }
  return { alternatives: compileObject(value, '') };
}

/** Throws with AWS's message when the pattern is invalid; returns nothing otherwise. */
export function validateEventPattern(pattern: unknown): void {
  compileEventPattern(pattern);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function product(left: FieldCondition[][], right: FieldCondition[][]): FieldCondition[][] {
  const out: FieldCondition[][] = [];
  for (const a of left) for (const b of right) out.push([...a, ...b]);
  if (out.length > MAX_ALTERNATIVES) invalid('Rule is too complex - too many combinations of $or alternatives');
  return out;
}

function compileObject(pattern: Record<string, unknown>, prefix: string): FieldCondition[][] {
  let alternatives: FieldCondition[][] = [[]];
  for (const [key, value] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2 || !value.every(isObject)) {
        invalid('"$or" must be an array of at least two objects');
      }
      const union = (value as Array<Record<string, unknown>>).flatMap((sub) => compileObject(sub, prefix));
      alternatives = product(alternatives, union);
      continue;
    }
    const path = prefix ? `${prefix}.${key}` : key;
    if (Array.isArray(value)) alternatives = product(alternatives, [[compileField(path, value)]]);
    else if (isObject(value)) alternatives = product(alternatives, compileObject(value, path));
    else invalid(`"${key}" must be an object or an array`);
  }
  return alternatives;
}

function compileField(path: string, list: unknown[]): FieldCondition {
  if (list.length === 0) invalid('Empty arrays are not allowed');
  const condition: FieldCondition = { path, matchers: [], matchesAbsent: false };
  for (const item of list) {
    if (item === null || typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') {
      condition.matchers.push(exact(item));
    } else if (isObject(item)) {
      const keys = Object.keys(item);
      if (keys.length !== 1) invalid(keys.length === 0 ? 'Empty objects are not allowed' : 'Only one key allowed in match expression');
      const op = keys[0]!;
      if (op === 'exists') {
        if (typeof item.exists !== 'boolean') invalid('exists match pattern must be either true or false.');
        if (item.exists) condition.matchers.push(() => true);
        else condition.matchesAbsent = true;
      } else {
        condition.matchers.push(operator(op, item[op]));
      }
    } else {
      invalid('Match value must be String, number, true, false, or null');
    }
  }
  return condition;
}

function exact(expected: Leaf): (value: Leaf) => boolean {
  return (value) => value === expected;
}

function operator(op: string, arg: unknown): (value: Leaf) => boolean {
  switch (op) {
    case 'prefix':
    case 'suffix':
      return affix(op, arg);
    case 'equals-ignore-case': {
      if (typeof arg !== 'string') invalid('equals-ignore-case match pattern must be a string');
      const lower = arg.toLowerCase();
      return (value) => typeof value === 'string' && value.toLowerCase() === lower;
    }
    case 'wildcard': {
      if (typeof arg !== 'string') invalid('wildcard match pattern must be a string');
      const re = wildcardRegExp(arg);
      return (value) => typeof value === 'string' && re.test(value);
    }
    case 'numeric':
      return numeric(arg);
    case 'cidr': {
      // AWS answers a non-string cidr with the prefix message (recorded in the conformance corpus).
      if (typeof arg !== 'string') invalid('prefix match pattern must be a string');
      const block = parseCidr(arg);
      if ('error' in block) invalid(block.error);
      return (value) => typeof value === 'string' && cidrContains(block, value);
    }
    case 'anything-but':
      return anythingBut(arg);
    default:
      return invalid(`Unrecognized match type ${op}`);
  }
}

function affix(op: 'prefix' | 'suffix', arg: unknown): (value: Leaf) => boolean {
  let needle: string;
  let ignoreCase = false;
  if (typeof arg === 'string') needle = arg;
  else if (isObject(arg) && Object.keys(arg).length === 1 && typeof arg['equals-ignore-case'] === 'string') {
    needle = (arg['equals-ignore-case'] as string).toLowerCase();
    ignoreCase = true;
  } else return invalid(`${op} match pattern must be a string`);
  return (value) => {
    if (typeof value !== 'string') return false;
    const subject = ignoreCase ? value.toLowerCase() : value;
    return op === 'prefix' ? subject.startsWith(needle) : subject.endsWith(needle);
  };
}

const NUMERIC_OPS = new Set(['=', '<', '<=', '>', '>=']);

function numeric(arg: unknown): (value: Leaf) => boolean {
  if (!Array.isArray(arg) || arg.length === 0) invalid('Value of numeric must be an array.');
  const tests: Array<(n: number) => boolean> = [];
  let lower = false;
  let upper = false;
  let equals = false;
  for (let i = 0; i < arg.length; i += 2) {
    const op = arg[i];
    if (typeof op !== 'string' || !NUMERIC_OPS.has(op)) invalid(`Unrecognized numeric range operator: ${String(op)}`);
    const operand = arg[i + 1];
    if (typeof operand !== 'number') invalid(`Value of ${op} must be numeric`);
    if (operand < -NUMERIC_LIMIT || operand > NUMERIC_LIMIT) invalid(`Value of ${op} must be between -5.0E9 and 5.0E9 inclusive`);
    if (op === '=') equals = true;
    else if (op.startsWith('>')) {
      if (lower) invalid('Bad numeric range expression: more than one lower bound');
      lower = true;
    } else {
      if (upper) invalid('Bad numeric range expression: more than one upper bound');
      upper = true;
    }
    if (equals && arg.length > 2) invalid('Bad numeric range expression: "=" must be the only operator');
    tests.push(compare(op, operand));
  }
  return (value) => typeof value === 'number' && tests.every((t) => t(value));
}

function compare(op: string, operand: number): (n: number) => boolean {
  switch (op) {
    case '=':
      return (n) => n === operand;
    case '<':
      return (n) => n < operand;
    case '<=':
      return (n) => n <= operand;
    case '>':
      return (n) => n > operand;
    default:
      return (n) => n >= operand;
  }
}

const ANYTHING_BUT_SHAPE = 'Value of anything-but must be an array or single string/number value.';

function anythingBut(arg: unknown): (value: Leaf) => boolean {
  if (typeof arg === 'string' || typeof arg === 'number') return (value) => value !== arg;
  if (Array.isArray(arg)) {
    if (arg.length === 0) invalid('Empty arrays are not allowed');
    if (!arg.every((v) => typeof v === 'string' || typeof v === 'number')) invalid('Inside anything but list, start|null|boolean is not supported.');
    const excluded = new Set<Leaf>(arg as Leaf[]);
    return (value) => !excluded.has(value);
  }
  if (!isObject(arg) || Object.keys(arg).length !== 1) invalid(ANYTHING_BUT_SHAPE);
  const [op, inner] = Object.entries(arg)[0]!;
  const list = Array.isArray(inner) ? inner : [inner];
  switch (op) {
    case 'prefix':
    case 'suffix': {
      if (isObject(inner) || list.length === 0) invalid(ANYTHING_BUT_SHAPE);
      if (!list.every((v) => typeof v === 'string')) invalid('prefix/suffix match pattern must be a string');
      if (list.some((v) => v === '')) invalid('Null prefix/suffix not allowed');
      const needles = list as string[];
      return (value) => typeof value !== 'string' || !needles.some((n) => (op === 'prefix' ? value.startsWith(n) : value.endsWith(n)));
    }
    case 'wildcard': {
      if (isObject(inner) || list.length === 0) invalid(ANYTHING_BUT_SHAPE);
      if (!list.every((v) => typeof v === 'string')) invalid('wildcard match pattern must be a string');
      const res = (list as string[]).map(wildcardRegExp);
      return (value) => typeof value !== 'string' || !res.some((re) => re.test(value));
    }
    case 'equals-ignore-case': {
      if (list.length === 0 || !list.every((v) => typeof v === 'string')) {
        invalid('Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.');
      }
      const lowered = new Set((list as string[]).map((s) => s.toLowerCase()));
      return (value) => typeof value !== 'string' || !lowered.has(value.toLowerCase());
    }
    default:
      return invalid(ANYTHING_BUT_SHAPE);
  }
}

/**
 * `*` matches any run of characters; `\*` and `\\` are a literal star and backslash.
 * AWS rejects consecutive stars, and rejects patterns it finds "too complex"; its complexity measure
 * (event-ruler's) is not public, so we approximate it as more than five stars in one value.
 */
function wildcardRegExp(pattern: string): RegExp {
  let source = '';
  let stars = 0;
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next !== '*' && next !== '\\') invalid(`Invalid escape character at pos ${i + 1}`);
      source += escapeRegExp(next);
      i += 1;
    } else if (c === '*') {
      if (pattern[i + 1] === '*') invalid(`Consecutive wildcard characters at pos ${i + 1}`);
      stars += 1;
      source += '.*';
    } else source += escapeRegExp(c);
  }
  if (stars > 5) invalid('Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character');
  return new RegExp(`^${source}$`, 's');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
