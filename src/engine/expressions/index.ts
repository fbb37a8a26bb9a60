/**
 * The expression layer of the embedded executor: JSONPath paths, ResultPath, payload templates,
 * intrinsic functions, Choice rules and JSONata. Every runtime failure is a StatesError with
 * AWS's error name; its cause is the text AWS writes after the
 * "An error occurred while executing the state 'X' (entered at the event id #n). " prefix,
 * which the executor adds because only it knows the state and event id.
 */
export type { PathScope } from './jsonpath.js';
export { selectPath, pathExists } from './jsonpath.js';
export { checkPathSyntax } from '../../model/expressions/path.js';
export { applyResultPath } from './result-path.js';
export { evaluatePayloadTemplate } from './payload-template.js';
export { evaluateIntrinsic } from './intrinsics/evaluate.js';
export { checkIntrinsicSyntax, looksLikeIntrinsic } from '../../model/expressions/intrinsic.js';
export { evaluateChoiceRule, stringMatches } from './choice.js';
export type { JsonataScope } from './jsonata.js';
export type { JsonataResultType } from './jsonata.js';
export { evaluateJsonataTemplate, evaluateJsonataField } from './jsonata.js';
export { isJsonataExpression, jsonataExpressionText, checkJsonataSyntax } from '../../model/expressions/jsonata.js';
export { parseTimestamp, timestampToEpochMillis } from './timestamp.js';
export { deepEqual } from './json-equal.js';
