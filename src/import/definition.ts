/**
 * `importDefinition(definition, { name })`: an ASL definition as the TypeScript module of a
 * workflow whose compiled definition is the same (field order aside). The module is built as a
 * code tree, evaluated against the real DSL and compiled; any state that does not come back the
 * same is written more plainly (a generic `task()` rather than a typed builder, JSON as written
 * rather than helpers, then the fields as given) until it does. What still differs is said, located.
 */
import type { JsonValue, QueryLanguage, State, StateMachineDefinition, StateMachineType } from '../model/asl.js';
import { StepwrightError, type Location, type Problem } from '../model/errors.js';
import { closest } from '../model/suggest.js';
import { machines } from '../model/walk.js';
import type * as dsl from '../dsl/index.js';
import { compileWithProblems } from '../compile/compile.js';
import { validateDefinition } from '../validate/index.js';
import { call, evaluate, lit, mapChildren, name as nameCode, props, statementNames, withParams, type Code, type Statement } from './code.js';
import { fragments } from './fragments.js';
import { moduleText } from './print.js';
import { KNOWN_FIELDS, sameJson, duration, type Level } from './states.js';
import { reachable } from './graph.js';
import { ModuleStructure } from './structure.js';
import { jsonCode } from './values.js';
import { IMPORTABLE, SCOPE_VALUES } from './scope.js';

export interface ImportOptions {
  /** The workflow's name (the state machine's name: 1–80 letters, digits, `-`, `_`). */
  name: string;
  /** Where the definition came from, for messages: `statemachine.asl.json`, `template.yaml`. */
  file?: string;
  /** The line and column of a value in `file`, by its JSON path, for messages. */
  position?: (path: (string | number)[]) => { line: number; column: number } | undefined;
  /** The JSON path of the definition inside `file` (a template's `Resources.X.Properties.Definition`). */
  at?: readonly (string | number)[];
  /** Read `${Name}` placeholders as values from the project's config (default true). */
  placeholders?: boolean;
  /** STANDARD or EXPRESS, and tags: written to the workflow (used when deploying). */
  type?: StateMachineType;
  tags?: Record<string, string>;
  /** A first line for the module's header comment: where it came from. */
  source?: string;
}

export interface ImportResult {
  /** The TypeScript module; its default export is the workflow. */
  source: string;
  /** The workflow's name. */
  name: string;
  /** What the validator says of the definition (imported anyway). */
  problems: Problem[];
  /** What the import did that a user should know: fields kept as written, states left out, differences. */
  notes: Problem[];
  /** Whether the module compiles to the definition exactly (field order aside). */
  exact: boolean;
  /** The placeholders the module reads from the project's config (`substitutions` in stepwright.config.json). */
  placeholders: string[];
}

const NAME = /^[A-Za-z0-9_-]{1,80}$/;

