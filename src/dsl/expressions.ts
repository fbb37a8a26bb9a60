/**
 * Small typed helpers so users rarely hand-write `{% %}` or `.$` keys.
 *
 * JSONata (the default): `expr('$states.input.date')`, `input('date')`, `result('JobRunId')`,
 * `variable('runDate')` all produce the `{% ... %}` string ASL expects.
 *
 * JSONPath: `ref('$.date')` or an intrinsic such as `States.format('{}', ref('$.x'))` placed as a value
 * in Parameters/ResultSelector/ItemSelector becomes a `key.$` entry when compiled.
 */

/** A JSONata expression, written as ASL wants it: `{% expression %}`. */
export type JsonataExpression = `{%${string}%}`;

export function expr(expression: string): JsonataExpression {
  return `{% ${expression.trim()} %}`;
}

function member(root: string, path?: string): JsonataExpression {
  if (!path) return expr(root);
  return expr(path.startsWith('[') ? `${root}${path}` : `${root}.${path}`);
}

/** `$states.input` or a field of it: `input('detail.bucket')`. */
export const input = (path?: string): JsonataExpression => member('$states.input', path);
/** `$states.result`: the task's or sub-workflow's result. */
export const result = (path?: string): JsonataExpression => member('$states.result', path);
/** `$states.errorOutput`, inside Catch. */
export const errorOutput = (path?: string): JsonataExpression => member('$states.errorOutput', path);
/** `$states.context`: the context object (`context('Execution.StartTime')`). */
export const context = (path?: string): JsonataExpression => member('$states.context', path);
/** A workflow variable set by Assign: `variable('runDate')` is `{% $runDate %}`. */
export const variable = (name: string, path?: string): JsonataExpression => member(`$${name}`, path);

const REF = Symbol.for('stepwright.ref');

/** A JSONPath value in a payload template: compiled to a `key.$` entry. */
export interface Ref {
  readonly [REF]: true;
  /** A path (`$.a`, `$$.Execution.Id`, `$myVariable`) or an intrinsic function call. */
  readonly text: string;
}

export function ref(path: string): Ref {
  return { [REF]: true, text: path };
}

export function isRef(value: unknown): value is Ref {
  return typeof value === 'object' && value !== null && (value as Ref)[REF] === true;
}

type IntrinsicArg = string | number | boolean | null | Ref;

/** A string literal for an intrinsic call: `'`, `\\`, `{` and `}` are escaped with a backslash. */
function argText(arg: IntrinsicArg): string {
  if (isRef(arg)) return arg.text;
  if (typeof arg === 'string') return `'${arg.replace(/[\\'{}]/g, (c) => `\\${c}`)}'`;
  return String(arg);
}

function call(name: string, ...args: IntrinsicArg[]): Ref {
  return ref(`States.${name}(${args.map(argText).join(', ')})`);
}

/** A Format template keeps its `{}` placeholders; only `'` and `\\` are escaped. */
function templateText(template: string): Ref {
  return ref(`'${template.replace(/[\\']/g, (c) => `\\${c}`)}'`);
}

/** ASL's intrinsic functions, for JSONPath payload templates. Arguments: literals or `ref(path)`. */
export const States = {
  format: (template: string, ...args: IntrinsicArg[]) => call('Format', templateText(template), ...args),
  stringToJson: (value: IntrinsicArg) => call('StringToJson', value),
  jsonToString: (value: Ref) => call('JsonToString', value),
  array: (...items: IntrinsicArg[]) => call('Array', ...items),
  arrayPartition: (array: Ref, size: number | Ref) => call('ArrayPartition', array, size),
  arrayContains: (array: Ref, value: IntrinsicArg) => call('ArrayContains', array, value),
  arrayRange: (start: number | Ref, end: number | Ref, step: number | Ref) => call('ArrayRange', start, end, step),
  arrayGetItem: (array: Ref, index: number | Ref) => call('ArrayGetItem', array, index),
  arrayLength: (array: Ref) => call('ArrayLength', array),
  arrayUnique: (array: Ref) => call('ArrayUnique', array),
  base64Encode: (value: IntrinsicArg) => call('Base64Encode', value),
  base64Decode: (value: IntrinsicArg) => call('Base64Decode', value),
  hash: (value: IntrinsicArg, algorithm: 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512') => call('Hash', value, algorithm),
  jsonMerge: (left: Ref, right: Ref) => call('JsonMerge', left, right, false),
  mathRandom: (start: number | Ref, end: number | Ref, seed?: number | Ref) =>
    seed === undefined ? call('MathRandom', start, end) : call('MathRandom', start, end, seed),
  mathAdd: (left: number | Ref, right: number | Ref) => call('MathAdd', left, right),
  stringSplit: (value: IntrinsicArg, separators: string) => call('StringSplit', value, separators),
  uuid: () => call('UUID'),
};
