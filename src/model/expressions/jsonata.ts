/**
 * JSONata in ASL: which strings are expressions (`{% %}`), and parsing them as AWS does (its
 * JSONata is 2.0.6). Shared by the validator and the executor, so what validates is what runs.
 */
import { createRequire } from 'node:module';
import type Jsonata from 'jsonata';
import { Memo } from '../memo.js';

// Required, not imported: jsonata is one 300 KB CommonJS file, and an ES import of it first scans
// the whole text for its export names (Node's cjs-module-lexer), which took most of a cold build's
// time spent loading it (about 80 ms of 100). The same module either way.
const jsonata = createRequire(import.meta.url)('jsonata') as typeof Jsonata;

/** Whether a field value is a JSONata expression: a string that starts with `{%` and ends with `%}`. */
export function isJsonataExpression(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 4 && value.startsWith('{%') && value.endsWith('%}');
}

/** The expression inside `{% %}`, as AWS quotes it in causes. */
export function jsonataExpressionText(value: string): string {
  return value.slice(2, -2).trim();
}

/** Compiled expressions by text: a definition's expressions are evaluated over and over. */
const compiled = new Memo<string, Jsonata.Expression>(4096);

/**
 * Compiles and rejects what AWS's JSONata 2.0.6 does not have. Throws the library's error.
 * Without options, once per text; with options (evaluation bounds), afresh: the caller caches.
 */
export function compileJsonata(expression: string, options?: Jsonata.JsonataOptions): Jsonata.Expression {
  if (options) return compileNow(expression, options);
  return compiled.get(expression, (text) => compileNow(text));
}

function compileNow(text: string, options?: Jsonata.JsonataOptions): Jsonata.Expression {
  const expr = jsonata(text, options);
  rejectNewerOperators(expr.ast());
  return expr;
}

/**
 * AWS implements JSONata 2.0.6; the library here is newer and also parses `?:` and `??` (2.1.0),
 * which it rewrites into conditions. Those rewrites are recognisable in the tree.
 */
function rejectNewerOperators(node: unknown, seen = new Set<unknown>()): void {
  if (node === null || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  const n = node as Record<string, unknown>;
  if (n.type === 'condition') {
    // `a ?: b` becomes `a ? a : b` with the very same node (same positions) as condition and then.
    if (n.then !== undefined && JSON.stringify(n.then) === JSON.stringify(n.condition)) throw Object.assign(new Error("The elvis operator '?:' is not supported (JSONata 2.0.6)"), { code: 'S0201' });
    const c = n.condition as { type?: string; procedure?: { value?: string; position?: number } } | undefined;
    if (c?.type === 'function' && c.procedure?.value === 'exists' && c.procedure.position === undefined) {
      throw Object.assign(new Error("The coalescing operator '??' is not supported (JSONata 2.0.6)"), { code: 'S0201' });
    }
  }
  for (const value of Object.values(n)) {
    if (Array.isArray(value)) value.forEach((v) => rejectNewerOperators(v, seen));
    else rejectNewerOperators(value, seen);
  }
}

export function jsonataErrorText(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) {
    const code = (error as { code?: unknown }).code;
    const message = String((error as { message: unknown }).message);
    return typeof code === 'string' ? `${code}: ${message}` : message;
  }
  return String(error);
}

/** For the static validator: undefined when the `{% %}` expression parses, else why not. */
export function checkJsonataSyntax(expressionWithBraces: string): string | undefined {
  if (!isJsonataExpression(expressionWithBraces)) return `a JSONata expression must be written as '{% expression %}'`;
  const expression = jsonataExpressionText(expressionWithBraces);
  if (expression === '') return 'the JSONata expression is empty';
  try {
    compileJsonata(expression);
    return undefined;
  } catch (error) {
    return jsonataErrorText(error);
  }
}

const LINE_BREAK = /[\n\r\u2028\u2029]/;
const STRING_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * The same `{% %}` expression written on one line: a run of whitespace holding a line break becomes
 * one space, a line break inside a string literal becomes its escape (`\n`), so strings keep their
 * content; comments lose their line breaks. asl-validator (run with its defaults in users' CI) only
 * accepts one-line expressions. The result is kept only when JSONata parses it to the same tree as
 * the original (positions aside); otherwise the expression is returned as it was.
 */
export function oneLineJsonata(value: string): string {
  if (!isJsonataExpression(value) || !LINE_BREAK.test(value)) return value;
  const inner = value.slice(2, -2);
  let out = '';
  let quote: string | undefined;
  let comment = false;
  /** Copies the whitespace run starting at `i` (one space if it holds a line break); returns its last index. */
  const whitespace = (i: number): number => {
    let j = i;
    while (j < inner.length && /\s/.test(inner[j]!)) j++;
    const run = inner.slice(i, j);
    out += LINE_BREAK.test(run) ? ' ' : run;
    return j - 1;
  };
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (comment) {
      if (c === '*' && inner[i + 1] === '/') {
        out += '*/';
        i++;
        comment = false;
      } else if (/\s/.test(c)) i = whitespace(i);
      else out += c;
    } else if (quote) {
      if (c === '\\' && quote !== '`') {
        out += c + (inner[i + 1] ?? '');
        i++;
      } else {
        if (c === quote) quote = undefined;
        out += quote !== '`' && STRING_ESCAPES[c] ? STRING_ESCAPES[c] : c;
      }
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
      out += c;
    } else if (c === '/' && inner[i + 1] === '*') {
      comment = true;
      out += '/*';
      i++;
    } else if (/\s/.test(c)) i = whitespace(i);
    else out += c;
  }
  const result = `{%${out}%}`;
  try {
    return sameTree(jsonataExpressionText(value), jsonataExpressionText(result)) ? result : value;
  } catch {
    return value; // it does not parse: the validator says so, on the expression as written
  }
}

function sameTree(a: string, b: string): boolean {
  const tree = (text: string) => JSON.stringify(jsonata(text).ast(), (key, v: unknown) => (key === 'position' ? undefined : v instanceof RegExp ? `/${v.source}/${v.flags}` : v));
  return tree(a) === tree(b);
}
