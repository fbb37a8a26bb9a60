/**
 * The generated module as a small expression tree. One tree is both printed (the TypeScript a
 * user reads) and evaluated against the real DSL (the workflow the printed module will build), so
 * the importer checks its round trip on exactly what it writes, without running a TypeScript
 * compiler.
 */

export type Code =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'object'; entries: Entry[] }
  | { kind: 'array'; items: Code[] }
  /** A name in scope: an import, a declared state, a placeholder value. */
  | { kind: 'name'; name: string }
  | { kind: 'member'; object: Code; property: string }
  | { kind: 'call'; callee: Code; args: Code[] }
  /** A template literal: text with placeholder values in it. */
  | { kind: 'template'; parts: (string | Code)[] }
  /** `value as unknown as Type`: only where a definition our validator rejects needs it to type-check. */
  | { kind: 'cast'; value: Code; type: string }
  /** `(v) => body`: a polling builder's `output` and `pollUntil`'s check arguments, which read the loop's variables. */
  | { kind: 'arrow'; params: string[]; body: Code };

export interface Entry {
  key: string;
  value: Code;
}

/** A top-level statement of the module. */
export type Statement =
  /** `hoisted`: a state declared on its own only because it is long, used once (in a chain). */
  | { kind: 'const'; name: string; value: Code; comment?: string; hoisted?: boolean }
  /** `const { A, 'B.c': bC } = substitutions('A', 'B.c');` */
  | { kind: 'destructure'; bindings: { key: string; name: string }[]; value: Code; comment?: string }
  /** A fragment: `function lambdaStep(name: string, functionName: string) { return ...; }`. */
  | { kind: 'function'; name: string; params: { name: string; type: string }[]; body: Code }
  | { kind: 'export-default'; value: Code };

export const lit = (value: string | number | boolean | null): Code => ({ kind: 'literal', value });
export const name = (n: string): Code => ({ kind: 'name', name: n });
export const member = (object: Code, property: string): Code => ({ kind: 'member', object, property });
export const call = (callee: Code | string, ...args: Code[]): Code => ({ kind: 'call', callee: typeof callee === 'string' ? path(callee) : callee, args });
export const method = (object: Code, property: string, ...args: Code[]): Code => call(member(object, property), ...args);
export const object = (entries: Entry[]): Code => ({ kind: 'object', entries });
export const array = (items: Code[]): Code => ({ kind: 'array', items });
export const arrow = (params: string[], body: Code): Code => ({ kind: 'arrow', params, body });

/** `glue.startJobRun` as a callee. */
export function path(dotted: string): Code {
  const [first, ...rest] = dotted.split('.');
  return rest.reduce<Code>((target, property) => member(target, property), name(first!));
}

/** An object from [key, value] pairs, leaving out undefined values. */
export function props(pairs: [string, Code | undefined][]): Code {
  return object(pairs.filter((p): p is [string, Code] => p[1] !== undefined).map(([key, value]) => ({ key, value })));
}

export function isEmptyObject(code: Code): boolean {
  return code.kind === 'object' && code.entries.length === 0;
}

/** The code directly inside a piece of code. */
export function childrenOf(code: Code): Code[] {
  switch (code.kind) {
    case 'member':
      return [code.object];
    case 'call':
      return [code.callee, ...code.args];
    case 'object':
      return code.entries.map((e) => e.value);
    case 'array':
      return code.items;
    case 'arrow':
      return [code.body];
    case 'cast':
      return [code.value];
    case 'template':
      return code.parts.filter((p): p is Code => typeof p !== 'string');
    default:
      return [];
  }
}

