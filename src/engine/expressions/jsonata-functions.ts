/**
 * The functions Step Functions adds to JSONata ($partition, $range, $hash, $random, $uuid, $parse),
 * and the one it removes ($eval: bound to a non-function, so a call fails with T1006 as on AWS).
 * Edge behaviour (arguments truncated toward zero; a zero chunk size, an empty array, a missing or
 * wrong-signed step or a missing algorithm give undefined; a one-item $range is the bare number)
 * follows what emulators recorded against AWS; the developer guide only gives the happy path.
 */
import { createHash, randomUUID } from 'node:crypto';
import { JavaRandom } from './intrinsics/java-text.js';
import { compileJsonata } from '../../model/expressions/jsonata.js';

const HASH_ALGORITHMS: Record<string, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

class FunctionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function integer(name: string, value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new FunctionError('T0410', `Argument ${what} of function ${name} must be a number`);
  return Math.trunc(value);
}

function partition(array: unknown, chunkSize: unknown): unknown {
  if (array === undefined) return undefined;
  const items = Array.isArray(array) ? array : [array];
  const size = integer('$partition', chunkSize, '2');
  if (size < 0) throw new FunctionError('D3050', 'The chunk size of $partition must not be negative');
  if (size === 0 || items.length === 0) return undefined;
  const chunks: unknown[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function range(start: unknown, end: unknown, step: unknown): unknown {
  if (step === undefined) return undefined;
  const first = integer('$range', start, '1');
  const last = integer('$range', end, '2');
  const by = integer('$range', step, '3');
  if (by === 0 || (last - first) * by < 0) return undefined;
  const values: number[] = [];
  for (let v = first; by > 0 ? v <= last : v >= last; v += by) values.push(v);
  return values.length === 1 ? values[0] : values;
}

function hash(value: unknown, algorithm: unknown): unknown {
  if (value === undefined || algorithm === undefined) return undefined;
  if (typeof value !== 'string') throw new FunctionError('T0410', 'Argument 1 of function $hash must be a string');
  const nodeName = typeof algorithm === 'string' ? HASH_ALGORITHMS[algorithm] : undefined;
  if (!nodeName) throw new FunctionError('D3137', `Unsupported hash algorithm ${JSON.stringify(algorithm)}; use one of ${Object.keys(HASH_ALGORITHMS).join(', ')}`);
  return createHash(nodeName).update(value, 'utf8').digest('hex');
}

function random(seed?: unknown): number {
  if (seed === undefined) return Math.random();
  return new JavaRandom(integer('$random', seed, '1')).nextDouble();
}

function parse(text: unknown): unknown {
  if (text === undefined) return undefined;
  if (typeof text !== 'string') throw new FunctionError('T0410', 'Argument 1 of function $parse must be a string');
  try {
    return JSON.parse(text, (_key, value: unknown) => (Object.is(value, -0) ? 0 : value));
  } catch (error) {
    throw new FunctionError('D3140', `Malformed JSON in $parse: ${(error as Error).message}`);
  }
}

/** Bindings merged into every evaluation; user variables cannot shadow these names. */
export const STEP_FUNCTIONS_JSONATA_FUNCTIONS: Record<string, unknown> = {
  partition,
  range,
  hash,
  random,
  uuid: () => randomUUID(),
  parse,
  eval: false,
};

/** JSONata's own `$fromMillis` (its picture and time-zone formatting), for `$now(picture, timezone)` on the execution's clock. */
export function fromMillis(ms: number, picture?: string, timezone?: string): Promise<unknown> {
  return compileJsonata('$fromMillis($ms, $picture, $timezone)').evaluate(undefined, { ms, picture, timezone });
}
