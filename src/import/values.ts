/**
 * ASL values as the code a person would write with the DSL's helpers: `input('date')` for
 * `{% $states.input.date %}`, `ref('$.id')` for an `"id.$"` entry, `States.format(...)` for an
 * intrinsic. Each helper is used only where it gives back the exact text (checked by calling it),
 * so the round trip never depends on spacing a helper would normalise; otherwise the text stays
 * a string literal.
 */
import type { QueryLanguage } from '../model/asl.js';
import { looksLikeIntrinsic, parseIntrinsic, type IntrinsicArg, type IntrinsicCall } from '../model/expressions/intrinsic.js';
import { context, errorOutput, expr, input, ref, result, States, variable } from '../dsl/expressions.js';
import { array, call, lit, object, type Code } from './code.js';

export interface ValueContext {
  language: QueryLanguage;
  /** The code for a placeholder `${key}` in a string, or undefined to keep the text as written. */
  placeholder(key: string): Code | undefined;
}

const PLACEHOLDER = /\$\{([A-Za-z0-9_.:-]+)\}/g;

/** A string, with any placeholders as template parts. */
export function stringCode(text: string, ctx: ValueContext): Code {
  if (!text.includes('${')) return lit(text);
  const parts: (string | Code)[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const value = ctx.placeholder(match[1]!);
    if (!value) continue;
    if (match.index! > last) parts.push(text.slice(last, match.index));
    parts.push(value);
    last = match.index! + match[0].length;
  }
  if (parts.length === 0) return lit(text);
  if (last < text.length) parts.push(text.slice(last));
  return parts.length === 1 && typeof parts[0] !== 'string' ? parts[0] : { kind: 'template', parts };
}

export function hasPlaceholder(text: string, ctx: ValueContext): boolean {
  return [...text.matchAll(PLACEHOLDER)].some((m) => ctx.placeholder(m[1]!) !== undefined);
}

/** JSON as written: no helpers (a Pass state's Result, an ItemReader). */
export function jsonCode(value: unknown, ctx: ValueContext): Code {
  if (typeof value === 'string') return stringCode(value, ctx);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return lit(value);
  if (Array.isArray(value)) return array(value.map((v) => jsonCode(v, ctx)));
  return object(Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, value: jsonCode(v, ctx) })));
}

/**
 * A payload (Parameters, Arguments, Output, Assign, ItemSelector, ...) with the helpers of its
 * language: `key.$` entries become `key: ref(...)` in JSONPath, `{% %}` strings become `expr(...)`
 * and its kin in JSONata.
 */
export function payloadCode(value: unknown, ctx: ValueContext): Code {
  if (typeof value === 'string') return ctx.language === 'JSONata' ? jsonataCode(value, ctx) : stringCode(value, ctx);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return lit(value);
  if (Array.isArray(value)) return array(value.map((v) => payloadCode(v, ctx)));
  const entries = Object.entries(value as Record<string, unknown>);
  const keys = new Set(entries.map(([k]) => k));
  return object(
    entries.map(([key, v]) => {
      // `key.$` → `key: ref(...)`, unless `key` is also there (the compiler would write both as `key.$`).
      if (ctx.language === 'JSONPath' && key.endsWith('.$') && key.length > 2 && typeof v === 'string' && !keys.has(key.slice(0, -2)) && !hasPlaceholder(v, ctx)) {
        return { key: key.slice(0, -2), value: pathCode(v) };
      }
      return { key, value: payloadCode(v, ctx) };
    }),
  );
}

/** `{% ... %}` as `expr(...)`, `input('a.b')`, `variable('x')`, ...; other strings as they are. */
export function jsonataCode(text: string, ctx: ValueContext): Code {
  if (hasPlaceholder(text, ctx)) return stringCode(text, ctx);
  const match = /^\{%([\s\S]*)%\}$/.exec(text);
  if (!match) return lit(text);
  const inner = match[1]!.trim();
  if (expr(inner) !== text) return lit(text);
  for (const [root, helper, fn] of [
    ['$states.input', 'input', input],
    ['$states.result', 'result', result],
    ['$states.errorOutput', 'errorOutput', errorOutput],
    ['$states.context', 'context', context],
  ] as const) {
    if (inner === root) return call(helper);
    const path = memberPath(inner, root);
    if (path !== undefined && fn(path) === text) return call(helper, lit(path));
  }
  const variableMatch = /^\$([A-Za-z_]\w*)(.*)$/.exec(inner);
  if (variableMatch && variableMatch[1] !== 'states') {
    const [, varName, rest] = variableMatch;
    if (rest === '' && variable(varName!) === text) return call('variable', lit(varName!));
    const path = memberPath(inner, `$${varName}`);
    if (path !== undefined && variable(varName!, path) === text) return call('variable', lit(varName!), lit(path));
  }
  return call('expr', lit(inner));
}