/** The code with `f` applied to each child; the same object where no child changed. */
export function mapChildren(code: Code, f: (child: Code) => Code): Code {
  switch (code.kind) {
    case 'member': {
      const object = f(code.object);
      return object === code.object ? code : { ...code, object };
    }
    case 'call': {
      const callee = f(code.callee);
      const args = code.args.map(f);
      return callee === code.callee && args.every((a, i) => a === code.args[i]) ? code : { ...code, callee, args };
    }
    case 'object': {
      const values = code.entries.map((e) => f(e.value));
      return values.every((v, i) => v === code.entries[i]!.value) ? code : { ...code, entries: code.entries.map((e, i) => ({ key: e.key, value: values[i]! })) };
    }
    case 'array': {
      const items = code.items.map(f);
      return items.every((item, i) => item === code.items[i]) ? code : { ...code, items };
    }
    case 'arrow': {
      const body = f(code.body);
      return body === code.body ? code : { ...code, body };
    }
    case 'cast': {
      const value = f(code.value);
      return value === code.value ? code : { ...code, value };
    }
    case 'template': {
      const parts = code.parts.map((p) => (typeof p === 'string' ? p : f(p)));
      return parts.every((p, i) => p === code.parts[i]) ? code : { ...code, parts };
    }
    default:
      return code;
  }
}

/** The names a piece of code reads (to know what to import and what must be declared first). */
export function namesIn(code: Code, into = new Set<string>()): Set<string> {
  switch (code.kind) {
    case 'name':
      into.add(code.name);
      break;
    case 'member':
      namesIn(code.object, into);
      break;
    case 'call':
      namesIn(code.callee, into);
      code.args.forEach((a) => namesIn(a, into));
      break;
    case 'object':
      code.entries.forEach((e) => namesIn(e.value, into));
      break;
    case 'array':
      code.items.forEach((i) => namesIn(i, into));
      break;
    case 'template':
      code.parts.forEach((p) => typeof p !== 'string' && namesIn(p, into));
      break;
    case 'cast':
      namesIn(code.value, into);
      break;
    case 'arrow': {
      const inner = namesIn(code.body);
      for (const n of inner) if (!code.params.includes(n)) into.add(n);
      break;
    }
  }
  return into;
}

/** The names a statement reads (a fragment's own parameters aside). */
export function statementNames(statement: Statement, into = new Set<string>()): Set<string> {
  if (statement.kind === 'function') {
    for (const n of namesIn(statement.body)) if (!statement.params.some((p) => p.name === n)) into.add(n);
    return into;
  }
  return namesIn(statement.value, into);
}

/** Evaluates code with `scope` giving every name: the DSL's functions and the module's own values. */
export function evaluate(code: Code, scope: ReadonlyMap<string, unknown>): unknown {
  switch (code.kind) {
    case 'literal':
      return code.value;
    case 'name':
      if (!scope.has(code.name)) throw new Error(`import: "${code.name}" is not in scope`);
      return scope.get(code.name);
    case 'member':
      return (evaluate(code.object, scope) as Record<string, unknown>)[code.property];
    case 'call': {
      const target = code.callee.kind === 'member' ? evaluate(code.callee.object, scope) : undefined;
      const fn = code.callee.kind === 'member' ? (target as Record<string, unknown>)[code.callee.property] : evaluate(code.callee, scope);
      if (typeof fn !== 'function') throw new Error(`import: ${describe(code.callee)} is not a function`);
      return (fn as (...args: unknown[]) => unknown).apply(target, code.args.map((a) => evaluate(a, scope)));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      // defineProperty, so a key named __proto__ is a key, as it is in the printed computed key.
      for (const { key, value } of code.entries) Object.defineProperty(out, key, { value: evaluate(value, scope), enumerable: true, writable: true, configurable: true });
      return out;
    }
    case 'array':
      return code.items.map((i) => evaluate(i, scope));
    case 'template':
      return code.parts.map((p) => (typeof p === 'string' ? p : String(evaluate(p, scope)))).join('');
    case 'cast':
      return evaluate(code.value, scope);
    case 'arrow':
      return (...args: unknown[]) => evaluate(code.body, withParams(scope, code.params, args));
  }
}

/** The scope a function body runs in: the module's names, then its parameters. */
export function withParams(scope: ReadonlyMap<string, unknown>, params: string[], args: unknown[]): Map<string, unknown> {
  const inner = new Map(scope);
  params.forEach((p, i) => inner.set(p, args[i]));
  return inner;
}

function describe(code: Code): string {
  return code.kind === 'name' ? code.name : code.kind === 'member' ? `${describe(code.object)}.${code.property}` : code.kind;
}
