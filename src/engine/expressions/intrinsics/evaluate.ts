/** Evaluation of intrinsic function calls in JSONPath states (their syntax is checked in the model). */
import type { JsonValue } from '../../../model/asl.js';
import { StatesError } from '../../states-error.js';
import { JSONPath } from 'jsonpath-plus';
import { rootValue, walk, type PathScope } from '../jsonpath.js';
import { parsePath, PathSyntaxError } from '../../../model/expressions/path.js';
import { INTRINSICS, type FormatTemplate, type IntrinsicImpl } from './functions.js';
import { IntrinsicSyntaxError, parseIntrinsic, type IntrinsicArg, type IntrinsicCall } from '../../../model/expressions/intrinsic.js';

/** Evaluate one intrinsic function call text, e.g. `States.Format('{}', $.x)`. */
export function evaluateIntrinsic(text: string, data: JsonValue, scope: PathScope): JsonValue {
  try {
    return evaluateCall(parseIntrinsic(text), data, scope);
  } catch (error) {
    // AWS names the whole expression as written, whichever nested call failed:
    // "The function 'States.Format('{}', $.nope)' had the following error: ..."
    if (error instanceof IntrinsicSyntaxError) {
      throw new StatesError('States.IntrinsicFailure', `The function '${text}' had the following error: ${error.message}`);
    }
    if (error instanceof StatesError) throw new StatesError(error.error, `The function '${text}' had the following error: ${error.cause}`);
    throw error;
  }
}

function evaluateCall(call: IntrinsicCall, data: JsonValue, scope: PathScope): JsonValue {
  const impl = (INTRINSICS as Record<string, IntrinsicImpl | undefined>)[call.name];
  if (!impl) throw new StatesError('States.IntrinsicFailure', `Unknown intrinsic function '${call.name}'`);
  const args = call.args.map((arg) => evaluateArg(arg, data, scope));
  const first = call.args[0];
  const template: FormatTemplate | undefined =
    first?.kind === 'string' ? { text: first.value, raw: first.raw } : typeof args[0] === 'string' ? { text: args[0] } : undefined;
  return impl(args, call.name, template, scope.random);
}

function evaluateArg(arg: IntrinsicArg, data: JsonValue, scope: PathScope): JsonValue {
  switch (arg.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return arg.value;
    case 'null':
      return null;
    case 'path':
      return readArgument(arg.path, data, scope);
    case 'call':
      return evaluateCall(arg, data, scope);
  }
}

/**
 * A path argument must select something: unlike a plain `x.$` field, an index past the end of an
 * array is a miss here too. An indefinite path matching nothing is an empty array. A `$$` path is
 * reported rewritten to `$` and against the state input (recorded by emulator authors against AWS).
 */
function readArgument(path: string, data: JsonValue, scope: PathScope): JsonValue {
  const missing = () => {
    const shown = path.startsWith('$$') ? path.slice(1) : path;
    return new StatesError('States.Runtime', `The JsonPath argument for the field '${shown}' could not be found in the input '${JSON.stringify(data)}'`);
  };
  let parsed;
  try {
    parsed = parsePath(path);
  } catch (error) {
    if (error instanceof PathSyntaxError) throw new IntrinsicSyntaxError(error.message);
    throw error;
  }
  const root = rootValue(parsed, data, scope);
  if (root === undefined) throw missing();
  if (!parsed.segments) return (JSONPath({ path: parsed.rest, json: root as object, wrap: true }) as JsonValue[] | undefined) ?? [];
  const lookup = walk(root, parsed.segments);
  if (!lookup.found) throw missing();
  return lookup.value;
}
