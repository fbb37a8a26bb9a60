/**
 * JSONata in ASL: which strings are expressions (`{% %}`), and parsing them as AWS does (its
 * JSONata is 2.0.6). Shared by the validator and the executor, so what validates is what runs.
 */
import jsonata from 'jsonata';
import { Memo } from '../memo.js';

/** Whether a field value is a JSONata expression: a string that starts with `{%` and ends with `%}`. */
export function isJsonataExpression(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 4 && value.startsWith('{%') && value.endsWith('%}');
}

/** The expression inside `{% %}`, as AWS quotes it in causes. */
export function jsonataExpressionText(value: string): string {
  return value.slice(2, -2).trim();
}

/** Compiled expressions by text: a definition's expressions are evaluated over and over. */
const compiled = new Memo<string, jsonata.Expression>(4096);

/**
 * Compiles and rejects what AWS's JSONata 2.0.6 does not have. Throws the library's error.
 * Without options, once per text; with options (evaluation bounds), afresh: the caller caches.
 */
export function compileJsonata(expression: string, options?: jsonata.JsonataOptions): jsonata.Expression {
  if (options) return compileNow(expression, options);
  return compiled.get(expression, (text) => compileNow(text));
}

function compileNow(text: string, options?: jsonata.JsonataOptions): jsonata.Expression {
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
