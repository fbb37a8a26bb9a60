/**
 * Prints the code tree as formatted TypeScript: single quotes, two-space indents, trailing commas
 * where a list breaks, lines kept within WIDTH where a break can do it, method chains one call a
 * line once they do not fit. A small Wadler-style printer (as Prettier's core), written here
 * because Prettier is a large dependency to format one kind of file; the rules are Prettier's
 * defaults, so users who run it see few changes.
 */
import type { Code, Statement } from './code.js';

const WIDTH = 120;

type Doc = string | Doc[] | { group: Doc } | { indent: Doc } | { line: 'space' | 'soft' | 'hard' } | { ifBreak: Doc; flat: Doc };

const line: Doc = { line: 'space' };
const softline: Doc = { line: 'soft' };
const hardline: Doc = { line: 'hard' };
const group = (doc: Doc): Doc => ({ group: doc });
const indent = (doc: Doc): Doc => ({ indent: doc });
const ifBreak = (broken: Doc, flat: Doc = ''): Doc => ({ ifBreak: broken, flat });

function join(separator: Doc, docs: Doc[]): Doc[] {
  return docs.flatMap((d, i) => (i === 0 ? [d] : [separator, d]));
}

// ---------------------------------------------------------------- layout

type Mode = 'flat' | 'break';

function render(doc: Doc): string {
  let out = '';
  let column = 0;
  const stack: [number, Mode, Doc][] = [[0, 'break', doc]];
  while (stack.length > 0) {
    const [ind, mode, d] = stack.pop()!;
    if (typeof d === 'string') {
      out += d;
      const nl = d.lastIndexOf('\n');
      column = nl < 0 ? column + d.length : d.length - nl - 1;
    } else if (Array.isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) stack.push([ind, mode, d[i]!]);
    } else if ('group' in d) {
      const flat = mode === 'flat' || fits([ind, 'flat', d.group], stack, WIDTH - column);
      stack.push([ind, flat ? 'flat' : 'break', d.group]);
    } else if ('indent' in d) {
      stack.push([ind + 2, mode, d.indent]);
    } else if ('ifBreak' in d) {
      stack.push([ind, mode, mode === 'break' ? d.ifBreak : d.flat]);
    } else if (d.line === 'hard' || mode === 'break') {
      out = out.replace(/ +$/, '') + '\n' + ' '.repeat(ind);
      column = ind;
    } else if (d.line === 'space') {
      out += ' ';
      column++;
    }
  }
  return out;
}

/**
 * Whether `next` fits flat in `width`, counting what follows it up to the next line break. A hard
 * line or a multi-line string inside `next` never fits flat (its groups must break, as in Prettier).
 */
function fits(next: [number, Mode, Doc], rest: [number, Mode, Doc][], width: number): boolean {
  const todo: [Mode, Doc][] = [[next[1], next[2]]];
  let restIndex = rest.length - 1;
  let inRest = false;
  while (width >= 0) {
    if (todo.length === 0) {
      if (restIndex < 0) return true;
      const [, mode, doc] = rest[restIndex--]!;
      todo.push([mode, doc]);
      inRest = true;
      continue;
    }
    const [mode, d] = todo.pop()!;
    if (typeof d === 'string') {
      if (d.includes('\n')) return inRest && width - d.indexOf('\n') >= 0;
      width -= d.length;
    } else if (Array.isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) todo.push([mode, d[i]!]);
    } else if ('group' in d) {
      todo.push([mode, d.group]);
    } else if ('indent' in d) {
      todo.push([mode, d.indent]);
    } else if ('ifBreak' in d) {
      todo.push([mode, mode === 'break' ? d.ifBreak : d.flat]);
    } else if (d.line === 'hard') {
      return inRest;
    } else if (mode === 'break') {
      return true;
    } else if (d.line === 'space') {
      width -= 1;
    }
  }
  return false;
}

