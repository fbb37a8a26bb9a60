/**
 * Payload templates of JSONPath states (Parameters, ResultSelector, ItemSelector, Assign): a key
 * ending in `.$` takes its value from a path or an intrinsic function and loses the suffix; every
 * other value is copied as is (strings such as "$.x" or "{% %}" stay literal), nested objects and
 * arrays included.
 */
import type { JsonValue } from '../../model/asl.js';
import { setOwn } from '../own.js';
import { StatesError } from '../states-error.js';
import { evaluateIntrinsic } from './intrinsics/evaluate.js';
import { looksLikeIntrinsic } from '../../model/expressions/intrinsic.js';
import { selectPath, type PathScope } from './jsonpath.js';

/** Evaluate a payload template against `data`. `field` names the ASL field (e.g. `Parameters`). */
export function evaluatePayloadTemplate(template: JsonValue, data: JsonValue, scope: PathScope, field: string): JsonValue {
  if (Array.isArray(template)) return template.map((item) => evaluatePayloadTemplate(item, data, scope, field));
  if (template === null || typeof template !== 'object') return template;
  const out: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$')) {
      setOwn(out, key.slice(0, -2), evaluateDynamicValue(value, data, scope, key, field));
    } else {
      setOwn(out, key, evaluatePayloadTemplate(value, data, scope, field));
    }
  }
  return out;
}

function evaluateDynamicValue(value: JsonValue, data: JsonValue, scope: PathScope, key: string, field: string): JsonValue {
  if (typeof value !== 'string') {
    // The validator rejects this; at run time it can only come from a definition that skipped it.
    throw new StatesError('States.Runtime', `The value for the field '${key}' in '${field}' must be a string path or intrinsic function, but was ${JSON.stringify(value)}`);
  }
  // A missing path names the key itself: "... specified for the field 'value.$' ...".
  if (looksLikeIntrinsic(value)) return evaluateIntrinsic(value, data, scope);
  return selectPath(value, data, scope, key);
}
