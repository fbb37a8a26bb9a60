/**
 * Symbolic values written into the YAML: literals as they are (kept inert to Jinja and to
 * dag-factory's `$VAR` expansion), everything else as a Jinja template, and what cannot be written
 * as a template that fails loudly when rendered (COMPARISON.md says why).
 */
import type { JsonValue } from '../model/asl.js';
import { jinja, pythonOnly, whyOpaque, type Sym } from './sym.js';

/** An undefined name: Airflow renders templates with StrictUndefined, so the task fails instead of sending something else. */
export const NOT_EXPRESSIBLE_TEMPLATE = '{{ stepwright_not_expressible_see_COMPARISON_md }}';

/** Why a value cannot be a template, if it cannot. */
export function whyNotTemplate(sym: Sym): string | undefined {
  return whyOpaque(sym) ?? pythonOnly(sym);
}

/** A value for YAML: literals as they are, the rest as a template (failing loudly if it cannot be one). */
export function render(sym: Sym): { value: JsonValue; why?: string } {
  const why = whyNotTemplate(sym);
  if (why) return { value: NOT_EXPRESSIBLE_TEMPLATE, why };
  if (sym.k === 'lit') return { value: escapeLiteral(sym.v) };
  if (sym.k === 'obj') {
    const out: Record<string, JsonValue> = {};
    for (const [key, v] of sym.entries) out[key] = render(v).value;
    return { value: out };
  }
  if (sym.k === 'arr') return { value: sym.items.map((v) => render(v).value) };
  return { value: `{{ ${jinja(sym)} }}` };
}

/** The value as JSON text rendered by a template (for a helper's string parameter). */
export function jsonTemplate(sym: Sym): string {
  return `{{ ${jinja({ k: 'call', fn: 'tojson', args: [sym] })} }}`;
}

/** A template, or a fallback literal when the value cannot be one. */
export function templateOr(sym: Sym, fallback: string): JsonValue {
  if (whyNotTemplate(sym)) return fallback;
  return render(sym).value;
}

/** Literal text with Jinja markers or `$NAME` (dag-factory expands environment variables) kept literal. */
export function escapeLiteral(v: JsonValue): JsonValue {
  if (typeof v === 'string') {
    let out = /\{\{|\{%|\{#/.test(v) ? `{% raw %}${v}{% endraw %}` : v;
    if (/\$(\w|\{)/.test(out)) out = out.replace(/\$(?=[\w{])/g, "{{ '$' }}");
    return out;
  }
  if (Array.isArray(v)) return v.map(escapeLiteral);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([key, value]) => [key, escapeLiteral(value)]));
  return v;
}

/**
 * JSON text whose strings have `$ { } %` escaped (\u0024...): neither dag-factory's $VAR expansion
 * nor Jinja touches it, and json.loads reads the same value. (The structure's own braces never form
 * a Jinja marker: JSON puts a quote or a closing brace after an opening one.)
 */
export function inertJson(value: JsonValue): string {
  const marked = (v: JsonValue): JsonValue => {
    if (typeof v === 'string') return v.replace(/[${}%]/g, (c) => String.fromCharCode(0xe000 + c.charCodeAt(0)));
    if (Array.isArray(v)) return v.map(marked);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([key, item]) => [marked(key) as string, marked(item)]));
    return v;
  };
  return JSON.stringify(marked(value)).replace(/[\ue000-\ue0ff]/g, (c) => `\\u${(c.charCodeAt(0) - 0xe000).toString(16).padStart(4, '0')}`);
}
