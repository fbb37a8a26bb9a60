/**
 * What an EventBridge rule target receives: the whole event, `Input`, `InputPath`, or an
 * `InputTransformer` (`InputPathsMap` + `InputTemplate`).
 *
 * JSONPath lookups use jsonpath-plus. The template filling is ours: its quoting rules are AWS's own
 * (recorded on AWS: localstack tests/aws/services/events/test_events_inputs.py, in the conformance
 * corpus and beyond it), which no library reproduces:
 * - a template starting with `{` or `[` is a JSON template: a placeholder outside quotes becomes the
 *   value's JSON (`"text"`, `42`, `{"a":1}`); a missing value becomes `""`;
 * - inside quotes in a JSON template, strings are inserted JSON-escaped, numbers and booleans as
 *   text, and objects and arrays as their JSON, quotes included: "EventBridge does not add quotes to
 *   variables that represent JSON objects or arrays. Do not add quotes for variables that represent
 *   JSON objects or arrays" (EventBridge guide, input transformation, common issues). The filled
 *   template is then no longer JSON, and AWS does not deliver the event (recorded:
 *   test_input_transformer_nested_keys_replacement_not_valid, `{"payload": "<payload>"}`);
 * - in a text template (inside its quotes or not), strings, numbers and booleans as text, objects
 *   and arrays as JSON with every `"` removed (`{acc_id:0a78,sf_id:baz}`, `[HIGH]`), a missing value
 *   as nothing: "EventBridge removes any internal quotes to ensure a valid string" (same guide);
 * - `<aws.events.event.json>` is the whole event and `<aws.events.event>` the event without its
 *   detail, in EventBridge's own shape (`detailType`, not `detail-type`: recorded,
 *   test_input_transformer_predefined_variables); both are inserted as raw JSON wherever they appear,
 *   since "their contents are not escaped" (same guide).
 */
import { JSONPath } from 'jsonpath-plus';
import { EventBridgeApiError } from './pattern.js';

export interface TargetInputOptions {
  /** Constant JSON text sent instead of the event. */
  input?: string;
  /** JSONPath selecting the part of the event to send. */
  inputPath?: string;
  /** InputTransformer.InputPathsMap: variable name → JSONPath. */
  inputPathsMap?: Record<string, string>;
  /** InputTransformer.InputTemplate. */
  inputTemplate?: string;
}

export interface TransformContext {
  ruleName?: string;
  ruleArn?: string;
  /** ISO 8601 time EventBridge received the event; defaults to the event's `time`. */
  ingestionTime?: string;
  /** Used in PutTargets validation messages. */
  targetId?: string;
}

/** Variables EventBridge defines in every template. */
export const RESERVED_VARIABLES = [
  'aws.events.rule-arn',
  'aws.events.rule-name',
  'aws.events.event.ingestion-time',
  'aws.events.event',
  'aws.events.event.json',
] as const;

export const INPUT_PATHS_MAP_MAX = 100;
export const INPUT_TEMPLATE_MAX_LENGTH = 8192;
const PLACEHOLDER = /<([A-Za-z0-9_.-]+)>/g;

/**
 * The checks PutTargets makes on a target's input settings; throws `EventBridgeApiError`
 * (`ValidationException`) with AWS's message.
 */