export function importDefinition(definition: unknown, options: ImportOptions): ImportResult {
  const where: Location = { ...(options.file ? { file: options.file } : {}), workflow: options.name };
  if (typeof options.name !== 'string' || !NAME.test(options.name)) {
    throw new StepwrightError({ ...where, field: 'name', message: `"${options.name}" is not a valid state machine name`, fix: 'give --name with 1 to 80 letters, digits, "-" or "_"' });
  }
  if (!definition || typeof definition !== 'object' || Array.isArray(definition) || typeof (definition as StateMachineDefinition).States !== 'object' || (definition as StateMachineDefinition).States === null || typeof (definition as StateMachineDefinition).StartAt !== 'string') {
    throw new StepwrightError({ ...where, ...locate(options, []), message: 'is not a state machine definition: it needs "StartAt" and "States"', fix: 'give an Amazon States Language definition: { "StartAt": "First", "States": { ... } }' });
  }
  const d = definition as StateMachineDefinition;
  const paths = statePaths(d);
  const at = (state: string | undefined, field?: string): Location => {
    const path = state ? paths.get(state) : [];
    const fieldPath = field ? field.split('.').flatMap((p) => p.split(/\[(\d+)\]/).filter(Boolean).map((x) => (/^\d+$/.test(x) ? Number(x) : x))) : [];
    return { ...where, ...(path ? locate(options, [...path, ...fieldPath]) : {}), ...(state ? { state } : {}), ...(field ? { field } : {}) };
  };

  const problems = validateDefinition(d).map((p) => ({ ...at(p.state, p.field), ...p }));
  const notes: Problem[] = [];
  const noted = new Set<string>();
  const note = (problem: Problem) => {
    const key = `${problem.state}|${problem.field}|${problem.message}`;
    if (!noted.has(key)) notes.push(problem), noted.add(key);
  };

  // States no transition reaches cannot be written as chains; the validator has said so too.
  let leftOut = 0;
  for (const machine of machines(d)) {
    const reached = new Set(reachable(machine));
    for (const state of Object.keys(machine.States ?? {})) {
      if (!reached.has(state) && ++leftOut) note({ ...at(state), message: 'is not reachable from StartAt, so the imported workflow leaves it out', fix: 'connect it with a transition, or delete it' });
    }
  }

  const top: QueryLanguage = d.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath';
  const levels = new Map<string, Level>();
  const keeps = new Map<string, Record<string, JsonValue>>();
  const placeholderNames = new Map<string, string>();
  const topKeep: Record<string, JsonValue> = {};
  /** Polling loops (by head state) written state by state, since their builder call did not give them back. */
  const unfolded = new Set<string>();

  let built = build();
  for (let round = 0; round < 6; round++) {
    const differing = compareStates(built.compiled, d);
    const topDiff = compareTop(built.compiled, d);
    if (differing.length === 0 && topDiff.length === 0) break;
    let changed = false;
    for (const name of differing) {
      // A loop's call was checked on its own; in the module it must give the same states, or go.
      const loop = built.folded.get(name);
      if (loop !== undefined) {
        if (!unfolded.has(loop)) unfolded.add(loop), (changed = true);
        continue;
      }
      const level = levels.get(name) ?? 0;
      if (level < 3) {
        levels.set(name, (level + 1) as Level);
        changed = true;
      }
      if (level === 2) keeps.set(name, fieldsToKeep(findState(d, name), findState(built.compiled, name)));
    }
    for (const field of topDiff) {
      const value = (d as unknown as Record<string, JsonValue>)[field];
      if (value !== undefined && !(field in topKeep) && !['StartAt', 'States'].includes(field)) {
        topKeep[field] = value;
        changed = true;
      }
    }
    if (!changed) break;
    built = build();
  }

  const differing = compareStates(built.compiled, d);
  for (const state of differing) {
    const fields = diffFields(findState(d, state), findState(built.compiled, state));
    note({ ...at(state), message: `does not round-trip exactly: the imported workflow writes ${fields.length > 0 ? fields.join(', ') : 'it'} differently`, fix: 'check the generated state; the definition may use a form the validator rejects' });
  }
  for (const field of compareTop(built.compiled, d)) note({ ...at(undefined, field), message: 'does not round-trip exactly', fix: 'check the workflow options of the generated module' });
  for (const problem of built.compileProblems) note({ ...at(problem.state, problem.field), message: `the imported workflow does not compile here: ${problem.message}`, ...(problem.fix ? { fix: problem.fix } : {}) });
  for (const [state, kept] of keeps) {
    for (const field of Object.keys(kept)) note({ ...at(state, field), message: 'is written as given (extraFields): the DSL writes it differently', fix: 'the definition may use a form the validator rejects' });
  }
  const exact = leftOut === 0 && differing.length === 0 && compareTop(built.compiled, d).length === 0 && built.compileProblems.length === 0;
  return { source: withFragments(built), name: options.name, problems, notes, exact, placeholders: [...placeholderNames.keys()] };

  /**
   * The module with fragments for its repeated shapes, if it builds byte for byte the definition the
   * module without them builds (a fragment only moves code into a function; this makes sure).
   */
  function withFragments(plain: Built): string {
    const statements = fragments(plain.statements, { claim: (id) => plain.structure.claim(id), taken: (id) => plain.structure.taken(id) });
    if (statements === plain.statements) return plain.source;
    const run = evaluateModule(statements);
    const same = run.compiled !== undefined && plain.compiled !== undefined && JSON.stringify(run.compiled) === JSON.stringify(plain.compiled) && run.compileProblems.length === plain.compileProblems.length;
    return same ? render(statements) : plain.source;
  }

  function build(): Built {
    placeholderNames.clear();
    const reserved = new Set(IMPORTABLE);
    const structure = new ModuleStructure({
      top,
      level: (state) => levels.get(state) ?? 0,
      keep: (state) => keeps.get(state) ?? {},
      placeholder: (key) => {
        if (options.placeholders === false) return undefined;
        if (!placeholderNames.has(key)) placeholderNames.set(key, '');
        return nameCode(`\u0000${key}`); // resolved to an identifier once all are known
      },
      unknown: (state, field) => {
        const known = KNOWN_FIELDS[findState(d, state)?.Type ?? ''] ?? [];
        const near = closest(field, known);
        note({ ...at(state, field), message: `is not a field stepwright knows for a ${findState(d, state)?.Type ?? 'state'}; it is kept as written (extraFields)`, fix: near ? `did you mean "${near}"?` : 'remove it if AWS rejects it' });
      },
      fold: (head) => !unfolded.has(head),
      reserved,
    });
    const start = structure.machine(d);
    const topLevel = topOptions(start);
    const statements: Statement[] = [...structure.statements];
    // Placeholders become identifiers now that every one is known.
    const keys = [...placeholderNames.keys()].sort();
    for (const key of keys) placeholderNames.set(key, structure.claim(identifierFor(key)));
    const resolve = (code: Code): Code => resolvePlaceholders(code, placeholderNames);
    const resolved: Statement[] = statements.map((s) => (s.kind === 'const' ? { ...s, value: resolve(s.value) } : s));
    const workflowCode = resolve(topLevel);
    if (keys.length > 0) {
      resolved.unshift({
        kind: 'destructure',
        bindings: keys.map((key) => ({ key, name: placeholderNames.get(key)! })),
        value: call('substitutions', ...keys.map((k) => lit(k))),
        comment: 'Placeholders of the definition, read from "substitutions" in stepwright.config.json.',
      });
    }
    resolved.push({ kind: 'export-default', value: workflowCode });
    return { ...evaluateModule(resolved), source: render(resolved), statements: resolved, structure, folded: structure.folded };
  }

  /** What the printed module builds: the same code evaluated against the real DSL, and compiled. */
  function evaluateModule(statements: Statement[]): { compiled: StateMachineDefinition | undefined; compileProblems: Problem[] } {
    const scope = new Map<string, unknown>(Object.entries(SCOPE_VALUES));
    for (const [key, identifier] of placeholderNames) scope.set(identifier, `\${${key}}`);
    try {
      let exported: unknown;
      for (const statement of statements) {
        if (statement.kind === 'const') scope.set(statement.name, evaluate(statement.value, scope));
        else if (statement.kind === 'function') {
          const { body, params } = statement;
          scope.set(statement.name, (...args: unknown[]) => evaluate(body, withParams(scope, params.map((p) => p.name), args)));
        } else if (statement.kind === 'export-default') exported = evaluate(statement.value, scope);
      }
      const result = compileWithProblems(exported as dsl.Workflow);
      return { compiled: result.definition, compileProblems: result.problems };
    } catch (error) {
      return { compiled: undefined, compileProblems: [{ message: (error as Error).message }] };
    }
  }

  function render(statements: Statement[]): string {
    const used = new Set<string>();
    for (const statement of statements) statementNames(statement, used);
    const imports = [...used].filter((n) => IMPORTABLE.has(n));
    if (JSON.stringify(statements).includes('"cast"')) imports.push('type Condition');
    const header = [options.source ?? `Imported from ${options.file ?? 'an Amazon States Language definition'} by stepwright import.`];
    return moduleText(header.join('\n'), imports, statements);
  }

  function topOptions(start: Code): Code {
    const extra = Object.keys(d).filter((k) => !['Comment', 'QueryLanguage', 'TimeoutSeconds', 'Version', 'StartAt', 'States'].includes(k));
    for (const field of extra) note({ ...at(undefined, field), message: 'is not a top-level field stepwright knows; it is kept as written (extraFields)', fix: 'remove it if AWS rejects it' });
    const keptFields = { ...Object.fromEntries(extra.map((k) => [k, (d as unknown as Record<string, JsonValue>)[k]!])), ...topKeep };
    const values = { language: top, placeholder: () => undefined };
    return call(
      'workflow',
      lit(options.name),
      props([
        ['comment', d.Comment === undefined ? undefined : jsonCode(d.Comment, values)],
        ['queryLanguage', top === 'JSONata' ? undefined : lit(top)],
        ['declareQueryLanguage', d.QueryLanguage === undefined ? lit(false) : undefined],
        ['version', d.Version === undefined ? undefined : jsonCode(d.Version, values)],
        ['timeout', typeof d.TimeoutSeconds === 'number' ? duration(d.TimeoutSeconds) : undefined],
        ['type', options.type && options.type !== 'STANDARD' ? lit(options.type) : undefined],
        ['tags', options.tags && Object.keys(options.tags).length > 0 ? jsonCode(options.tags, values) : undefined],
        ['start', start],
        ['extraFields', Object.keys(keptFields).length > 0 ? jsonCode(keptFields, values) : undefined],
      ]),
    );
  }
}

