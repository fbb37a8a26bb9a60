/**
 * Which literals of the generated code may differ between two uses of one fragment: those at
 * positions that take any text, number or boolean (a state's name, a request field typed as text
 * or as unknown JSON, an expression's text, a Catch's error names, a transition by name), never
 * one typed as a choice of literals (a pattern, a mode, an enum of the request, a duration). The
 * walk gives a piece of code's shape, the code with those literals as their types, and can
 * replace them; its hints name the fragment's parameters after the fields they fill.
 */
import type { Code } from './code.js';
import { requestShapeOf } from './builders.js';
import { polledRequestOf } from './loop-calls.js';
import { IMPORTABLE } from './scope.js';
import type { Shape } from './shapes.js';

export const STATES = new Set(['task', 'pass', 'choice', 'wait', 'succeed', 'fail', 'parallel', 'map']);
const HELPERS = new Set(['expr', 'input', 'result', 'errorOutput', 'context', 'variable', 'ref']);

type Mode =
  | 'code' // literals stay as written
  | 'free' // any literal may vary (a payload typed unknown, a helper's text)
  | 'text' // a literal string may vary
  | 'number' // a literal number may vary
  | 'target' // a transition: a state's name may vary
  | 'options' // a state's or builder's options
  | 'retry'
  | 'catch'
  | { shape: Shape }; // a typed request: where its type takes any string, number or boolean

export type Literal = string | number | boolean;

/** DynamoDB's attribute types: `{ S: 'text' }`. */
const DYNAMODB_TYPES = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'SS', 'NS', 'BS', 'L', 'M']);
/** The options whose values are any text, or payloads of any JSON. */
const TEXT_OPTIONS = new Set(['comment', 'name', 'resultPath', 'inputPath', 'outputPath', 'itemsPath', 'error', 'cause', 'errorPath', 'causePath', 'label']);
const PAYLOAD_OPTIONS = new Set(['arguments', 'parameters', 'output', 'assign', 'result', 'itemSelector', 'resultSelector', 'credentials', 'items']);

export interface Walked {
  /** The shape: the code with every varying literal as its type. */
  key: string;
  code: Code;
}

/** A value that may differ between uses: a literal, or a placeholder's value (a string). */
export interface Slot {
  code: Code;
  type: 'string' | 'number' | 'boolean';
  /** Where it sits (`Step/Name`), to name the parameter that takes it. */
  hint: string;
}

export interface WalkContext {
  /** The replacement of each slot, in order. */
  onSlot(slot: Slot): Code;
  /** Names that stand for text: the module's placeholder values. */
  texts: ReadonlySet<string>;
}

/**
 * One walk serves both purposes: the shape key of a piece of code (each slot as its type), and
 * the code with its slots replaced.
 */
