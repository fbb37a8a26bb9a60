/**
 * The States.* intrinsic functions, applied to already-evaluated arguments. Argument checks and
 * limits follow the Step Functions developer guide ("Intrinsic functions for JSONPath states");
 * behaviour on edge values follows recordings in the conformance corpus (noted where surprising).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { JsonValue } from '../../../model/asl.js';
import { StatesError } from '../../states-error.js';
import { deepEqual } from '../json-equal.js';
import { JavaRandom, javaToString } from './java-text.js';
import type { Random } from '../../random.js';
import type { IntrinsicFunctionName } from '../../../model/expressions/intrinsic.js';

/** The template of States.Format, with the knowledge of which braces were escaped in a literal. */
export interface FormatTemplate {
  text: string;
  /** Raw literal text (escapes kept), when the template was a string literal. */
  raw?: string;
}

export type IntrinsicImpl = (args: JsonValue[], name: string, template?: FormatTemplate, random?: Random) => JsonValue;

const MAX_ARRAY_RANGE = 1000;
const MAX_STRING_LENGTH = 10000;

export function intrinsicFailure(name: string, message: string): StatesError {
  return new StatesError('States.IntrinsicFailure', `Invalid arguments in ${name}: ${message}`);
}

function typeName(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function arity(name: string, args: JsonValue[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    throw intrinsicFailure(name, `expected ${expected} argument(s) but got ${args.length}`);
  }
}

function asString(name: string, value: JsonValue, what: string): string {
  if (typeof value !== 'string') throw intrinsicFailure(name, `${what} must be a string, but was ${typeName(value)}`);
  return value;
}

function asArray(name: string, value: JsonValue, what: string): JsonValue[] {
  if (!Array.isArray(value)) throw intrinsicFailure(name, `${what} must be an array, but was ${typeName(value)}`);
  return value;
}

function asInteger(name: string, value: JsonValue, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw intrinsicFailure(name, `${what} must be an integer, but was ${typeName(value)} ${JSON.stringify(value)}`);
  }
  return value;
}

function asNumber(name: string, value: JsonValue, what: string): number {
  if (typeof value !== 'number') throw intrinsicFailure(name, `${what} must be a number, but was ${typeName(value)}`);
  return value;
}

function asObject(name: string, value: JsonValue, what: string): { [key: string]: JsonValue } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw intrinsicFailure(name, `${what} must be a JSON object, but was ${typeName(value)}`);
  }
  return value;
}

function format(args: JsonValue[], name: string, template?: FormatTemplate): JsonValue {
  arity(name, args, 1, Infinity);
  const text = asString(name, args[0], 'the first argument');
  // In a literal, \{ and \} are braces, not placeholders; a template read from a path has no escapes.
  const source = template?.raw ?? text;
  const escapes = template?.raw !== undefined;
  let out = '';
  let used = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (escapes && c === '\\' && i + 1 < source.length) {
      out += source[++i];
    } else if (c === '{' && source[i + 1] === '}') {
      used++;
      if (used < args.length) out += javaToString(args[used]);
      i++;
    } else {
      out += c;
    }
  }
  if (used !== args.length - 1) {
    throw intrinsicFailure(name, `the format string has ${used} placeholder(s) but ${args.length - 1} value(s) were given`);
  }
  return out;
}

function arrayPartition(args: JsonValue[], name: string): JsonValue {
  arity(name, args, 2);
  const array = asArray(name, args[0], 'the first argument');
  const size = asInteger(name, args[1], 'the chunk size');
  if (size <= 0) throw intrinsicFailure(name, `the chunk size must be greater than 0, but was ${size}`);
  const chunks: JsonValue[] = [];
  for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
  return chunks;
}

function arrayRange(args: JsonValue[], name: string): JsonValue {
  arity(name, args, 3);
  const start = asInteger(name, args[0], 'the first argument');
  const end = asInteger(name, args[1], 'the second argument');
  const step = asInteger(name, args[2], 'the step');
  if (step === 0) throw intrinsicFailure(name, 'the step must not be 0');
  const count = (end - start) / step < 0 ? 0 : Math.floor((end - start) / step) + 1;
  if (count > MAX_ARRAY_RANGE) {
    throw intrinsicFailure(name, `the result would have ${count} items, more than the limit of ${MAX_ARRAY_RANGE}`);
  }
  return Array.from({ length: count }, (_, i) => start + i * step);
}

function arrayGetItem(args: JsonValue[], name: string): JsonValue {
  arity(name, args, 2);
  const array = asArray(name, args[0], 'the first argument');
  const index = asInteger(name, args[1], 'the index');
  if (index < 0 || index >= array.length) throw intrinsicFailure(name, `index ${index} is out of bounds for an array of length ${array.length}`);
  return array[index];
}

function arrayUnique(args: JsonValue[], name: string): JsonValue {
  arity(name, args, 1);
  const unique: JsonValue[] = [];
  for (const item of asArray(name, args[0], 'the argument')) if (!unique.some((u) => deepEqual(u, item))) unique.push(item);
  return unique;
}

