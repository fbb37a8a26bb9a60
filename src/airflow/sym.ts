/**
 * Data between states, symbolically: what a state's input, a variable or a task's result is in
 * Airflow's terms (the run's params, a task's XCom, a constructed object...), and how to write it
 * as a Jinja template (for operator fields) or as Python (for the helper module's functions).
 * Anything the translation cannot carry over is `opaque`, with the reason; it is never guessed.
 */
import type { JsonValue } from '../model/asl.js';

export type Sym =
  | { k: 'lit'; v: JsonValue; note?: string }
  /** The run's input: the DAG's params (defaults from the schedule's input, overridden by the run's conf). */
  | { k: 'input' }
  /** A task's XCom: its return value, or the value pushed under `key`. */
  | { k: 'xcom'; task: string; key?: string }
  | { k: 'fromjson'; of: Sym }
  | { k: 'get'; of: Sym; path: (string | number)[] }
  | { k: 'obj'; entries: [string, Sym][] }
  | { k: 'arr'; items: Sym[] }
  /** `of` with one field set (JSONPath's ResultPath `$.key`). */
  | { k: 'set'; of: Sym; key: string; value: Sym }
  /** Values of the run itself: its id (the execution's name), when it started, its logical date. */
  | { k: 'ctx'; name: 'run_id' | 'start_date' | 'logical_date' | 'task_start'; note: string }
  | { k: 'op'; op: '&' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or' | '+' | '-' | '*' | '/' | 'in'; a: Sym; b: Sym }
  | { k: 'not'; a: Sym }
  | { k: 'cond'; test: Sym; then: Sym; else: Sym }
  | { k: 'call'; fn: 'string' | 'substring' | 'replace' | 'uppercase' | 'lowercase' | 'length' | 'exists' | 'number' | 'join' | 'tojson' | 'round' | 'matches'; args: Sym[] }
  /** A parameter of a generated Python function (only in helper code). */
  | { k: 'param'; name: string }
  | { k: 'opaque'; why: string };

export const lit = (v: JsonValue, note?: string): Sym => (note ? { k: 'lit', v, note } : { k: 'lit', v });
export const opaque = (why: string): Sym => ({ k: 'opaque', why });

/** `of.path`, resolved at once where `of` is known (a constructed object, a literal). */
export function get(of: Sym, path: (string | number)[]): Sym {
  if (path.length === 0) return of;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (of.k === 'obj') {
    const entry = of.entries.find(([key]) => key === head);
    if (!entry) return opaque(`the value has no field "${head}" in Airflow (${describe(of)})`);
    return get(entry[1], rest);
  }
  if (of.k === 'lit') {
    const v = of.v;
    const next = v !== null && typeof v === 'object' ? (v as Record<string, JsonValue>)[head as string] : undefined;
    return next === undefined ? opaque(`the value has no field "${head}"`) : get(lit(next, of.note), rest);
  }
  if (of.k === 'opaque') return of;
  if (of.k === 'set') return head === of.key ? get(of.value, rest) : get(of.of, path);
  if (of.k === 'get') return { k: 'get', of: of.of, path: [...of.path, ...path] };
  return { k: 'get', of, path };
}

function describe(sym: Sym): string {
  return sym.k === 'obj' ? `it has ${sym.entries.map(([key]) => key).join(', ')}` : sym.k;
}

/** The first reason a value cannot be written, if any part of it is opaque. */
export function whyOpaque(sym: Sym): string | undefined {
  switch (sym.k) {
    case 'opaque':
      return sym.why;
    case 'fromjson':
    case 'not':
      return whyOpaque(sym.k === 'not' ? sym.a : sym.of);
    case 'get':
      return whyOpaque(sym.of);
    case 'set':
      return firstOf([sym.of, sym.value]);
    case 'obj':
      return firstOf(sym.entries.map(([, v]) => v));
    case 'arr':
      return firstOf(sym.items);
    case 'op':
      return firstOf([sym.a, sym.b]);
    case 'cond':
      return firstOf([sym.test, sym.then, sym.else]);
    case 'call':
      return firstOf(sym.args);
    default:
      return undefined;
  }
}

function firstOf(items: Sym[]): string | undefined {
  for (const item of items) {
    const why = whyOpaque(item);
    if (why) return why;
  }
  return undefined;
}

/** The approximation notes carried by a value's parts (a status assumed from the task's success...). */
export function notesOf(sym: Sym, out = new Set<string>()): Set<string> {
  if ((sym.k === 'lit' || sym.k === 'ctx') && sym.note) out.add(sym.note);
  const children: Sym[] =
    sym.k === 'fromjson' ? [sym.of] : sym.k === 'get' ? [sym.of] : sym.k === 'set' ? [sym.of, sym.value] : sym.k === 'not' ? [sym.a] : sym.k === 'obj' ? sym.entries.map(([, v]) => v) : sym.k === 'arr' ? sym.items : sym.k === 'op' ? [sym.a, sym.b] : sym.k === 'cond' ? [sym.test, sym.then, sym.else] : sym.k === 'call' ? sym.args : [];
  for (const child of children) notesOf(child, out);
  return out;
}

/** Whether the value is known at build time (no task, run or input reference). */
export function isConstant(sym: Sym): sym is { k: 'lit'; v: JsonValue } {
  return sym.k === 'lit';
}

/** Folds constant objects and arrays into literals, so YAML shows plain values where it can. */
export function fold(sym: Sym): Sym {
  if (sym.k === 'obj') {
    const entries = sym.entries.map(([key, value]) => [key, fold(value)] as [string, Sym]);
    if (entries.every(([, v]) => v.k === 'lit' && !v.note)) return lit(Object.fromEntries(entries.map(([key, v]) => [key, (v as { v: JsonValue }).v])));
    return { k: 'obj', entries };
  }
  if (sym.k === 'arr') {
    const items = sym.items.map(fold);
    if (items.every((v) => v.k === 'lit' && !v.note)) return lit(items.map((v) => (v as { v: JsonValue }).v));
    return { k: 'arr', items };
  }
  return sym;
}

// ---------------------------------------------------------------------------------------------
// Jinja (Airflow's templates: `params`, `ti.xcom_pull`, `macros.json`, `run_id`, `dag_run`).

function jinjaLiteral(v: JsonValue): string {
  if (v === null) return 'none';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' || typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(jinjaLiteral).join(', ')}]`;
  return `{${Object.entries(v).map(([key, value]) => `${JSON.stringify(key)}: ${jinjaLiteral(value)}`).join(', ')}}`;
}

const JINJA_OPS: Record<string, string> = { '&': '~', '=': '==', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=', and: 'and', or: 'or', '+': '+', '-': '-', '*': '*', '/': '/', in: 'in' };

/** A Jinja expression (without the braces). Throws on opaque values: check `whyOpaque` first. */
export function jinja(sym: Sym): string {
  switch (sym.k) {
    case 'lit':
      return jinjaLiteral(sym.v);
    case 'input':
      return 'params';
    case 'xcom':
      return `ti.xcom_pull(task_ids=${JSON.stringify(sym.task)}${sym.key ? `, key=${JSON.stringify(sym.key)}` : ''})`;
    case 'fromjson':
      return `macros.json.loads(${jinja(sym.of)})`;
    case 'get':
      return `${jinja(sym.of)}${sym.path.map((p) => `[${JSON.stringify(p)}]`).join('')}`;
    case 'obj':
      return `{${sym.entries.map(([key, value]) => `${JSON.stringify(key)}: ${jinja(value)}`).join(', ')}}`;
    case 'set':
      return `dict(${jinja(sym.of)}, **{${JSON.stringify(sym.key)}: ${jinja(sym.value)}})`;
    case 'arr':
      return `[${sym.items.map(jinja).join(', ')}]`;
    case 'ctx':
      return sym.name === 'run_id' ? 'run_id' : sym.name === 'start_date' ? 'dag_run.start_date.isoformat()' : sym.name === 'task_start' ? 'ti.start_date.isoformat()' : 'logical_date.isoformat()';
    case 'op':
      return `(${jinja(sym.a)} ${JINJA_OPS[sym.op]} ${jinja(sym.b)})`;
    case 'not':
      return `(not ${jinja(sym.a)})`;
    case 'cond':
      return `(${jinja(sym.then)} if ${jinja(sym.test)} else ${jinja(sym.else)})`;
    case 'call':
      return jinjaCall(sym.fn, sym.args.map(jinja));
    case 'param':
      return sym.name;
    case 'opaque':
      throw new Error(`opaque value rendered as Jinja: ${sym.why}`);
  }
}

/** JSON as Step Functions and JSONata write it: compact, not Jinja's `tojson` (spaced, HTML-escaped). */
const compactJson = (a: string) => `macros.json.dumps(${a}, separators=(",", ":"), ensure_ascii=False)`;

function jinjaCall(fn: Extract<Sym, { k: 'call' }>['fn'], [a, b, c]: string[]): string {
  switch (fn) {
    case 'string':
      return `(${a} if ${a} is string else ${compactJson(a!)})`;
    case 'substring':
      return c === undefined ? `${a}[${b}:]` : `${a}[${b}:${b} + ${c}]`;
    case 'replace':
      return `${a}.replace(${b}, ${c})`;
    case 'uppercase':
      return `${a}.upper()`;
    case 'lowercase':
      return `${a}.lower()`;
    case 'length':
      return `(${a} | length)`;
    case 'exists':
      return `(${a} is defined)`;
    case 'number':
      return `(${a} | float)`;
    case 'join':
      return `(${a} | join(${b ?? '""'}))`;
    case 'tojson':
      return compactJson(a!);
    case 'round':
    case 'matches':
      throw new Error(`$${fn}() has no Jinja form: check pythonOnly() first`);
  }
}

/** Why a value can be written only in a helper's Python, not as a template (JSONata's rounding, regular expressions). */
export function pythonOnly(sym: Sym): string | undefined {
  if (sym.k === 'call' && sym.fn === 'round') return "$round() rounds half to even, Jinja's round filter half up: it is translated for Python helpers only";
  if (sym.k === 'call' && sym.fn === 'matches') return 'regular expressions are translated for Python helpers only';
  const children: Sym[] =
    sym.k === 'fromjson' || sym.k === 'get' ? [sym.of] : sym.k === 'set' ? [sym.of, sym.value] : sym.k === 'not' ? [sym.a] : sym.k === 'obj' ? sym.entries.map(([, v]) => v) : sym.k === 'arr' ? sym.items : sym.k === 'op' ? [sym.a, sym.b] : sym.k === 'cond' ? [sym.test, sym.then, sym.else] : sym.k === 'call' ? sym.args : [];
  for (const child of children) {
    const why = pythonOnly(child);
    if (why) return why;
  }
  return undefined;
}

/** A whole field: `{{ expr }}`, with strings and JSON objects kept as text the operator can read. */
export function template(sym: Sym): string {
  return `{{ ${jinja(sym)} }}`;
}

// ---------------------------------------------------------------------------------------------
// Python, over plain JSON values, with JSONata's semantics from the helper runtime (`_rt`).

function pyLiteral(v: JsonValue): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(pyLiteral).join(', ')}]`;
  return `{${Object.entries(v).map(([key, value]) => `${JSON.stringify(key)}: ${pyLiteral(value)}`).join(', ')}}`;
}

const PY_OPS: Record<string, string> = { '&': '_rt.concat', '=': '_rt.eq', '!=': '_rt.ne', '<': '_rt.lt', '<=': '_rt.le', '>': '_rt.gt', '>=': '_rt.ge', and: '_rt.and_', or: '_rt.or_', '+': '_rt.add', '-': '_rt.sub', '*': '_rt.mul', '/': '_rt.div', in: '_rt.in_' };

/** A Python expression; `names` says what `input` and `xcom` values are called in the function. */
export function python(sym: Sym, names: { input: string }): string {
  const py = (s: Sym) => python(s, names);
  switch (sym.k) {
    case 'lit':
      return pyLiteral(sym.v);
    case 'input':
      return names.input;
    case 'param':
      return sym.name;
    case 'fromjson':
      return `_rt.fromjson(${py(sym.of)})`;
    case 'get':
      return `_rt.get(${py(sym.of)}, ${sym.path.map((p) => JSON.stringify(p)).join(', ')})`;
    case 'obj':
      return `_rt.obj(${sym.entries.map(([key, value]) => `(${JSON.stringify(key)}, ${py(value)})`).join(', ')})`;
    case 'arr':
      return `_rt.arr(${sym.items.map(py).join(', ')})`;
    case 'set':
      return `_rt.set_(${py(sym.of)}, ${JSON.stringify(sym.key)}, ${py(sym.value)})`;
    case 'op':
      return `${PY_OPS[sym.op]}(${py(sym.a)}, ${py(sym.b)})`;
    case 'not':
      return `_rt.not_(${py(sym.a)})`;
    case 'cond':
      return `(${py(sym.then)} if _rt.truthy(${py(sym.test)}) else ${py(sym.else)})`;
    case 'call':
      return `_rt.${sym.fn === 'round' ? 'round_' : sym.fn}(${sym.args.map(py).join(', ')})`;
    case 'xcom':
    case 'ctx':
    case 'opaque':
      throw new Error(`${sym.k} value rendered as Python: bind it to a parameter first`);
  }
}

/** Replaces the run-time references (input, XComs, run values) by the helper's parameters. */
export function bindParams(sym: Sym, bind: (leaf: Sym) => Sym | undefined): Sym {
  const found = bind(sym);
  if (found) return found;
  const b = (s: Sym) => bindParams(s, bind);
  switch (sym.k) {
    case 'fromjson':
      return { ...sym, of: b(sym.of) };
    case 'get':
      return { ...sym, of: b(sym.of) };
    case 'set':
      return { ...sym, of: b(sym.of), value: b(sym.value) };
    case 'obj':
      return { ...sym, entries: sym.entries.map(([key, v]) => [key, b(v)]) };
    case 'arr':
      return { ...sym, items: sym.items.map(b) };
    case 'op':
      return { ...sym, a: b(sym.a), b: b(sym.b) };
    case 'not':
      return { ...sym, a: b(sym.a) };
    case 'cond':
      return { ...sym, test: b(sym.test), then: b(sym.then), else: b(sym.else) };
    case 'call':
      return { ...sym, args: sym.args.map(b) };
    default:
      return sym;
  }
}