export function validateTargetInput(options: TargetInputOptions, targetId = 'target'): void {
  const fail = (message: string): never => {
    throw new EventBridgeApiError('ValidationException', message);
  };
  const hasTransformer = options.inputTemplate !== undefined || options.inputPathsMap !== undefined;
  const given = [options.input !== undefined, options.inputPath !== undefined, hasTransformer].filter(Boolean).length;
  if (given > 1) fail(`Only one of Input, InputPath, or InputTransformer must be provided for target ${targetId}.`);
  if (!hasTransformer) return;
  const template = options.inputTemplate;
  if (template === undefined) return fail(`InputTemplate is required for the InputTransformer of target ${targetId}.`);
  const map = options.inputPathsMap ?? {};
  if (Object.keys(map).length > INPUT_PATHS_MAP_MAX) fail(`InputPathsMap for target ${targetId} has more than ${INPUT_PATHS_MAP_MAX} entries.`);
  for (const [name, path] of Object.entries(map)) {
    if (name.toLowerCase().startsWith('aws.')) fail(`InputPathsMap for target ${targetId} contains reserved variable ${name}.`);
    if (!/^\$(\.|\[|$)/.test(path)) fail(`InputPathsMap for target ${targetId} contains invalid JSONPath ${path}.`);
  }
  if (template.length > INPUT_TEMPLATE_MAX_LENGTH) fail(`InputTemplate for target ${targetId} is longer than ${INPUT_TEMPLATE_MAX_LENGTH} characters.`);
  for (const [, name] of template.matchAll(PLACEHOLDER)) {
    if (!(name! in map) && !(RESERVED_VARIABLES as readonly string[]).includes(name!)) {
      fail(`InputTemplate for target ${targetId} contains invalid placeholder ${name}.`);
    }
  }
}

/**
 * The text a rule target receives for `event`, or `undefined` when nothing is delivered (an InputPath
 * that selects nothing, or a JSON template that is not valid JSON once filled in).
 * Throws `EventBridgeApiError` (`ValidationException`) for settings PutTargets would reject.
 */
export function transformInput(event: unknown, options: TargetInputOptions = {}, context: TransformContext = {}): string | undefined {
  validateTargetInput(options, context.targetId);
  if (options.input !== undefined) return options.input;
  if (options.inputPath !== undefined) {
    const selected = select(event, options.inputPath);
    return selected === undefined ? undefined : JSON.stringify(selected);
  }
  if (options.inputTemplate === undefined) return JSON.stringify(event);
  return fillTemplate(event, options.inputTemplate, options.inputPathsMap ?? {}, context);
}

/** The value at an EventBridge JSONPath: one value, or the list a wildcard selects; undefined if none. */
export function select(event: unknown, path: string): unknown {
  const results = JSONPath({ path, json: event as object, wrap: true }) as unknown[];
  if (/\*|\.\.|\?\(/.test(path)) return results.length > 0 ? results : undefined;
  return results[0];
}

type Rendering = 'json' | 'quoted-json' | 'text';

function fillTemplate(event: unknown, template: string, map: Record<string, string>, context: TransformContext): string | undefined {
  const values = new Map<string, unknown>();
  for (const [name, path] of Object.entries(map)) values.set(name, select(event, path));
  const isJsonTemplate = /^\s*[{[]/.test(template);
  let out = '';
  let inQuotes = false;
  for (let i = 0; i < template.length; i += 1) {
    const c = template[i]!;
    if (c === '\\' && inQuotes) {
      out += c + (template[i + 1] ?? '');
      i += 1;
      continue;
    }
    if (c === '"') inQuotes = !inQuotes;
    if (c === '<') {
      const m = /^<([A-Za-z0-9_.-]+)>/.exec(template.slice(i));
      if (m) {
        const mode: Rendering = inQuotes ? (isJsonTemplate ? 'quoted-json' : 'text') : isJsonTemplate ? 'json' : 'text';
        out += renderVariable(m[1]!, mode, event, values, context);
        i += m[0].length - 1;
        continue;
      }
    }
    out += c;
  }
  if (isJsonTemplate) {
    try {
      JSON.parse(out);
    } catch {
      return undefined;
    }
  }
  return out;
}

function renderVariable(name: string, mode: Rendering, event: unknown, values: Map<string, unknown>, context: TransformContext): string {
  const envelope = (event ?? {}) as Record<string, unknown>;
  switch (name) {
    case 'aws.events.event':
      return JSON.stringify(eventWithoutDetail(envelope));
    case 'aws.events.event.json':
      return JSON.stringify(event);
    case 'aws.events.rule-arn':
      return render(context.ruleArn ?? '', mode);
    case 'aws.events.rule-name':
      return render(context.ruleName ?? '', mode);
    case 'aws.events.event.ingestion-time':
      return render(context.ingestionTime ?? (typeof envelope.time === 'string' ? envelope.time : ''), mode);
    default:
      return render(values.get(name), mode);
  }
}

function render(value: unknown, mode: Rendering): string {
  if (mode === 'json') return value === undefined ? '""' : JSON.stringify(value);
  if (value === undefined) return '';
  if (typeof value === 'string') return mode === 'quoted-json' ? JSON.stringify(value).slice(1, -1) : value;
  if (typeof value === 'object' && value !== null) return mode === 'quoted-json' ? JSON.stringify(value) : JSON.stringify(value).replaceAll('"', '');
  return String(value);
}

/**
 * `<aws.events.event>`: the event without `detail`, as EventBridge holds it internally: `detailType`
 * for `detail-type`, its fields in this order (recorded on AWS: test_input_transformer_predefined_variables).
 */
function eventWithoutDetail(event: Record<string, unknown>): Record<string, unknown> {
  const fields: [string, unknown][] = [
    ['id', event.id],
    ['account', event.account],
    ['detailType', event['detail-type']],
    ['time', event.time],
    ['source', event.source],
    ['region', event.region],
    ['resources', event.resources],
    ['version', event.version],
  ];
  return Object.fromEntries(fields.filter(([, v]) => v !== undefined));
}