interface Built {
  source: string;
  compiled: StateMachineDefinition | undefined;
  compileProblems: Problem[];
  statements: Statement[];
  structure: ModuleStructure;
  /** States of loops written as one call → the loop's head. */
  folded: ReadonlyMap<string, string>;
}

function locate(options: ImportOptions, path: (string | number)[]): { line?: number; column?: number } {
  const position = options.position?.([...(options.at ?? []), ...path]);
  return position ? { line: position.line, column: position.column } : {};
}

/** Each state's JSON path in the definition (`States.Each.ItemProcessor.States.Inner`). */
function statePaths(d: StateMachineDefinition): Map<string, (string | number)[]> {
  const out = new Map<string, (string | number)[]>();
  const visit = (machine: { States?: Record<string, State> }, prefix: (string | number)[]) => {
    for (const [name, state] of Object.entries(machine.States ?? {})) {
      const path = [...prefix, 'States', name];
      if (!out.has(name)) out.set(name, path);
      if (state?.Type === 'Parallel' && Array.isArray(state.Branches)) state.Branches.forEach((b, i) => visit(b, [...path, 'Branches', i]));
      if (state?.Type === 'Map') {
        const field = state.ItemProcessor ? 'ItemProcessor' : 'Iterator';
        const processor = state.ItemProcessor ?? state.Iterator;
        if (processor) visit(processor, [...path, field]);
      }
    }
  };
  visit(d, []);
  return out;
}

