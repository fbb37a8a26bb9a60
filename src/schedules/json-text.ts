/**
 * JSON text → value, with the error wording EventBridge returns for malformed event patterns.
 *
 * EventBridge parses patterns with Jackson and quotes its message verbatim ("Unrecognized token
 * 'this': was expecting (...)\n at [Source: (String)"..."; line: 1, column: 5]"). `JSON.parse` accepts
 * and rejects the same texts (duplicate keys: the last one wins in both) but words its errors
 * differently, so on failure we scan the text once more to describe the first problem as Jackson does.
 */

export interface JsonTextError {
  /** Jackson's message, e.g. `Unrecognized token 'this': was expecting (...)`. */
  message: string;
  line: number;
  column: number;
}

/** Parses `text`; returns the value, or a Jackson-worded error with its 1-based line and column. */
export function parseJsonText(text: string): { value: unknown } | { error: JsonTextError } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { error: describeJsonError(text) };
  }
}

/** `\n at [Source: (String)"<text>"; line: L, column: C]`, as Jackson appends it (text cut at 500 chars). */
export function jacksonLocation(text: string, line: number, column: number): string {
  const shown = text.length > 500 ? `${text.slice(0, 500)}"[truncated ${text.length - 500} chars]` : `${text}"`;
  return `\n at [Source: (String)"${shown}; line: ${line}, column: ${column}]`;
}

/** Line and column (1-based) just after the first token of a valid JSON text, as Jackson reports them. */
export function afterFirstToken(text: string): { line: number; column: number } {
  let i = skipSpace(text, 0);
  const c = text[i];
  if (c === '"') i = endOfString(text, i);
  else if (c === '{' || c === '[') i += 1;
  else while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i += 1;
  return position(text, i);
}

const EXPECTING_VALUE = "was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

function describeJsonError(text: string): JsonTextError {
  const scan = new Scanner(text);
  try {
    scan.value();
    const i = skipSpace(text, scan.i);
    if (i < text.length) return scan.fail(i, `Unexpected character (${charDesc(text[i]!)}): expected end-of-input`);
    return { message: 'Invalid JSON', ...position(text, text.length) };
  } catch (error) {
    if (error instanceof ScanError) return error.detail;
    throw error;
  }
}

class ScanError extends Error {
  constructor(readonly detail: JsonTextError) {
    super(detail.message);
  }
}

class Scanner {
  i = 0;
  constructor(private readonly text: string) {}

  fail(at: number, message: string): never {
    throw new ScanError({ message, ...position(this.text, at) });
  }

  value(): void {
    const t = this.text;
    this.i = skipSpace(t, this.i);
    const c = t[this.i];
    if (c === undefined) this.fail(this.i, `Unexpected end-of-input: ${EXPECTING_VALUE.replace('was expecting', 'expected')}`);
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') {
      this.i = endOfString(t, this.i);
      if (this.i > t.length) this.fail(t.length, 'Unexpected end-of-input: was expecting closing quote for a string value');
      return;
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(t.slice(this.i));
    if (m && m[0].length > 0 && m[0] !== '-') {
      this.i += m[0].length;
      return;
    }
    const word = /^[A-Za-z0-9_$]+/.exec(t.slice(this.i))?.[0];
    if (word === 'true' || word === 'false' || word === 'null') {
      this.i += word.length;
      return;
    }
    if (word) this.fail(this.i + word.length, `Unrecognized token '${word}': ${EXPECTING_VALUE}`);
    this.fail(this.i, `Unexpected character (${charDesc(c)}): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`);
  }

  private object(): void {
    const t = this.text;
    this.i += 1;
    this.i = skipSpace(t, this.i);
    if (t[this.i] === '}') {
      this.i += 1;
      return;
    }
    for (;;) {
      this.i = skipSpace(t, this.i);
      const c = t[this.i];
      if (c === undefined) this.fail(this.i, 'Unexpected end-of-input: expected close marker for Object');
      if (c !== '"') this.fail(this.i, `Unexpected character (${charDesc(c)}): was expecting double-quote to start field name`);
      this.i = endOfString(t, this.i);
      this.i = skipSpace(t, this.i);
      if (t[this.i] !== ':') this.fail(this.i, `Unexpected character (${charDesc(t[this.i] ?? '')}): was expecting a colon to separate field name and value`);
      this.i += 1;
      this.value();
      this.i = skipSpace(t, this.i);
      const d = t[this.i];
      if (d === ',') {
        this.i += 1;
        continue;
      }
      if (d === '}') {
        this.i += 1;
        return;
      }
      if (d === undefined) this.fail(this.i, 'Unexpected end-of-input: expected close marker for Object');
      this.fail(this.i, `Unexpected character (${charDesc(d)}): was expecting comma to separate Object entries`);
    }
  }

  private array(): void {
    const t = this.text;
    this.i += 1;
    this.i = skipSpace(t, this.i);
    if (t[this.i] === ']') {
      this.i += 1;
      return;
    }
    for (;;) {
      this.value();
      this.i = skipSpace(t, this.i);
      const d = t[this.i];
      if (d === ',') {
        this.i += 1;
        continue;
      }
      if (d === ']') {
        this.i += 1;
        return;
      }
      if (d === undefined) this.fail(this.i, 'Unexpected end-of-input: expected close marker for Array');
      this.fail(this.i, `Unexpected character (${charDesc(d)}): was expecting comma to separate Array entries`);
    }
  }
}

function charDesc(c: string): string {
  return `'${c}' (code ${c.codePointAt(0) ?? 0})`;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i += 1;
  return i;
}

/** Index just past the closing quote of the string starting at `i` (text.length + 1 if unterminated). */
function endOfString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j += 1) {
    if (text[j] === '\\') j += 1;
    else if (text[j] === '"') return j + 1;
  }
  return text.length + 1;
}

/** 1-based line and column of the character at index `i` (Jackson counts the column after a token). */
function position(text: string, i: number): { line: number; column: number } {
  const before = text.slice(0, i);
  const line = before.split('\n').length;
  const column = i - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}