export function walk(code: Code, mode: Mode, hint: string, ctx: WalkContext): Walked {
  const self = (key: string): Walked => ({ key, code });
  switch (code.kind) {
    case 'literal': {
      const value = code.value;
      if (value !== null && varies(mode, value)) return { key: `?${typeof value}`, code: ctx.onSlot({ code, type: typeof value as Slot['type'], hint }) };
      return self(JSON.stringify(value));
    }
    case 'name':
      if (ctx.texts.has(code.name) && varies(mode, '')) return { key: '?string', code: ctx.onSlot({ code, type: 'string', hint }) };
      return self(`@${code.name}`);
    case 'template':
    case 'cast':
      return self(JSON.stringify(code));
    case 'member': {
      const object = walk(code.object, 'code', hint, ctx);
      return { key: `${object.key}.${code.property}`, code: { ...code, object: object.code } };
    }
    case 'arrow': {
      const body = walk(code.body, 'code', hint, ctx);
      return { key: `(${code.params.join(',')})=>${body.key}`, code: { ...code, body: body.code } };
    }
    case 'array': {
      const itemMode: Mode = typeof mode === 'object' ? itemShape(mode.shape) : mode === 'free' ? 'free' : mode === 'text' ? 'text' : 'code';
      const items = code.items.map((item) => walk(item, itemMode, hint, ctx));
      return { key: `[${items.map((i) => i.key).join(',')}]`, code: { ...code, items: items.map((i) => i.code) } };
    }
    case 'object': {
      // A value under DynamoDB's type key (`{ table: { S: value } }`) is named after the field, not the type.
      // A state's `name` option is its name; other entries add their key to the hint (Step/Name → stepName).
      const entryHint = (key: string) => (mode === 'options' && key === 'name' ? 'name' : DYNAMODB_TYPES.has(key) ? hint : `${hint}/${key}`);
      const entries = code.entries.map((entry) => ({ key: entry.key, walked: walk(entry.value, entryMode(mode, entry.key), entryHint(entry.key), ctx) }));
      return { key: `{${entries.map((e) => `${JSON.stringify(e.key)}:${e.walked.key}`).join(',')}}`, code: { ...code, entries: entries.map((e) => ({ key: e.key, value: e.walked.code })) } };
    }
    case 'call': {
      const callee = calleePath(code.callee);
      let calleeWalked: Walked;
      let modes: Mode[];
      let argumentHint = hint;
      if (callee !== undefined) {
        calleeWalked = self(callee);
        modes = argumentModes(callee, code.args);
      } else if (code.callee.kind === 'member') {
        // A method of a state or chain: .next(), .retry(), .catch(), .when(), .otherwise().
        const object = walk(code.callee.object, 'code', hint, ctx);
        calleeWalked = { key: `${object.key}.${code.callee.property}`, code: { ...code.callee, object: object.code } };
        modes = METHODS[code.callee.property] ?? [];
        if (code.callee.property !== 'next') argumentHint = `${hint}/${code.callee.property}`;
      } else {
        calleeWalked = walk(code.callee, 'code', hint, ctx);
        modes = [];
      }
      const first = callee === undefined ? argumentHint : STATES.has(callee) || requestShapeOf(callee) ? 'name' : polledRequestOf(callee) === 'name' ? 'crawlerName' : argumentHint;
      // A transition by name: where a Catch goes is its handler, any other its next state.
      const targetHint = callee === undefined && code.callee.kind === 'member' && code.callee.property === 'catch' ? 'handler' : 'next';
      const args = code.args.map((arg, i) => walk(arg, modes[i] ?? 'code', modes[i] === 'target' ? targetHint : i === 0 ? first : argumentHint, ctx));
      return { key: `${calleeWalked.key}(${args.map((a) => a.key).join(',')})`, code: { ...code, callee: callee !== undefined ? code.callee : calleeWalked.code, args: args.map((a) => a.code) } };
    }
  }
}

function varies(mode: Mode, value: Literal): boolean {
  if (mode === 'free') return true;
  if (mode === 'text' || mode === 'target') return typeof value === 'string';
  if (mode === 'number') return typeof value === 'number';
  if (typeof mode === 'object') return takesAny(mode.shape, value);
  return false;
}

/** Whether a request type takes any value of this literal's type (not only some literals). */
function takesAny(shape: Shape, value: Literal): boolean {
  switch (shape.kind) {
    case 'unknown':
      return true;
    case 'string':
      return typeof value === 'string' && !shape.values;
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'union':
      return shape.options.some((o) => takesAny(o, value));
    default:
      return false;
  }
}

function itemShape(shape: Shape): Mode {
  if (shape.kind === 'union') {
    const list = shape.options.find((o) => o.kind === 'array' || o.kind === 'unknown');
    return list ? itemShape(list) : 'code';
  }
  if (shape.kind === 'array') return { shape: shape.item };
  return shape.kind === 'unknown' ? 'free' : 'code';
}