// ---------------------------------------------------------------- TypeScript

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function stringLiteral(text: string): string {
  if (text.includes('\n') && !text.includes('\r')) {
    return `\`${text.replace(/[\\`]/g, (c) => `\\${c}`).replace(/\$\{/g, '\\${')}\``;
  }
  const json = JSON.stringify(text).slice(1, -1);
  // As Prettier: single quotes, unless the text has more of them than double quotes.
  if (text.includes("'") && (text.match(/'/g)?.length ?? 0) > (text.match(/"/g)?.length ?? 0)) return `"${json}"`;
  return `'${json.replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

function keyDoc(key: string): string {
  if (key === '__proto__') return `['__proto__']`;
  return IDENTIFIER.test(key) ? key : stringLiteral(key);
}

function numberText(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

function list(open: string, items: Doc[], close: string, spaced: boolean): Doc {
  if (items.length === 0) return `${open}${close}`;
  return group([open, indent([spaced ? line : softline, join([',', line], items), ifBreak(',')]), spaced ? line : softline, close]);
}

/** `a.b(x).c(y)`: the calls of a method chain, from the innermost target out. */
function chainOf(code: Code): { head: Code; calls: { property: string; args: Code[] }[] } {
  const calls: { property: string; args: Code[] }[] = [];
  let current = code;
  while (current.kind === 'call' && current.callee.kind === 'member' && current.callee.object.kind === 'call') {
    calls.unshift({ property: current.callee.property, args: current.args });
    current = current.callee.object;
  }
  return { head: current, calls };
}

export function codeDoc(code: Code): Doc {
  switch (code.kind) {
    case 'literal':
      return code.value === null ? 'null' : typeof code.value === 'string' ? stringLiteral(code.value) : typeof code.value === 'number' ? numberText(code.value) : String(code.value);
    case 'name':
      return code.name;
    case 'member':
      return [codeDoc(code.object), '.', code.property];
    case 'object':
      // `{ name }` for `{ name: name }`, as people write it (a fragment's parameters).
      return list('{', code.entries.map((e) => (e.value.kind === 'name' && e.value.name === e.key ? e.key : [keyDoc(e.key), ': ', codeDoc(e.value)])), '}', true);
    case 'array':
      return list('[', code.items.map(codeDoc), ']', false);
    case 'template':
      return `\`${code.parts.map((p) => (typeof p === 'string' ? p.replace(/[\\`]/g, (c) => `\\${c}`).replace(/\$\{/g, '\\${') : `\${${flat(codeDoc(p))}}`)).join('')}\``;
    case 'cast':
      return [codeDoc(code.value), ` as unknown as ${code.type}`];
    case 'arrow': {
      const body = codeDoc(code.body);
      return [`(${code.params.join(', ')}) => `, code.body.kind === 'object' ? ['(', body, ')'] : body];
    }
    case 'call': {
      const { head, calls } = chainOf(code);
      if (calls.length === 0) return [codeDoc(code.callee), callArgs(code.args)];
      const headDoc = head.kind === 'call' ? [codeDoc(head.callee), callArgs(head.args)] : codeDoc(head);
      const links = calls.map((c) => ['.', c.property, callArgs(c.args)]);
      // One call a line once the chain has more than two links or does not fit.
      if (calls.length <= 2) return group([headDoc, indent([softline, join(softline, links)])]);
      return [headDoc, indent([hardline, join(hardline, links)])];
    }
  }
}

function callArgs(args: Code[]): Doc {
  if (args.length === 0) return '()';
  // A single multi-line text (a long JSONata expression) stays in the parentheses: expr(`...`).
  if (args.length === 1 && args[0]!.kind === 'literal' && typeof args[0]!.value === 'string' && args[0]!.value.includes('\n')) return ['(', codeDoc(args[0]!), ')'];
  const last = args[args.length - 1]!;
  const others = args.slice(0, -1);
  const short = others.every((a) => a.kind === 'literal' || a.kind === 'name' || a.kind === 'member' || (a.kind === 'call' && a.args.length === 0));
  const huggable = (last.kind === 'object' && last.entries.length > 0) || (last.kind === 'array' && last.items.length > 0);
  if (short && huggable && others.every((a) => !(a.kind === 'literal' && typeof a.value === 'string' && a.value.includes('\n')))) {
    // As Prettier: a last object or array argument hugs the parentheses when the others are short.
    return ['(', ...others.flatMap((a) => [codeDoc(a), ', ']), codeDoc(last), ')'];
  }
  return list('(', args.map(codeDoc), ')', false);
}

/** How long the code is on one line (to decide what to declare on its own). */
export function flatLength(code: Code): number {
  return flat(codeDoc(code)).length;
}

/** A doc on one line (template literal substitutions). */
function flat(doc: Doc): string {
  if (typeof doc === 'string') return doc;
  if (Array.isArray(doc)) return doc.map(flat).join('');
  if ('group' in doc) return flat(doc.group);
  if ('indent' in doc) return flat(doc.indent);
  if ('ifBreak' in doc) return flat(doc.flat);
  return doc.line === 'space' ? ' ' : '';
}

function commentDoc(comment: string | undefined): Doc {
  if (!comment) return '';
  return [join(hardline, comment.split('\n').map((l) => `// ${l}`.trimEnd())), hardline];
}

export function statementText(statement: Statement): string {
  switch (statement.kind) {
    case 'const':
      return render([commentDoc(statement.comment), `const ${statement.name} = `, codeDoc(statement.value), ';']);
    case 'destructure': {
      const bindings = statement.bindings.map((b) => (b.key === b.name ? b.name : `${keyDoc(b.key)}: ${b.name}`));
      return render([commentDoc(statement.comment), 'const ', list('{', bindings, '}', true), ' = ', codeDoc(statement.value), ';']);
    }
    case 'function': {
      const params = statement.params.map((p) => `${p.name}: ${p.type}`).join(', ');
      return render([`function ${statement.name}(${params}) {`, indent([hardline, 'return ', codeDoc(statement.body), ';']), hardline, '}']);
    }
    case 'export-default':
      return render(['export default ', codeDoc(statement.value), ';']);
  }
}

/** A whole module: a header comment, the imports, then the statements, a blank line between each. */
export function moduleText(header: string, imports: string[], statements: Statement[]): string {
  const importLine = render(['import ', list('{', [...imports].sort(), '}', true), " from 'stepwright';"]);
  const head = header ? `${header.split('\n').map((l, i, all) => (i === 0 ? `/**\n * ${l}` : ` * ${l}`) + (i === all.length - 1 ? '\n */' : '')).join('\n').replace(/ +\n/g, '\n')}\n` : '';
  return `${head}${importLine}\n\n${statements.map(statementText).join('\n\n')}\n`;
}