function limitedString(name: string, value: JsonValue): string {
  const text = asString(name, value, 'the argument');
  if (text.length > MAX_STRING_LENGTH) throw intrinsicFailure(name, `the input is longer than ${MAX_STRING_LENGTH} characters`);
  return text;
}

function base64Decode(args: JsonValue[], name: string): JsonValue {
  arity(name, args, 1);
  const text = limitedString(name, args[0]);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) throw intrinsicFailure(name, 'the input is not valid Base64');
  return Buffer.from(text, 'base64').toString('utf8');
}

const HASH_ALGORITHMS: Record<string, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

function hash(args: JsonValue[], name: string): JsonValue {
  arity(name, args, 2);
  const data = limitedString(name, args[0]);
  const algorithm = asString(name, args[1], 'the algorithm');
  const nodeName = HASH_ALGORITHMS[algorithm];
  if (!nodeName) throw intrinsicFailure(name, `unsupported algorithm '${algorithm}'; use one of ${Object.keys(HASH_ALGORITHMS).join(', ')}`);
  return createHash(nodeName).update(data, 'utf8').digest('hex');
}

function jsonMerge(args: JsonValue[], name: string): JsonValue {
  arity(name, args, 3);
  const left = asObject(name, args[0], 'the first argument');
  const right = asObject(name, args[1], 'the second argument');
  if (typeof args[2] !== 'boolean') throw intrinsicFailure(name, `the third argument must be a boolean, but was ${typeName(args[2])}`);
  // AWS only implements shallow merging and rejects `true`.
  if (args[2]) throw intrinsicFailure(name, 'deep merging is not supported; the third argument must be false');
  return { ...left, ...right };
}

function mathRandom(args: JsonValue[], name: string, _template?: FormatTemplate, random?: Random): JsonValue {
  arity(name, args, 2, 3);
  const start = asInteger(name, args[0], 'the start');
  const end = asInteger(name, args[1], 'the end');
  if (end <= start) throw intrinsicFailure(name, `the end (${end}) must be greater than the start (${start})`);
  const bound = end - start;
  if (args.length === 3) return start + new JavaRandom(asInteger(name, args[2], 'the seed')).nextInt(bound);
  return start + Math.floor((random ? random.next() : Math.random()) * bound);
}

function mathAdd(args: JsonValue[], name: string): JsonValue {
  arity(name, args, 2);
  // Recorded on AWS: each operand is rounded half up first (1.49 + 1.5 = 3, -2.5 + 0 = -2), as Java's Math.round.
  return Math.round(asNumber(name, args[0], 'the first argument')) + Math.round(asNumber(name, args[1], 'the second argument'));
}

function stringSplit(args: JsonValue[], name: string): JsonValue {
  arity(name, args, 2);
  const text = asString(name, args[0], 'the first argument');
  const delimiters = asString(name, args[1], 'the delimiter');
  // Recorded on AWS: every character of the delimiter splits and empty pieces are dropped
  // (java.util.StringTokenizer): ", , ," split on "," gives [" ", " "].
  const pieces: string[] = [];
  let current = '';
  for (const c of text) {
    if (delimiters.includes(c)) {
      if (current !== '') pieces.push(current);
      current = '';
    } else current += c;
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

function stringToJson(args: JsonValue[], name: string): JsonValue {
  arity(name, args, 1);
  const text = asString(name, args[0], 'the argument');
  // Recorded on AWS: "" and " " parse to null.
  if (text.trim() === '') return null;
  try {
    // Recorded on AWS: "-0" parses to 0 (Java has no negative zero integer).
    return JSON.parse(text, (_key, value: unknown) => (Object.is(value, -0) ? 0 : value)) as JsonValue;
  } catch {
    throw intrinsicFailure(name, `the argument is not valid JSON: ${text}`);
  }
}

export const INTRINSICS: Record<IntrinsicFunctionName, IntrinsicImpl> = {
  'States.Format': format,
  'States.StringToJson': stringToJson,
  'States.JsonToString': (args, name) => (arity(name, args, 1), JSON.stringify(args[0])),
  'States.Array': (args) => args,
  'States.ArrayPartition': arrayPartition,
  'States.ArrayContains': (args, name) => (arity(name, args, 2), asArray(name, args[0], 'the first argument').some((v) => deepEqual(v, args[1]))),
  'States.ArrayRange': arrayRange,
  'States.ArrayGetItem': arrayGetItem,
  'States.ArrayLength': (args, name) => (arity(name, args, 1), asArray(name, args[0], 'the argument').length),
  'States.ArrayUnique': arrayUnique,
  'States.Base64Encode': (args, name) => (arity(name, args, 1), Buffer.from(limitedString(name, args[0]), 'utf8').toString('base64')),
  'States.Base64Decode': base64Decode,
  'States.Hash': hash,
  'States.JsonMerge': jsonMerge,
  'States.MathRandom': mathRandom,
  'States.MathAdd': mathAdd,
  'States.StringSplit': stringSplit,
  'States.UUID': (args, name, _template, random) => (arity(name, args, 0), random ? random.uuid() : randomUUID()),
};
