/**
 * JSON a user wrote (a config, an ASL file, a mock file), read so that every problem can name its
 * line: syntax errors at their line and column rather than a byte offset, duplicate keys rejected
 * where they stand (JSON.parse silently keeps the last one), and the line of any value by its path.
 *
 * JSON.parse decides what is valid JSON; the `yaml` library (JSON is YAML's flow style) only
 * supplies positions and finds duplicate keys, which JSON.parse cannot report; jsonc-parser says
 * where a syntax error is (V8's messages give no position for most of them).
 */
import { createRequire } from 'node:module';
import type { ParseError } from 'jsonc-parser';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';

/** jsonc-parser, required when a text is not valid JSON: valid JSON (nearly every read) never needs it. */
const jsoncParser = () => createRequire(import.meta.url)('jsonc-parser') as typeof import('jsonc-parser');

export type JsonPath = ReadonlyArray<string | number>;

export interface JsonSourceError {
  message: string;
  line: number;
  column: number;
}

export interface JsonSource {
  value: unknown;
  /** The 1-based line and column of the value at `path`, or of its nearest ancestor that exists. */
  position(path: JsonPath): { line: number; column: number };
}

export function parseJsonSource(text: string): { source: JsonSource } | { errors: JsonSourceError[] } {
  const lines = new LineCounter();
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    lines.addNewLine(0);
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') lines.addNewLine(i + 1);
    if (text.trim() === '') return { errors: [{ message: 'is empty: there is no JSON value', ...at(0) }] };
    const scanned: ParseError[] = [];
    const { parse: scanJson, printParseErrorCode } = jsoncParser();
    scanJson(text, scanned, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = scanned[0];
    if (first) return { errors: [{ message: SYNTAX[printParseErrorCode(first.error)] ?? printParseErrorCode(first.error), ...at(first.offset) }] };
    const message = (error as Error).message;
    // V8 gives a position for some errors only ("Unexpected token 'x', "..." is not valid JSON" has none).
    const offset = Number(/at position (\d+)/.exec(message)?.[1] ?? firstErrorOffset(text));
    return { errors: [{ message: message.replace(/ in JSON at position \d+.*$/, '').replace(/, "[\s\S]*" is not valid JSON$/, '').replace(/[\u0000-\u001f]/g, (c) => JSON.stringify(c).slice(1, -1)), ...at(offset) }] };
  }
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const duplicates = doc.errors.filter((e) => e.code === 'DUPLICATE_KEY');
  if (duplicates.length > 0) {
    return { errors: duplicates.map((e) => ({ message: `duplicate key ${keyAt(text, e.pos[0])}: JSON objects must not repeat a key`, ...at(e.pos[0]) })) };
  }
  return { source: { value, position: (path) => at(offsetOf(doc, path)) } };
}

/** jsonc-parser's error codes, said the way a user reads them. */
const SYNTAX: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'not a valid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':'",
  CommaExpected: "expected ','",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'unexpected text after the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'the string is not closed',
  UnexpectedEndOfNumber: 'the number is not complete',
  InvalidUnicode: 'not a valid \\u escape',
  InvalidEscapeCharacter: 'not a valid escape in a string',
  InvalidCharacter: 'a control character (such as a line break) inside a string: write it escaped',
};

function keyAt(text: string, offset: number): string {
  const match = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(offset));
  return match ? match[0] : 'here';
}

/** The source offset of the node at `path` in a YAML (or JSON) document, or of its nearest ancestor that exists. */
export function offsetOf(doc: Document, path: JsonPath): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      offset = rangeStart(node) ?? offset;
    } else break;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  return (node as { range?: [number, number, number] } | null)?.range?.[0];
}

/**
 * Where JSON text first goes wrong, for the errors JSON.parse reports without a position: a
 * recursive-descent reading of the grammar (RFC 8259) that stops at the first character it cannot
 * accept. JSON.parse has already said the text is invalid; this only finds where.
 */
function firstErrorOffset(text: string): number {
  let i = 0;
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    if (text.slice(i, i + word.length) !== word) fail(); // at the word's start: `tru` is wrong as a whole
    i += word.length;
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) (i += k, fail());
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    if (text[i] !== '"') fail();
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '-' || m[0] === '') fail();
    i += m![0].length;
  };
  const value = (): void => {
    space();
    const ch = text[i];
    if (ch === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') fail();
        string();
        space();
        if (text[i] !== ':') fail();
        i++;
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    }
    if (ch === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return number();
    fail();
  };
  try {
    value();
    space();
    return i < text.length ? i : text.length;
  } catch (offset) {
    return Math.min(offset as number, text.length);
  }
}
