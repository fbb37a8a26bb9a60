/**
 * Fragments for repeated shapes. Where the module writes the same group of states more than once,
 * differing only in names and values (three Lambda tasks with one retry and catch, each calling its
 * own function), the group becomes a function parameterised by what differs, called once per use:
 * `lambdaState('FirstLambdaState', 'arn:...:FirstLambdaArn')`.
 *
 * Only values at positions that take any text, number or boolean become parameters (slots.ts), so
 * the module type-checks as before; and a fragment is made only where it removes more repeated
 * code than it adds. The caller checks that the module still builds the same definition byte for
 * byte.
 */
import { call, childrenOf, lit, mapChildren, name as nameCode, namesIn, statementNames, type Code, type Statement } from './code.js';
import { flatLength, statementText } from './print.js';
import { calleePath, headCall, isStates, STATES, walk, type Slot } from './slots.js';
import { requestShapeOf } from './builders.js';
import { HOIST_ABOVE } from './structure.js';

/** At most this many parameters: more, and the calls read worse than the states written out. */
const MAX_PARAMS = 4;
/** What the uses share must be more than a line of code... */
const MIN_REPEATED = 100;
/** ...and the module must be this many lines shorter with the fragment than without. */
const MIN_LINES_SAVED = 3;
/** A fragment's call stays in its chain up to this length, where a state would be declared on its own. */
const INLINE_CALLS_UP_TO = 100;

interface Candidate {
  code: Code;
  key: string;
  slots: Slot[];
  /** Which statement holds it, and the candidates it sits inside. */
  statement: number;
  ancestors: Set<Code>;
}

/** Every state expression of the module, with its shape. */
function candidates(roots: (Code | undefined)[], texts: ReadonlySet<string>): Candidate[] {
  const out: Candidate[] = [];
  const visit = (code: Code, statement: number, ancestors: Set<Code>) => {
    let inner = ancestors;
    if (isStates(code)) {
      const slots: Slot[] = [];
      const { key } = walk(code, 'code', 'value', { onSlot: (slot) => (slots.push(slot), slot.code), texts });
      out.push({ code, key, slots, statement, ancestors });
      inner = new Set([...ancestors, code]);
    }
    for (const child of childrenOf(code)) visit(child, statement, inner);
  };
  roots.forEach((root, i) => root && visit(root, i, new Set()));
  return out;
}

interface Fragment {
  members: Candidate[];
  /** The slots that differ between members: the parameters. */
  params: number[];
  /** How many lines shorter it makes the module (estimated from each use alone). */
  saving: number;
}

/**
 * The module with a function for each repeated shape worth one, or the same statements when there
 * is none. `names` gives identifiers no other declaration takes.
 */
export function fragments(statements: Statement[], names: { claim(identifier: string): string; taken(identifier: string): boolean }): Statement[] {
  // A state declared on its own only because it is long is looked at where it is used, so a
  // repeated chain is seen whole; what is still long afterwards is declared on its own again.
  const hoisted = new Map<string, Code>();
  // Placeholder values (`substitutions(...)`) are text too: `FunctionName: ValidateFunctionArn` may differ.
  const texts = new Set(statements.flatMap((s) => (s.kind === 'destructure' ? s.bindings.map((b) => b.name) : [])));
  for (const s of statements) if (s.kind === 'const' && s.hoisted) hoisted.set(s.name, s.value);
  const origin = new Map<Code, string>();
  const expanded = new Map<string, Code>();
  const expand = (code: Code): Code => {
    if (code.kind === 'name' && hoisted.has(code.name)) {
      if (!expanded.has(code.name)) {
        const value = expand(hoisted.get(code.name)!);
        origin.set(value, code.name);
        expanded.set(code.name, value);
      }
      return expanded.get(code.name)!;
    }
    return mapChildren(code, expand);
  };
  const roots = statements.map((s) => (s.kind === 'const' && !s.hoisted) || s.kind === 'export-default' ? expand(s.value) : undefined);

  const groups = new Map<string, Candidate[]>();
  for (const c of candidates(roots, texts)) groups.set(c.key, [...(groups.get(c.key) ?? []), c]);
  const worth: Fragment[] = [];
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const first = members[0]!;
    const same = (a: Slot, b: Slot) => JSON.stringify(a.code) === JSON.stringify(b.code);
    const differ = first.slots.map((_, i) => i).filter((i) => members.some((m) => !same(m.slots[i]!, first.slots[i]!)));
    if (differ.length > MAX_PARAMS) continue;
    // The state's name first, as the DSL's own calls take it.
    const params = [...differ.filter((i) => first.slots[i]!.hint === 'name'), ...differ.filter((i) => first.slots[i]!.hint !== 'name')];
    const repeated = flatLength(first.code) - params.reduce((n, i) => n + flatLength(first.slots[i]!.code), 0);
    if (repeated < MIN_REPEATED) continue;
    const saving = linesSaved(members, params, texts);
    if (saving >= MIN_LINES_SAVED) worth.push({ members, params, saving });
  }
  if (worth.length === 0) return statements;

  // The largest savings first; a fragment never overlaps one already made.
  worth.sort((a, b) => b.saving - a.saving || a.members[0]!.statement - b.members[0]!.statement);
  const chosen: Fragment[] = [];
  const taken = new Set<Code>();
  for (const fragment of worth) {
    const overlaps = fragment.members.some((m) => taken.has(m.code) || [...m.ancestors].some((a) => taken.has(a)) || chosen.some((f) => f.members.some((c) => c.ancestors.has(m.code))));
    if (overlaps) continue;
    chosen.push(fragment);
    for (const m of fragment.members) taken.add(m.code);
  }

  const made = chosen.map((fragment) => makeFragment(fragment, names, texts));
  const assemble = (kept: Made[]) => assembleModule(statements, roots, origin, kept);
  const length = (module: Statement[]) => module.map(statementText).join('\n\n').split('\n').length;
  // The estimate above looks at each use alone; a fragment stays only if the module as printed is shorter with it.
  let kept = made;
  for (const fragment of [...made].reverse()) {
    const without = kept.filter((k) => k !== fragment);
    if (length(assemble(without)) - length(assemble(kept)) < MIN_LINES_SAVED) kept = without;
  }
  return kept.length > 0 ? assemble(kept) : statements;
}