function findState(d: StateMachineDefinition | undefined, name: string): State | undefined {
  if (!d) return undefined;
  for (const machine of machines(d)) if (Object.prototype.hasOwnProperty.call(machine.States ?? {}, name)) return machine.States[name];
  return undefined;
}

/** States (reachable in the original) that compile to something else. */
function compareStates(compiled: StateMachineDefinition | undefined, d: StateMachineDefinition): string[] {
  const out: string[] = [];
  for (const machine of machines(d)) {
    for (const name of reachable(machine)) if (!sameJson(findState(compiled, name), machine.States[name])) out.push(name);
  }
  return out;
}

function compareTop(compiled: StateMachineDefinition | undefined, d: StateMachineDefinition): string[] {
  if (!compiled) return ['States'];
  const keys = new Set([...Object.keys(compiled), ...Object.keys(d)].filter((k) => k !== 'States'));
  return [...keys].filter((k) => !sameJson((compiled as unknown as Record<string, unknown>)[k], (d as unknown as Record<string, unknown>)[k]));
}

function diffFields(original: State | undefined, compiled: State | undefined): string[] {
  const a = (original ?? {}) as Record<string, unknown>;
  const b = (compiled ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !sameJson(a[k], b[k]));
}

/** The original's fields that the compiled state writes differently (nested machines aside: they are compared state by state). */
function fieldsToKeep(original: State | undefined, compiled: State | undefined): Record<string, JsonValue> {
  const a = (original ?? {}) as unknown as Record<string, JsonValue>;
  const b = (compiled ?? {}) as unknown as Record<string, JsonValue>;
  const out: Record<string, JsonValue> = {};
  for (const key of Object.keys(a)) {
    if (['Branches', 'ItemProcessor', 'Iterator', 'Next', 'Type'].includes(key)) continue;
    if (!sameJson(a[key], b[key])) out[key] = a[key]!;
  }
  return out;
}

/** `LambdaArn` stays; `AWS::Region` → awsRegion; `MyFn.Arn` → myFnArn. */
function identifierFor(key: string): string {
  const words = key.split(/[^A-Za-z0-9_]+/).filter(Boolean);
  if (words.length === 1 && /^[A-Za-z_]/.test(words[0]!)) return words[0]!;
  const joined = words.map((w, i) => (i === 0 ? w[0]!.toLowerCase() + w.slice(1) : w[0]!.toUpperCase() + w.slice(1))).join('');
  return /^[A-Za-z_]/.test(joined) ? joined : `value${joined}`;
}

function resolvePlaceholders(code: Code, names: Map<string, string>): Code {
  if (code.kind === 'name') return code.name.startsWith('\u0000') ? nameCode(names.get(code.name.slice(1))!) : code;
  return mapChildren(code, (child) => resolvePlaceholders(child, names));
}
