/**
 * Payload templates of JSONPath states (Parameters, ResultSelector, ItemSelector, Assign): a key
 * ending in `.$` takes its value from a path or an intrinsic function and loses the suffix; every
 * other value is copied as is (strings such as "$.x" or "{% %}" stay literal), nested objects and
 * arrays included.
 *
 * A template is read once (which keys are paths, which intrinsics, what the output keys are) and
 * kept with its definition object, since the same Parameters run for every state entry and item.
 */
import type { JsonValue } from '../../model/asl.js';
import { setOwn } from '../own.js';
import { StatesError } from '../states-error.js';
import { evaluateIntrinsic } from './intrinsics/evaluate.js';
import { looksLikeIntrinsic } from '../../model/expressions/intrinsic.js';
import { selectPath, type PathScope } from './jsonpath.js';

type Compiled =
  | { kind: 'literal'; value: JsonValue }
  | { kind: 'array'; items: Compiled[] }
  | { kind: 'object'; members: Member[] };

type Member =
  | { key: string; kind: 'path'; path: string; field: string }
  | { key: string; kind: 'intrinsic'; text: string }
  | { key: string; kind: 'invalid'; value: JsonValue; field: string }
  | { key: string; kind: 'nested'; template: Compiled };

const compiledTemplates = new WeakMap<object, Compiled>();

/** Evaluate a payload template against `data`. `field` names the ASL field (e.g. `Parameters`). */
export function evaluatePayloadTemplate(template: JsonValue, data: JsonValue, scope: PathScope, field: string): JsonValue {
  if (template === null || typeof template !== 'object') return template;
  let compiled = compiledTemplates.get(template);
  if (!compiled) {
    compiled = compile(template);
    compiledTemplates.set(template, compiled);
  }
  return run(compiled, data, scope, field);
}

function compile(template: JsonValue): Compiled {
  if (Array.isArray(template)) return { kind: 'array', items: template.map(compile) };
  if (template === null || typeof template !== 'object') return { kind: 'literal', value: template };
  const members: Member[] = [];
  for (const key of Object.keys(template)) {
    const value = template[key]!;
    if (!key.endsWith('.$')) members.push({ key, kind: 'nested', template: compile(value) });
    // The validator rejects a non-string; at run time it can only come from a definition that skipped it.
    else if (typeof value !== 'string') members.push({ key: key.slice(0, -2), kind: 'invalid', value, field: key });
    else if (looksLikeIntrinsic(value)) members.push({ key: key.slice(0, -2), kind: 'intrinsic', text: value });
    // A missing path names the key itself: "... specified for the field 'value.$' ...".
    else members.push({ key: key.slice(0, -2), kind: 'path', path: value, field: key });
  }
  return { kind: 'object', members };
}

function run(compiled: Compiled, data: JsonValue, scope: PathScope, field: string): JsonValue {
  switch (compiled.kind) {
    case 'literal':
      return compiled.value;
    case 'array':
      return compiled.items.map((item) => run(item, data, scope, field));
    case 'object': {
      const out: { [key: string]: JsonValue } = {};
      for (const member of compiled.members) setOwn(out, member.key, memberValue(member, data, scope, field));
      return out;
    }
  }
}

function memberValue(member: Member, data: JsonValue, scope: PathScope, field: string): JsonValue {
  switch (member.kind) {
    case 'path':
      return selectPath(member.path, data, scope, member.field);
    case 'intrinsic':
      return evaluateIntrinsic(member.text, data, scope);
    case 'nested':
      return run(member.template, data, scope, field);
    case 'invalid':
      throw new StatesError('States.Runtime', `The value for the field '${member.field}' in '${field}' must be a string path or intrinsic function, but was ${JSON.stringify(member.value)}`);
  }
}
