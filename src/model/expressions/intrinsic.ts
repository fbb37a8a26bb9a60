/**
 * Parser for intrinsic function calls: `States.Name(arg, ...)` where an argument is a string literal
 * ('...' with \' \{ \} \\ escapes), a number, true/false/null, a path ($, $$, $var) or another call.
 */
import { Memo } from '../memo.js';
import { checkPathSyntax } from './path.js';

export type IntrinsicArg =
  | { kind: 'string'; value: string; raw: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'path'; path: string }
  | IntrinsicCall;

export interface IntrinsicCall {
  kind: 'call';
  name: string;
  args: IntrinsicArg[];
}

export class IntrinsicSyntaxError extends Error {}

/** AWS allows at most 10 nested intrinsic functions in one field. */
export const MAX_NESTING = 10;

/** Parsed calls by text: as for paths, each of a definition's intrinsic calls is parsed once. */
const parsedCalls = new Memo<string, IntrinsicCall>(4096);

export function parseIntrinsic(text: string): IntrinsicCall {
  return parsedCalls.get(text, parseIntrinsicText);
}

function parseIntrinsicText(text: string): IntrinsicCall {
  const parser = new Parser(text);
  parser.skipSpace();
  const call = parser.call(1);
  parser.skipSpace();
  if (!parser.atEnd()) throw new IntrinsicSyntaxError(`unexpected text after the call: '${text.slice(parser.pos)}'`);
  return call;
}

/** Whether a `.$` value is an intrinsic call rather than a path (it starts with a function name). */
export function looksLikeIntrinsic(text: string): boolean {
  return /^\s*States\.[A-Za-z0-9]+\s*\(/.test(text);
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.text[this.pos])) this.pos++;
  }

  fail(message: string): never {
    throw new IntrinsicSyntaxError(`${message} at position ${this.pos} in '${this.text}'`);
  }

  call(depth: number): IntrinsicCall {
    if (depth > MAX_NESTING) this.fail(`more than ${MAX_NESTING} nested intrinsic functions`);
    const match = /^States\.([A-Za-z0-9]+)/.exec(this.text.slice(this.pos));
    if (!match) this.fail('expected an intrinsic function name (States.Xxx)');
    this.pos += match[0].length;
    this.skipSpace();
    if (this.text[this.pos] !== '(') this.fail(`expected '(' after States.${match[1]}`);
    this.pos++;
    const args: IntrinsicArg[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ')') {
      this.pos++;
      return { kind: 'call', name: `States.${match[1]}`, args };
    }
    for (;;) {
      this.skipSpace();
      args.push(this.arg(depth));
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ')') {
        this.pos++;
        return { kind: 'call', name: `States.${match[1]}`, args };
      }
      this.fail(c === undefined ? "missing ')'" : `unexpected '${c}'`);
    }
  }

  arg(depth: number): IntrinsicArg {
    const rest = this.text.slice(this.pos);
    const c = rest[0];
    if (c === "'") return this.string();
    if (c === '$') return { kind: 'path', path: this.path() };
    if (rest.startsWith('States.')) return this.call(depth + 1);
    const number = /^-?(\d+(\.\d+)?([eE][+-]?\d+)?)(?=\s*[,)])/.exec(rest);
    if (number) {
      this.pos += number[0].length;
      return { kind: 'number', value: Number(number[0]) };
    }
    const word = /^(true|false|null)(?=\s*[,)])/.exec(rest);
    if (word) {
      this.pos += word[0].length;
      return word[0] === 'null' ? { kind: 'null' } : { kind: 'boolean', value: word[0] === 'true' };
    }
    return this.fail('expected a string, number, boolean, null, path or intrinsic function');
  }

  string(): IntrinsicArg {
    const start = ++this.pos;
    let value = '';
    while (!this.atEnd()) {
      const c = this.text[this.pos];
      if (c === '\\') {
        const next = this.text[this.pos + 1];
        if (next === undefined) break;
        // \{ and \} stay escaped in `raw` so States.Format can tell them from placeholders.
        value += next;
        this.pos += 2;
        continue;
      }
      if (c === "'") {
        const raw = this.text.slice(start, this.pos);
        this.pos++;
        return { kind: 'string', value, raw };
      }
      value += c;
      this.pos++;
    }
    return this.fail('unterminated string literal');
  }

  /** A path runs to the next top-level ',' or ')'; brackets and quotes inside it are skipped over. */
  path(): string {
    const start = this.pos;
    let depth = 0;
    let quote: string | undefined;
    while (!this.atEnd()) {
      const c = this.text[this.pos];
      if (quote) {
        if (c === '\\') this.pos++;
        else if (c === quote) quote = undefined;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '[' || c === '(') depth++;
      else if (c === ']' || (c === ')' && depth > 0)) depth--;
      else if (depth === 0 && (c === ',' || c === ')')) break;
      this.pos++;
    }
    return this.text.slice(start, this.pos).trim();
  }
}

/**
 * The intrinsic functions AWS has. The executor implements each one (its table is typed by this
 * list), so the validator and the executor agree on what exists.
 */
export const INTRINSIC_FUNCTIONS = [
  'States.Format',
  'States.StringToJson',
  'States.JsonToString',
  'States.Array',
  'States.ArrayPartition',
  'States.ArrayContains',
  'States.ArrayRange',
  'States.ArrayGetItem',
  'States.ArrayLength',
  'States.ArrayUnique',
  'States.Base64Encode',
  'States.Base64Decode',
  'States.Hash',
  'States.JsonMerge',
  'States.MathRandom',
  'States.MathAdd',
  'States.StringSplit',
  'States.UUID',
] as const;

export type IntrinsicFunctionName = (typeof INTRINSIC_FUNCTIONS)[number];

const KNOWN: ReadonlySet<string> = new Set(INTRINSIC_FUNCTIONS);

/** For the static validator: undefined when `text` is a well-formed call of known functions. */
export function checkIntrinsicSyntax(text: string): string | undefined {
  let call: IntrinsicCall;
  try {
    call = parseIntrinsic(text);
  } catch (error) {
    if (error instanceof IntrinsicSyntaxError) return error.message;
    throw error;
  }
  return checkCall(call);
}

function checkCall(call: IntrinsicCall): string | undefined {
  if (!KNOWN.has(call.name)) return `unknown intrinsic function '${call.name}'`;
  for (const arg of call.args) {
    const problem = arg.kind === 'call' ? checkCall(arg) : arg.kind === 'path' ? checkPathSyntax(arg.path) : undefined;
    if (problem) return problem;
  }
  return undefined;
}
