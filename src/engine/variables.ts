/**
 * Storing what a state's Assign produced, within AWS's limits on workflow variables: 256 KiB per
 * variable, 256 KiB for all variables of one Assign field, 10 MiB for all stored variables of an
 * execution (developer guide, "Passing data between states with variables", Limits). Past any of
 * them the state fails with States.DataLimitExceeded, as payloads over their quota do.
 */
import type { JsonValue } from '../model/asl.js';
import { MAX_ASSIGN_BYTES, MAX_EXECUTION_VARIABLES_BYTES, MAX_VARIABLE_BYTES } from './limits.js';
import { setOwn } from './own.js';
import { jsonBytes } from './payload-size.js';
import type { Frame } from './runtime.js';
import { StatesError } from './states-error.js';

export function assignVariables(frame: Frame, stateName: string, assigned: Record<string, JsonValue>): void {
  const names = Object.keys(assigned);
  if (names.length === 0) return;
  const sizes = (frame.variableSizes ??= new Map());
  let total = frame.variableBytes ?? 0;
  let assignBytes = 0;
  const measured: number[] = [];
  for (const name of names) {
    const bytes = jsonBytes(assigned[name], MAX_VARIABLE_BYTES);
    if (bytes > MAX_VARIABLE_BYTES) throw tooLarge(stateName, `the variable '${name}' is larger than ${MAX_VARIABLE_BYTES} bytes`);
    assignBytes += bytes;
    measured.push(bytes);
  }
  if (assignBytes > MAX_ASSIGN_BYTES) throw tooLarge(stateName, `the variables of its Assign field are together larger than ${MAX_ASSIGN_BYTES} bytes`);
  names.forEach((name, i) => (total += measured[i]! - (sizes.get(name) ?? 0)));
  if (total > MAX_EXECUTION_VARIABLES_BYTES) throw tooLarge(stateName, `the stored variables would together be larger than ${MAX_EXECUTION_VARIABLES_BYTES} bytes`);
  names.forEach((name, i) => {
    sizes.set(name, measured[i]!);
    setOwn(frame.variables, name, assigned[name]!);
  });
  frame.variableBytes = total;
}

function tooLarge(stateName: string, what: string): StatesError {
  return new StatesError('States.DataLimitExceeded', `The state/task '${stateName}' assigned variables with a size exceeding the maximum number of bytes service limit: ${what}.`);
}
