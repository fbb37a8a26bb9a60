/** Evaluation and syntax checking of intrinsic function calls in JSONPath states. */
import type { JsonValue } from '../../../asl/types.js';
import { StatesError } from '../../states-error.js';
import { selectPath, type PathScope } from '../jsonpath.js';
import { checkPathSyntax } from '../jsonpath.js';
import { INTRINSICS, type FormatTemplate } from './functions.js';
import { IntrinsicSyntaxError, parseIntrinsic, type IntrinsicArg, type IntrinsicCall } from './parser.js';

/**
 * Evaluate one intrinsic function call text, e.g. `States.Format('{}', $.x)`.
 * `field` names the ASL field (`x.$`) for the cause when a path argument is missing.
 */
export function evaluateIntrinsic(text: string, data: JsonValue, scope: PathScope, field = ''): JsonValue {
  let call: IntrinsicCall;
  try {
    call = parseIntrinsic(text);
  } catch (error) {
    if (error instanceof IntrinsicSyntaxError) throw new StatesError('States.IntrinsicFailure', `Invalid intrinsic function '${text}': ${error.message}`);
    throw error;
  }
  return evaluateCall(call, data, scope, field);
}

function evaluateCall(call: IntrinsicCall, data: JsonValue, scope: PathScope, field: string): JsonValue {
  const impl = INTRINSICS[call.name];
  if (!impl) throw new StatesError('States.IntrinsicFailure', `Unknown intrinsic function '${call.name}'`);
  const args = call.args.map((arg) => evaluateArg(arg, data, scope, field));
  const first = call.args[0];
  const template: FormatTemplate | undefined =
    first?.kind === 'string' ? { text: first.value, raw: first.raw } : typeof args[0] === 'string' ? { text: args[0] } : undefined;
  return impl(args, call.name, template);
}

function evaluateArg(arg: IntrinsicArg, data: JsonValue, scope: PathScope, field: string): JsonValue {
  switch (arg.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return arg.value;
    case 'null':
      return null;
    case 'path':
      return selectPath(arg.path, data, scope, field);
    case 'call':
      return evaluateCall(arg, data, scope, field);
  }
}

/** For the static validator: undefined when `text` is a well-formed call of known functions. */
export function checkIntrinsicSyntax(text: string): string | undefined {
  let call: IntrinsicCall;
  try {
    call = parseIntrinsic(text);
  } catch (error) {
    if (error instanceof IntrinsicSyntaxError) return error.message;
    throw error;
  }
  return checkCall(call);
}

function checkCall(call: IntrinsicCall): string | undefined {
  if (!INTRINSICS[call.name]) return `unknown intrinsic function '${call.name}'`;
  for (const arg of call.args) {
    const problem = arg.kind === 'call' ? checkCall(arg) : arg.kind === 'path' ? checkPathSyntax(arg.path) : undefined;
    if (problem) return problem;
  }
  return undefined;
}