function entryMode(mode: Mode, key: string): Mode {
  if (typeof mode === 'object') {
    // An object where the type is a union (DynamoDB's attribute values: an object or text): its object form.
    const shape = mode.shape.kind === 'union' ? mode.shape.options.find((o) => o.kind === 'object' || o.kind === 'record' || o.kind === 'unknown') : mode.shape;
    if (!shape) return 'code';
    if (shape.kind === 'unknown') return 'free';
    if (shape.kind === 'record') return { shape: shape.value };
    if (shape.kind === 'object') {
      const field = shape.required[key] ?? shape.optional[key];
      return field ? { shape: field } : 'code';
    }
    return 'code';
  }
  switch (mode) {
    case 'free':
      return 'free';
    case 'options':
      if (TEXT_OPTIONS.has(key)) return 'text';
      if (PAYLOAD_OPTIONS.has(key)) return 'free';
      if (key === 'retry') return 'retry';
      if (key === 'catch') return 'catch';
      if (key === 'maxPolls' || key === 'maxConcurrency') return 'number';
      return 'code';
    case 'retry':
      if (key === 'errors') return 'text';
      if (key === 'maxAttempts' || key === 'backoffRate') return 'number';
      return key === 'comment' ? 'text' : 'code';
    case 'catch':
      if (key === 'handler') return 'target';
      if (key === 'errors' || key === 'resultPath' || key === 'comment') return 'text';
      return key === 'output' || key === 'assign' ? 'free' : 'code';
    default:
      return 'code';
  }
}

/** `.next(target)`, `.catch(target, options)`, ...: how each argument of a state's methods may vary. */
const METHODS: Record<string, Mode[]> = {
  next: ['target'],
  retry: ['retry'],
  catch: ['target', 'catch'],
  when: ['code', 'target', 'options'],
  otherwise: ['target'],
};

/** How each argument of a function the module imports may vary. */
function argumentModes(callee: string, args: Code[]): Mode[] {
  if (STATES.has(callee)) return ['text', 'options'];
  if (callee === 'awsSdk') return ['code', 'code', 'free', 'options'];
  if (callee === 'pollUntil') return ['options'];
  if (HELPERS.has(callee)) return args.map(() => 'free');
  if (callee === 'conditions.and' || callee === 'conditions.or' || callee === 'conditions.not' || callee === 'States.hash') return [];
  if (callee.startsWith('conditions.') || callee.startsWith('States.')) return args.map(() => 'free');
  if (/(^|\.)retries\.\w+$/.test(callee)) return ['retry'];
  const request = requestShapeOf(callee);
  if (request) return ['text', { shape: request }, 'options'];
  const polled = polledRequestOf(callee);
  if (polled) return [polled === 'name' ? 'text' : { shape: polled }, 'options'];
  return [];
}

/** `glue.startJobRun` for a function the module imports; undefined for a method of a value. */
export function calleePath(code: Code): string | undefined {
  if (code.kind === 'name') return IMPORTABLE.has(code.name) ? code.name : undefined;
  if (code.kind !== 'member') return undefined;
  const object = calleePath(code.object);
  return object === undefined ? undefined : `${object}.${code.property}`;
}

/** The call a chain of methods starts from: `lambda.invoke(...)` in `lambda.invoke(...).retry(...).next(...)`. */
export function headCall(code: Code): (Code & { kind: 'call' }) | undefined {
  let current = code;
  while (current.kind === 'call' && current.callee.kind === 'member' && calleePath(current.callee) === undefined) current = current.callee.object;
  return current.kind === 'call' ? current : undefined;
}

/** A state, or states chained, written in place: what a fragment can stand for. */
export function isStates(code: Code): boolean {
  if (code.kind !== 'call') return false;
  const head = headCall(code);
  const callee = head && calleePath(head.callee);
  return callee !== undefined && (STATES.has(callee) || callee === 'awsSdk' || callee === 'pollUntil' || requestShapeOf(callee) !== undefined || polledRequestOf(callee) !== undefined);
}
