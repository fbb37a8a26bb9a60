/**
 * ASL data expressions → symbolic values (sym.ts): JSONata (`{% %}`, read from the parsed AST
 * with the same parser the validator and executor use), JSONPath paths and the intrinsic functions
 * that have an Airflow equivalent. The subset is deliberate: paths into the state input, the task
 * result, variables and the run's context; literals; `&`, comparisons, arithmetic, `and`/`or`,
 * conditionals, object and array constructors, and $string, $substring, $replace (string pattern),
 * $uppercase, $lowercase, $length, $exists, $number, $join, $not. Anything else is opaque, with
 * the reason, so the report can say what did not carry over.
 */
import type { JsonValue, QueryLanguage } from '../model/asl.js';
import { compileJsonata, isJsonataExpression, jsonataExpressionText } from '../model/expressions/jsonata.js';
import { parseIntrinsic, type IntrinsicArg } from '../model/expressions/intrinsic.js';
import { parsePath } from '../model/expressions/path.js';
import { get, lit, opaque, type Sym } from './sym.js';

export interface Scope {
  /** The state's input (`$states.input`, `$`). */
  input: Sym;
  vars: ReadonlyMap<string, Sym>;
  /** The task's result (`$states.result`), in Output, Assign and ResultSelector. */
  result?: Sym;
  /** A Catch's error output (`$states.errorOutput`). */
  errorOutput?: Sym;
  /** Inside a Map's ItemSelector: the item and its index. */
  mapItem?: { value: Sym; index: Sym };
}

const RUN_ID_NOTE = "the execution's name and ARN become the Airflow run id";

function context(path: (string | number)[], scope: Scope): Sym {
  const [a, b, c] = path;
  if (a === 'Execution' && (b === 'Id' || b === 'Name')) return { k: 'ctx', name: 'run_id', note: RUN_ID_NOTE };
  if (a === 'Execution' && b === 'StartTime') return { k: 'ctx', name: 'start_date', note: "the execution's start time becomes the DAG run's start date" };
  if (a === 'State' && b === 'EnteredTime') return { k: 'ctx', name: 'task_start', note: "the state's entered time becomes the Airflow task's start time (Python's ISO format, +00:00 rather than Z)" };
  if (a === 'Execution' && b === 'Input') return get(scope.input, path.slice(2));
  if (a === 'Map' && b === 'Item' && scope.mapItem && (c === 'Value' || c === 'Index')) return get(c === 'Value' ? scope.mapItem.value : scope.mapItem.index, path.slice(3));
  return opaque(`the context field ${path.join('.')} has no Airflow equivalent`);
}

/** A JSONata expression's text (inside `{% %}`). */
export function fromJsonata(text: string, scope: Scope): Sym {
  let ast: JsonataNode;
  try {
    ast = compileJsonata(text).ast() as unknown as JsonataNode;
  } catch (error) {
    return opaque(`the expression does not parse: ${(error as Error).message}`);
  }
  return node(ast, scope);
}

interface JsonataNode {
  type: string;
  value?: unknown;
  steps?: JsonataNode[];
  stages?: unknown[];
  predicate?: unknown[];
  lhs?: JsonataNode | [JsonataNode, JsonataNode][];
  rhs?: JsonataNode;
  expressions?: JsonataNode[];
  condition?: JsonataNode;
  then?: JsonataNode;
  else?: JsonataNode;
  arguments?: JsonataNode[];
  procedure?: JsonataNode;
  expression?: JsonataNode;
  group?: unknown;
}

const BINARY = new Set(['&', '=', '!=', '<', '<=', '>', '>=', 'and', 'or', '+', '-', '*', '/', 'in']);
const FUNCTIONS: Record<string, [Extract<Sym, { k: 'call' }>['fn'], number, number]> = {
  string: ['string', 1, 1],
  substring: ['substring', 2, 3],
  replace: ['replace', 3, 3],
  uppercase: ['uppercase', 1, 1],
  lowercase: ['lowercase', 1, 1],
  length: ['length', 1, 1],
  exists: ['exists', 1, 1],
  number: ['number', 1, 1],
  join: ['join', 1, 2],
};

