/** Step Functions' payload quota: 256 KiB of UTF-8 for inputs, outputs and task results. */
import { StatesError } from './states-error.js';

export const MAX_PAYLOAD_BYTES = 256 * 1024;

export function exceedsLimit(text: string): boolean {
  // A UTF-8 character is at most 3 bytes per UTF-16 unit, so short text needs no byte count.
  return text.length * 3 > MAX_PAYLOAD_BYTES && Buffer.byteLength(text, 'utf8') > MAX_PAYLOAD_BYTES;
}

export function dataLimitExceeded(stateName: string): StatesError {
  return new StatesError('States.DataLimitExceeded', `The state/task '${stateName}' returned a result with a size exceeding the maximum number of bytes service limit.`);
}

/** JSON text of a value; `undefined` (no value) is written as null. */
export function toJson(value: unknown): string {
  return value === undefined ? 'null' : JSON.stringify(value);
}