interface Made {
  /** The function. */
  statement: Statement & { kind: 'function' };
  /** Each use → its call. */
  calls: Map<Code, Code>;
}

/** A fragment's function, its parameters named after the fields they fill, and the call for each use. */
function makeFragment(fragment: Fragment, names: { claim(identifier: string): string; taken(identifier: string): boolean }, texts: ReadonlySet<string>): Made {
  const first = fragment.members[0]!;
  // "Create report" and "Create report 2" share all of the first's name: createReportStep, not createReport2.
  const base = fragmentName(fragment.members.map((m) => m.code));
  const functionName = names.claim(names.taken(base) ? `${base}Step` : base);
  const avoid = new Set([...namesIn(first.code), functionName]);
  const paramNames = fragment.params.map((i, n) => {
    // The first state's name is `name`; another's is named by what its values share: recordName.
    const hint = first.slots[i]!.hint;
    const shared = hint === 'name' && n > 0 ? sharedWords(fragment.members.map((m) => textOf(m.slots[i]!.code))) : [];
    const name = shared.length > 0 ? uniqueName(identifier(`${shared.join(' ')} name`), avoid) : paramName(hint, avoid);
    avoid.add(name);
    return name;
  });
  let slot = 0;
  const body = walk(first.code, 'code', 'value', {
    onSlot: (s) => {
      const index = fragment.params.indexOf(slot++);
      return index < 0 ? s.code : nameCode(paramNames[index]!);
    },
    texts,
  }).code;
  const params = fragment.params.map((i, n) => ({ name: paramNames[n]!, type: first.slots[i]!.type }));
  const calls = new Map(fragment.members.map((m) => [m.code, call(functionName, ...fragment.params.map((i) => m.slots[i]!.code))] as const));
  return { statement: { kind: 'function', name: functionName, params, body }, calls };
}

/**
 * The module with each use replaced by its call; what is still long is declared on its own again,
 * where it was; each function goes just before its first use.
 */
function assembleModule(statements: Statement[], roots: (Code | undefined)[], origin: Map<Code, string>, fragments: Made[]): Statement[] {
  const replacements = new Map(fragments.flatMap((f) => [...f.calls]));
  const rebuild = (code: Code): Code => {
    const replaced = replacements.get(code);
    if (replaced) {
      // A call is short enough to stay in its chain, unless its arguments are very long.
      if (origin.has(code) && flatLength(replaced) > INLINE_CALLS_UP_TO) origin.set(replaced, origin.get(code)!);
      return replaced;
    }
    const next = mapChildren(code, rebuild);
    if (next !== code && origin.has(code)) origin.set(next, origin.get(code)!);
    return next;
  };
  const declared = new Map<string, Code>();
  const rehoist = (code: Code): Code => {
    const inner = mapChildren(code, rehoist);
    const name = origin.get(code);
    if (name === undefined || flatLength(inner) <= HOIST_ABOVE) return inner;
    declared.set(name, inner);
    return nameCode(name);
  };
  const values = roots.map((root) => (root === undefined ? undefined : rehoist(rebuild(root))));
  const out: Statement[] = [];
  statements.forEach((statement, i) => {
    if (statement.kind === 'const' && statement.hoisted) {
      const value = declared.get(statement.name);
      if (value) out.push({ ...statement, value });
    } else if (statement.kind === 'const' || statement.kind === 'export-default') out.push({ ...statement, value: values[i]! });
    else out.push(statement);
  });
  for (const { statement: fn } of fragments) {
    const at = out.findIndex((s) => s.kind !== 'function' && statementNames(s).has(fn.name));
    out.splice(at < 0 ? out.length - 1 : at, 0, fn);
  }
  return out;
}