function node(n: JsonataNode, scope: Scope): Sym {
  if (n.group !== undefined || (n.stages && n.stages.length > 0) || (n.predicate && n.predicate.length > 0)) return opaque('filters, predicates and grouping are not translated');
  switch (n.type) {
    case 'string':
    case 'number':
    case 'value':
      return lit(n.value as JsonValue);
    case 'variable':
      return variable(String(n.value), [], scope);
    case 'path':
      return pathNode(n.steps ?? [], scope);
    case 'binary': {
      const op = String(n.value);
      if (!BINARY.has(op)) return opaque(`the operator ${op} is not translated`);
      return { k: 'op', op: op as Extract<Sym, { k: 'op' }>['op'], a: node(n.lhs as JsonataNode, scope), b: node(n.rhs as JsonataNode, scope) };
    }
    case 'condition':
      return { k: 'cond', test: node(n.condition!, scope), then: node(n.then!, scope), else: n.else ? node(n.else, scope) : opaque('a condition without an else part is undefined when false') };
    case 'block':
      return n.expressions?.length === 1 ? node(n.expressions[0]!, scope) : opaque('blocks with several expressions (local variables, functions) are not translated');
    case 'unary':
      if (n.value === '-') {
        const inner = node(n.expression!, scope);
        return inner.k === 'lit' && typeof inner.v === 'number' ? lit(-inner.v) : { k: 'op', op: '-', a: lit(0), b: inner };
      }
      if (n.value === '[') return { k: 'arr', items: (n.expressions ?? []).map((e) => node(e, scope)) };
      if (n.value === '{') {
        const pairs = n.lhs as [JsonataNode, JsonataNode][];
        const entries: [string, Sym][] = [];
        for (const [key, value] of pairs) {
          if (key.type !== 'string') return opaque('object keys computed at run time are not translated');
          entries.push([String(key.value), node(value, scope)]);
        }
        return { k: 'obj', entries };
      }
      return opaque(`the operator ${String(n.value)} is not translated`);
    case 'function': {
      const procedure = n.procedure!;
      const name = procedure.type === 'variable' ? String(procedure.value) : procedure.type === 'path' && procedure.steps?.length === 1 ? String(procedure.steps[0]!.value) : '';
      const args = (n.arguments ?? []).map((a) => node(a, scope));
      if (name === 'not') return args.length === 1 ? { k: 'not', a: args[0]! } : opaque('not() takes one argument');
      if (name === 'contains') return contains(n.arguments ?? [], scope);
      if (name === 'round') return args.length >= 1 && args.length <= 2 ? { k: 'call', fn: 'round', args } : opaque('$round() takes one or two arguments');
      if (name === 'merge') return merge(args);
      const known = FUNCTIONS[name];
      if (!known || args.length < known[1] || args.length > known[2]) return opaque(`$${name}() is not translated`);
      if (name === 'replace' && args[1]!.k !== 'lit') return opaque('$replace() with a pattern computed at run time (or a regular expression) is not translated');
      // $string of a constructed object or array is its JSON; of a string, the string.
      if (name === 'string' && args.length === 1 && (args[0]!.k === 'obj' || args[0]!.k === 'arr')) return { k: 'call', fn: 'tojson', args };
      if (name === 'string' && args.length === 1 && args[0]!.k === 'lit' && typeof args[0]!.v === 'string') return args[0]!;
      return { k: 'call', fn: known[0], args };
    }
    default:
      return opaque(`${n.type} expressions are not translated`);
  }
}

/**
 * `$contains(str, pattern)`: a regular expression (or a literal, escaped into one) searched with
 * Python's `re`. JavaScript and Python agree on the plain syntax (classes, anchors, quantifiers,
 * groups); named groups, which they spell differently, are not translated.
 */
