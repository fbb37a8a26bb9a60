/**
 * Parsing of the paths ASL accepts in JSONPath states: `$` (state data), `$$` (context object),
 * `$name` (a variable), each followed by JSONPath segments. Definite segments (`.a`, `['a']`, `[0]`)
 * are walked by hand because AWS's error causes name the failing segment the way Jayway JsonPath
 * (the Java library AWS runs) prints it, e.g. `$['a']['b']`; anything else (wildcards, filters,
 * slices, deep scan, unions) is handed to jsonpath-plus as a whole.
 */

import { JSONPath } from 'jsonpath-plus';
import { Memo } from '../memo.js';

export type PathRoot = { kind: 'data' } | { kind: 'context' } | { kind: 'variable'; name: string };

export type Segment = { kind: 'property'; name: string } | { kind: 'index'; index: number };

export interface ParsedPath {
  root: PathRoot;
  /** Definite segments; undefined when the path is indefinite (see `rest`). */
  segments: Segment[] | undefined;
  /** The JSONPath after the root, rewritten to start at `$` (for jsonpath-plus). */
  rest: string;
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export class PathSyntaxError extends Error {}

/**
 * Parsed paths by text. A definition has a fixed set of paths evaluated over and over (once per
 * Map item, per retry), so each is parsed once; the parsed form is only read, never changed.
 */
const parsedPaths = new Memo<string, ParsedPath>(4096);

export function parsePath(path: string): ParsedPath {
  return parsedPaths.get(path, parsePathText);
}

function parsePathText(path: string): ParsedPath {
  if (typeof path !== 'string' || !path.startsWith('$')) throw new PathSyntaxError(`a path must start with '$': '${String(path)}'`);
  let root: PathRoot;
  let offset: number;
  if (path.startsWith('$$')) {
    root = { kind: 'context' };
    offset = 2;
  } else {
    const name = VARIABLE_NAME.exec(path.slice(1));
    if (name) {
      root = { kind: 'variable', name: name[0] };
      offset = 1 + name[0].length;
    } else {
      root = { kind: 'data' };
      offset = 1;
    }
  }
  // Jayway (AWS's JSONPath) reads `.[` as `[`: `$.[0]` and `$.a.[0].b` appear in deployed definitions.
  const tail = withoutDotBeforeBracket(path.slice(offset));
  if (tail !== '' && !tail.startsWith('.') && !tail.startsWith('[')) {
    throw new PathSyntaxError(`unexpected '${tail[0]}' after '${path.slice(0, offset)}' in '${path}'`);
  }
  if (tail.endsWith('.') || tail.includes('...')) throw new PathSyntaxError(`'${path}' ends without a property name`);
  return { root, segments: parseDefiniteSegments(tail), rest: `$${tail}` };
}

function withoutDotBeforeBracket(tail: string): string {
  let out = '';
  let quote: string | undefined;
  let depth = 0;
  for (let i = 0; i < tail.length; i++) {
    const c = tail[i]!;
    if (quote) {
      if (c === '\\') out += c + (tail[++i] ?? '');
      else {
        if (c === quote) quote = undefined;
        out += c;
      }
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    if (c === '.' && depth === 0 && tail[i + 1] === '[' && tail[i - 1] !== '.') continue;
    out += c;
  }
  return out;
}

/** Segments of a definite tail, or undefined when the tail uses any indefinite construct. */
function parseDefiniteSegments(tail: string): Segment[] | undefined {
  const segments: Segment[] = [];
  let i = 0;
  while (i < tail.length) {
    const c = tail[i];
    if (c === '.') {
      if (tail[i + 1] === '.') return undefined; // deep scan
      let j = i + 1;
      while (j < tail.length && tail[j] !== '.' && tail[j] !== '[') j++;
      const name = tail.slice(i + 1, j);
      if (name === '') throw new PathSyntaxError(`empty property name in '$${tail}'`);
      if (name === '*') return undefined;
      if (name.includes('(') ) return undefined; // Jayway functions such as length()
      segments.push({ kind: 'property', name });
      i = j;
    } else if (c === '[') {
      const close = findBracketEnd(tail, i);
      const inner = tail.slice(i + 1, close).trim();
      const quoted = /^'((?:[^'\\]|\\.)*)'$|^"((?:[^"\\]|\\.)*)"$/.exec(inner);
      if (quoted) {
        // Only the quote itself is escaped: AWS reads `$['a\"b']` as the key `a\"b`.
        const name = quoted[1] !== undefined ? quoted[1].replace(/\\'/g, "'") : quoted[2].replace(/\\"/g, '"');
        segments.push({ kind: 'property', name });
      } else if (/^-?\d+$/.test(inner)) {
        segments.push({ kind: 'index', index: Number(inner) });
      } else if (inner === '') {
        throw new PathSyntaxError(`empty brackets in '$${tail}'`);
      } else {
        validateIndefiniteBracket(inner, tail);
        return undefined;
      }
      i = close + 1;
    } else {
      throw new PathSyntaxError(`unexpected '${c}' in '$${tail}'`);
    }
  }
  return segments;
}

function findBracketEnd(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  throw new PathSyntaxError(`unclosed '[' in '$${text}'`);
}

function validateIndefiniteBracket(inner: string, tail: string): void {
  if (inner === '*') return;
  if (/^\?\(.*\)$/s.test(inner)) return; // filter
  if (/^\(.*\)$/s.test(inner)) return; // script, e.g. [(@.length-1)]
  if (/^-?\d*:-?\d*(:-?\d*)?$/.test(inner)) return; // slice
  if (/^\s*(-?\d+|'[^']*'|"[^"]*")(\s*,\s*(-?\d+|'[^']*'|"[^"]*"))+\s*$/.test(inner)) return; // union
  throw new PathSyntaxError(`unsupported bracket expression '[${inner}]' in '$${tail}'`);
}

/** How Jayway JsonPath prints a definite path in its messages: `$['a'][0]`. */
export function jaywayPath(segments: readonly Segment[]): string {
  return '$' + segments.map((s) => (s.kind === 'property' ? `['${s.name}']` : `[${s.index}]`)).join('');
}

/** For the static validator: undefined when `path` is a usable path, else why not. */
export function checkPathSyntax(path: string): string | undefined {
  try {
    const parsed = parsePath(path);
    // Indefinite paths go through jsonpath-plus's parser, except script brackets ([(@.length-1)]):
    // jsonpath-plus evaluates those as it goes, so on empty data they fail without being wrong.
    if (!parsed.segments && !parsed.rest.includes('[(')) JSONPath({ path: parsed.rest, json: {}, wrap: true });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
