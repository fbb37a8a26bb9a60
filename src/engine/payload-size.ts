/**
 * Payload sizes, as Step Functions counts them: bytes of the value's JSON text in UTF-8.
 * `jsonBytes` measures without writing the text (most payloads are checked and never shown: the
 * history writes its text only when it is read), and stops counting once past a budget.
 */
import { MAX_PAYLOAD_BYTES } from './limits.js';
import { StatesError } from './states-error.js';

export { MAX_PAYLOAD_BYTES };

/**
 * Bytes of `JSON.stringify(value)` in UTF-8, or any number above `budget` once it is certain the
 * size is over it. Values with a `toJSON` (a Date a mock returned) are measured through it.
 */
export function jsonBytes(value: unknown, budget = Number.POSITIVE_INFINITY): number {
  const counter = { total: 0, budget };
  measure(value, counter);
  return counter.total;
}

/** Whether the value's JSON text is over 256 KiB. A quick upper bound settles nearly every payload. */
export function exceedsPayloadLimit(value: unknown): boolean {
  return upperBound(value, MAX_PAYLOAD_BYTES) > MAX_PAYLOAD_BYTES && jsonBytes(value, MAX_PAYLOAD_BYTES) > MAX_PAYLOAD_BYTES;
}

/**
 * At least the JSON byte size, without reading characters: a string takes at most 6 bytes per
 * UTF-16 unit (`\u0001`), a number at most 24 characters. Stops once past `budget`.
 */
function upperBound(value: unknown, budget: number, total = 0): number {
  if (typeof value === 'string') return total + 6 * value.length + 2;
  if (typeof value === 'number') return total + (!Number.isInteger(value) ? 24 : value > -1e4 && value < 1e4 ? 6 : value > -1e9 && value < 1e9 ? 11 : 24);
  if (value === null || typeof value !== 'object') return total + 5;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return budget + 1; // measured exactly instead
  if (Array.isArray(value)) {
    total += value.length + 2;
    for (let i = 0; i < value.length && total <= budget; i++) total = upperBound(value[i], budget, total);
    return total;
  }
  total += 2;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    total = upperBound(record[key], budget, total + 6 * key.length + 4);
    if (total > budget) return total;
  }
  return total;
}

interface Counter {
  total: number;
  budget: number;
}

function measure(value: unknown, c: Counter): void {
  if (c.total > c.budget) return;
  switch (typeof value) {
    case 'string':
      c.total += stringBytes(value);
      return;
    case 'number':
      c.total += Number.isFinite(value) ? numberBytes(value) : 4; // NaN, ±Infinity → null
      return;
    case 'boolean':
      c.total += value ? 4 : 5;
      return;
    case 'object':
      break;
    default:
      // undefined, functions, symbols at the top: JSON.stringify gives undefined; we write null.
      c.total += 4;
      return;
  }
  if (value === null) {
    c.total += 4;
    return;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    c.total += Buffer.byteLength(JSON.stringify(value) ?? 'null', 'utf8');
    return;
  }
  if (Array.isArray(value)) {
    c.total += value.length > 0 ? value.length + 1 : 2; // brackets and commas
    for (let i = 0; i < value.length && c.total <= c.budget; i++) {
      const item: unknown = value[i];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') c.total += 4;
      else measure(item, c);
    }
    return;
  }
  let members = 0;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const item = record[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    members++;
    c.total += stringBytes(key) + 1; // "key":
    measure(item, c);
    if (c.total > c.budget) return;
  }
  c.total += members > 0 ? members + 1 : 2; // braces and commas
}

/** A JSON string literal's UTF-8 bytes: quotes, escapes (`\n`, `\u0001`, lone surrogates) included. */
function stringBytes(s: string): number {
  let n = s.length + 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) n += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 1 : 5;
    else if (c === 0x22 || c === 0x5c) n += 1;
    else if (c < 0x80) continue;
    else if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a surrogate pair: 2 units, 4 bytes
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) n += 5; // a lone surrogate is written \udXXX
    else n += 2;
  }
  return n;
}

function numberBytes(n: number): number {
  if (Number.isSafeInteger(n)) {
    let digits = n < 0 ? 2 : 1;
    for (let v = Math.abs(n); v >= 10; v = Math.floor(v / 10)) digits++;
    return digits;
  }
  return String(n).length; // JSON writes numbers as String() does (-0 as 0, handled above)
}

export function dataLimitExceeded(stateName: string): StatesError {
  return new StatesError('States.DataLimitExceeded', `The state/task '${stateName}' returned a result with a size exceeding the maximum number of bytes service limit.`);
}

/** JSON text of a value; `undefined` (no value) is written as null. */
export function toJson(value: unknown): string {
  return value === undefined ? 'null' : (JSON.stringify(value) ?? 'null');
}