/**
 * A fragment's name, from what its states' names share ("FirstLambdaState", "SecondLambdaState"
 * → lambdaState), else from the call it makes (lambda.invoke → lambdaInvoke).
 */
function fragmentName(members: Code[]): string {
  const shared = sharedWords(members.map((m) => stateNameOf(m) ?? ''));
  if (shared.length > 0) return identifier(shared.join(' '));
  const head = headCall(members[0]!)!;
  const callee = calleePath(head.callee) ?? 'states';
  if (callee === 'awsSdk' && head.args[1]?.kind === 'literal') return identifier(String(head.args[1].value));
  return identifier(STATES.has(callee) ? `${callee} step` : callee.replace(/\./g, ' '));
}

/** The words every name starts or ends with: "Export orders", "Export refunds" → Export. */
function sharedWords(texts: string[]): string[] {
  const names = texts.map(words);
  const shortest = Math.min(...names.map((n) => n.length));
  const lower = names.map((n) => n.map((w) => w.toLowerCase()));
  let suffix = 0;
  while (suffix < shortest && lower.every((n) => n[n.length - 1 - suffix] === lower[0]![lower[0]!.length - 1 - suffix])) suffix++;
  let prefix = 0;
  while (prefix < shortest && lower.every((n) => n[prefix] === lower[0]![prefix])) prefix++;
  if (prefix + suffix > shortest) suffix = shortest - prefix;
  return [...names[0]!.slice(0, prefix), ...names[0]!.slice(names[0]!.length - suffix)];
}

/** The name of the state a piece of code starts with: the first argument, or the `name` option (awsSdk, polling loops). */
function stateNameOf(code: Code): string | undefined {
  const head = headCall(code);
  if (!head) return undefined;
  const callee = calleePath(head.callee) ?? '';
  const options = callee === 'awsSdk' ? head.args[3] : STATES.has(callee) || requestShapeOf(callee) ? undefined : head.args[head.args.length - 1];
  const named = options?.kind === 'object' ? options.entries.find((e) => e.key === 'name')?.value : head.args[0];
  return named?.kind === 'literal' && typeof named.value === 'string' ? named.value : undefined;
}

/** Lines the uses take written out, less the lines of the function and its calls (as printed). */
function linesSaved(members: Candidate[], params: number[], texts: ReadonlySet<string>): number {
  const lines = (statement: Statement) => statementText(statement).split('\n').length + 1; // and a blank line
  let slot = 0;
  const body = walk(members[0]!.code, 'code', 'value', { onSlot: (s) => (params.includes(slot++) ? nameCode(`p${params.indexOf(slot - 1)}`) : s.code), texts }).code;
  const fn = lines({ kind: 'function', name: 'fragment', params: params.map((i, n) => ({ name: `p${n}`, type: members[0]!.slots[i]!.type })), body });
  const written = members.reduce((n, m) => n + lines({ kind: 'const', name: 'state', value: m.code }), 0);
  const calls = members.reduce((n, m) => n + lines({ kind: 'const', name: 'state', value: call('fragment', ...params.map((i) => m.slots[i]!.code)) }), 0);
  return written - calls - fn;
}

function textOf(code: Code): string {
  return code.kind === 'literal' ? String(code.value) : code.kind === 'name' ? code.name : '';
}

/** "FirstLambdaState" → First, Lambda, State; "Notify ingest failed" → Notify, ingest, failed. */
function words(text: string): string[] {
  return text.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? [];
}

/** camelCase words as an identifier: "Function Name" → functionName, "--run_date" → runDate. */
function identifier(text: string): string {
  const parts = words(text.replace(/[^A-Za-z0-9]+/g, ' '));
  const joined = parts.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join('');
  return /^[A-Za-z_]/.test(joined) ? joined : `value${joined}`;
}

/**
 * A parameter's name from where its value sits: the field (`FunctionName` → functionName), then
 * with the fields around it where that is taken (`Step/Name` → stepName, `catch/resultPath`).
 */
function paramName(hint: string, avoid: Set<string>): string {
  const path = hint.split('/').filter((p) => p !== 'value' && p !== '');
  for (let n = 1; n <= path.length; n++) {
    const candidate = identifier(path.slice(-n).join(' '));
    if (!avoid.has(candidate) && !RESERVED.has(candidate)) return candidate;
  }
  return uniqueName(identifier(path[path.length - 1] ?? 'value'), avoid);
}

const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof let new null return super switch this throw true try typeof var void while with yield await implements interface package private protected public static arguments eval undefined'.split(' '),
);

function uniqueName(base: string, avoid: Set<string>): string {
  let candidate = base;
  for (let i = 2; avoid.has(candidate) || RESERVED.has(candidate); i++) candidate = `${base}${i}`;
  return candidate;
}