function contains(args: JsonataNode[], scope: Scope): Sym {
  const [text, pattern] = args;
  if (args.length !== 2 || !text || !pattern) return opaque('$contains() takes two arguments');
  let source: string;
  let flags = '';
  if (pattern.type === 'regex' && pattern.value instanceof RegExp) {
    source = pattern.value.source;
    flags = pattern.value.flags.replace(/g/g, '');
  } else if (pattern.type === 'string') source = String(pattern.value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  else return opaque('$contains() with a pattern computed at run time is not translated');
  if (/\(\?<(?![=!])/.test(source) || /[^i]/.test(flags)) return opaque(`the regular expression /${source}/${flags} uses syntax Python spells differently`);
  return { k: 'call', fn: 'matches', args: [node(text, scope), lit(flags.includes('i') ? `(?i)${source}` : source)] };
}

/** `$merge([a, b])` of objects known field by field: the object with b's fields over a's. */
function merge(args: Sym[]): Sym {
  const list = args[0];
  if (args.length !== 1 || !list || list.k !== 'arr') return opaque('$merge() of a value computed at run time is not translated');
  // Step Functions' parent/child link ($merge([$states.input, { AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID }]))
  // means nothing to Airflow, which links triggered runs itself: that object is left out.
  const items = list.items.filter((item) => !(item.k === 'obj' && item.entries.length > 0 && item.entries.every(([key]) => key === 'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID')));
  if (items.length === 1) return items[0]!;
  const out = new Map<string, Sym>();
  for (const item of items) {
    if (item.k === 'obj') for (const [key, value] of item.entries) out.set(key, value);
    else if (item.k === 'lit' && item.v !== null && typeof item.v === 'object' && !Array.isArray(item.v)) for (const [key, value] of Object.entries(item.v)) out.set(key, lit(value));
    else return opaque('$merge() of an object whose fields are only known at run time is not translated');
  }
  return { k: 'obj', entries: [...out] };
}

function pathNode(steps: JsonataNode[], scope: Scope): Sym {
  const [first, ...rest] = steps;
  if (!first) return opaque('an empty path');
  const names: (string | number)[] = [];
  for (const step of rest) {
    if (step.type !== 'name' || (step.predicate && step.predicate.length > 0)) return opaque('path steps other than field names are not translated');
    names.push(String(step.value));
    // An array index (`ReplicationTasks[0]`); other filters are not translated.
    for (const stage of (step.stages ?? []) as { type: string; expr?: JsonataNode }[]) {
      const index = stage.type === 'filter' && stage.expr?.type === 'number' ? Number(stage.expr.value) : NaN;
      if (!Number.isInteger(index) || index < 0) return opaque('filters other than an array index are not translated');
      names.push(index as never);
    }
  }
  if (first.type === 'variable') return variable(String(first.value), names, scope);
  return opaque('paths that do not start at $states or a variable are not translated');
}

function variable(name: string, path: (string | number)[], scope: Scope): Sym {
  if (name === 'states') {
    const [part, ...rest] = path as [string, ...(string | number)[]];
    if (part === 'input') return get(scope.input, rest);
    if (part === 'result') return scope.result ? get(scope.result, rest) : opaque('$states.result is only defined in a Task');
    if (part === 'errorOutput') return scope.errorOutput ? get(scope.errorOutput, rest) : opaque('$states.errorOutput is only defined in a Catch');
    if (part === 'context') return context(rest, scope);
    return opaque(`$states.${part ?? ''} is not translated`);
  }
  const value = scope.vars.get(name);
  if (!value) return opaque(`the variable $${name} is not assigned before this state`);
  return get(value, path);
}

/** A JSONPath path (`$.a`, `$$.Map.Item.Value`, `$var.a`). */
export function fromPath(path: string, scope: Scope): Sym {
  let parsed;
  try {
    parsed = parsePath(path);
  } catch (error) {
    return opaque((error as Error).message);
  }
  if (!parsed.segments) return opaque(`the path ${path} is not a plain path (wildcards, filters)`);
  const segments = parsed.segments.map((s) => (s.kind === 'property' ? s.name : s.index));
  if (parsed.root.kind === 'data') return get(scope.input, segments);
  if (parsed.root.kind === 'context') return context(segments, scope);
  const value = scope.vars.get(parsed.root.name);
  return value ? get(value, segments) : opaque(`the variable $${parsed.root.name} is not assigned before this state`);
}

/** An intrinsic call (`States.Format(...)`), for the functions with an equivalent. */
export function fromIntrinsic(text: string, scope: Scope): Sym {
  let call;
  try {
    call = parseIntrinsic(text);
  } catch (error) {
    return opaque((error as Error).message);
  }
  return intrinsic(call, scope);
}

function intrinsic(arg: IntrinsicArg, scope: Scope): Sym {
  switch (arg.kind) {
    case 'string':
      return lit(arg.value);
    case 'number':
      return lit(arg.value);
    case 'boolean':
      return lit(arg.value);
    case 'null':
      return lit(null);
    case 'path':
      return fromPath(arg.path, scope);
    case 'call': {
      const args = arg.args.map((a) => intrinsic(a, scope));
      if (arg.name === 'States.Format') {
        const [template, ...values] = args;
        if (!template || template.k !== 'lit' || typeof template.v !== 'string') return opaque('States.Format with a template computed at run time');
        const parts = template.v.split('{}');
        if (parts.length - 1 !== values.length) return opaque('States.Format: the number of {} does not match the arguments');
        let out: Sym = lit(parts[0]!);
        values.forEach((value, i) => {
          out = { k: 'op', op: '&', a: out, b: value };
          if (parts[i + 1]) out = { k: 'op', op: '&', a: out, b: lit(parts[i + 1]!) };
        });
        return out;
      }
      if (arg.name === 'States.JsonToString' && args.length === 1) return { k: 'call', fn: 'tojson', args };
      if (arg.name === 'States.Array') return { k: 'arr', items: args };
      return opaque(`${arg.name} is not translated`);
    }
  }
}

/**
 * A field value of the given query language: JSONata strings `{% %}` and JSONPath `key.$` entries
 * become expressions; everything else is literal.
 */
export function fromValue(value: unknown, language: QueryLanguage, scope: Scope): Sym {
  if (language === 'JSONata' && isJsonataExpression(value)) return fromJsonata(jsonataExpressionText(value), scope);
  if (Array.isArray(value)) return { k: 'arr', items: value.map((v) => fromValue(v, language, scope)) };
  if (value !== null && typeof value === 'object') {
    const entries: [string, Sym][] = [];
    for (const [key, v] of Object.entries(value)) {
      if (language === 'JSONPath' && key.endsWith('.$') && typeof v === 'string') {
        entries.push([key.slice(0, -2), v.startsWith('States.') ? fromIntrinsic(v, scope) : fromPath(v, scope)]);
      } else entries.push([key, fromValue(v, language, scope)]);
    }
    return { k: 'obj', entries };
  }
  return lit(value as JsonValue);
}