/** `a.b[0]` when `text` is `root.a.b[0]` (a plain member path), else undefined. */
function memberPath(text: string, root: string): string | undefined {
  if (!text.startsWith(root)) return undefined;
  const rest = text.slice(root.length);
  if (!/^(\.[A-Za-z_]\w*|\[\d+\])+$/.test(rest)) return undefined;
  return rest.startsWith('.') ? rest.slice(1) : rest;
}

// ---------------------------------------------------------------- JSONPath values

type Param = 'any' | 'ref' | 'number' | 'string' | 'algorithm' | 'false';

/** Each intrinsic's helper and the argument kinds its TypeScript signature takes. */
const INTRINSIC_HELPERS: Record<string, { helper: keyof typeof States; params: Param[]; rest?: Param; optional?: number }> = {
  'States.Format': { helper: 'format', params: ['string'], rest: 'any' },
  'States.StringToJson': { helper: 'stringToJson', params: ['any'] },
  'States.JsonToString': { helper: 'jsonToString', params: ['ref'] },
  'States.Array': { helper: 'array', params: [], rest: 'any' },
  'States.ArrayPartition': { helper: 'arrayPartition', params: ['ref', 'number'] },
  'States.ArrayContains': { helper: 'arrayContains', params: ['ref', 'any'] },
  'States.ArrayRange': { helper: 'arrayRange', params: ['number', 'number', 'number'] },
  'States.ArrayGetItem': { helper: 'arrayGetItem', params: ['ref', 'number'] },
  'States.ArrayLength': { helper: 'arrayLength', params: ['ref'] },
  'States.ArrayUnique': { helper: 'arrayUnique', params: ['ref'] },
  'States.Base64Encode': { helper: 'base64Encode', params: ['any'] },
  'States.Base64Decode': { helper: 'base64Decode', params: ['any'] },
  'States.Hash': { helper: 'hash', params: ['any', 'algorithm'] },
  'States.JsonMerge': { helper: 'jsonMerge', params: ['ref', 'ref', 'false'] },
  'States.MathRandom': { helper: 'mathRandom', params: ['number', 'number', 'number'], optional: 1 },
  'States.MathAdd': { helper: 'mathAdd', params: ['number', 'number'] },
  'States.StringSplit': { helper: 'stringSplit', params: ['any', 'string'] },
  'States.UUID': { helper: 'uuid', params: [] },
};

const ALGORITHMS = ['MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];

/** A `.$` value: a path as `ref(...)`, an intrinsic call as `States.xxx(...)` where that gives the same text. */
export function pathCode(text: string): Code {
  if (looksLikeIntrinsic(text)) {
    try {
      const helper = intrinsicCode(parseIntrinsic(text));
      if (helper && helper.text === text) return helper.code;
    } catch {
      // not a call we can read: keep the text
    }
  }
  return call('ref', lit(text));
}

/** The helper call for an intrinsic, and the text it renders (to compare with the original). */
function intrinsicCode(node: IntrinsicCall): { code: Code; text: string } | undefined {
  const spec = INTRINSIC_HELPERS[node.name];
  if (!spec) return undefined;
  const { args } = node;
  const min = spec.params.length - (spec.optional ?? 0);
  if (args.length < min || (!spec.rest && args.length > spec.params.length)) return undefined;
  const codes: Code[] = [];
  const values: unknown[] = [];
  for (let i = 0; i < args.length; i++) {
    const kind = spec.params[i] ?? spec.rest!;
    const arg = argCode(args[i]!, kind);
    if (!arg) return undefined;
    if (kind === 'false') continue; // jsonMerge's third argument is always false
    codes.push(arg.code);
    values.push(arg.value);
  }
  const made = (States[spec.helper] as (...a: unknown[]) => { text: string })(...values);
  return { code: call(`States.${spec.helper}`, ...codes), text: made.text };
}

function argCode(arg: IntrinsicArg, kind: Param): { code: Code; value: unknown } | undefined {
  if (arg.kind === 'call') {
    if (kind === 'string' || kind === 'algorithm' || kind === 'false') return undefined;
    const inner = intrinsicCode(arg);
    return inner && { code: inner.code, value: ref(inner.text) };
  }
  if (arg.kind === 'path') return kind === 'string' || kind === 'algorithm' || kind === 'false' ? undefined : { code: call('ref', lit(arg.path)), value: ref(arg.path) };
  if (kind === 'false') return arg.kind === 'boolean' && !arg.value ? { code: lit(false), value: false } : undefined;
  if (kind === 'ref') return undefined;
  if (kind === 'number') return arg.kind === 'number' ? { code: lit(arg.value), value: arg.value } : undefined;
  if (kind === 'string' || kind === 'algorithm') {
    if (arg.kind !== 'string' || (kind === 'algorithm' && !ALGORITHMS.includes(arg.value))) return undefined;
    return { code: lit(arg.value), value: arg.value };
  }
  if (arg.kind === 'null') return { code: lit(null), value: null };
  return { code: lit(arg.value), value: arg.value };
}
