/**
 * The shape of the generated module: states chained with `.next()` in the order they are reached,
 * a state written inline where exactly one transition reaches it, and declared once as a `const`
 * where several do (a shared error handler, the head of a loop). A transition back into a state
 * still being declared (a loop) names it by its state name, as users write loops.
 *
 * States are visited as the compiler visits them (breadth first, Catch targets before Next), and
 * every first transition into a state is written as the state itself, so the imported workflow
 * compiles its states in the same order as the original: our own definitions come back byte for byte.
 */
import type { QueryLanguage, State, SubMachine } from '../model/asl.js';
import { lit, method, name as nameCode, type Code, type Statement } from './code.js';
import { stateCode, type Level, type StateContext } from './states.js';
import { flatLength } from './print.js';

/** States longer than this on one line are declared on their own. */
const HOIST_ABOVE = 60;

export interface StructureOptions {
  top: QueryLanguage;
  level(state: string): Level;
  keep(state: string): Record<string, import('../model/asl.js').JsonValue>;
  placeholder(key: string): Code | undefined;
  unknown(state: string, field: string): void;
  /** Identifiers the module may not declare (imports, reserved words). */
  reserved: ReadonlySet<string>;
}

interface MachineInfo {
  states: Record<string, State>;
  indegree: Map<string, number>;
}

const RESERVED_WORDS = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof let new null return super switch this throw true try typeof var void while with yield await implements interface package private protected public static arguments eval undefined NaN Infinity'.split(' '),
);

/** The transitions out of a state, in the order the compiler follows them. */
export function edgesOf(state: State): [string, string][] {
  const out: [string, string][] = [];
  if (!state || typeof state !== 'object') return out;
  if (state.Type === 'Choice') {
    (Array.isArray(state.Choices) ? state.Choices : []).forEach((rule, i) => typeof rule?.Next === 'string' && out.push([`Choices[${i}].Next`, rule.Next]));
    if (typeof state.Default === 'string') out.push(['Default', state.Default]);
    return out;
  }
  if ('Catch' in state && Array.isArray(state.Catch)) state.Catch.forEach((c, i) => typeof c?.Next === 'string' && out.push([`Catch[${i}].Next`, c.Next]));
  if ('Next' in state && typeof state.Next === 'string') out.push(['Next', state.Next]);
  return out;
}

/** The states reachable from StartAt, in the order the compiler reaches them. */
export function reachable(machine: { StartAt: string; States: Record<string, State> }): string[] {
  const states = machine.States ?? {};
  const seen = new Set<string>();
  const order: string[] = [];
  const queue = Object.prototype.hasOwnProperty.call(states, machine.StartAt) ? [machine.StartAt] : [];
  seen.add(machine.StartAt);
  while (queue.length > 0) {
    const current = queue.shift()!;
    order.push(current);
    for (const [, target] of edgesOf(states[current]!)) {
      if (!seen.has(target) && Object.prototype.hasOwnProperty.call(states, target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return order;
}

export class ModuleStructure {
  readonly statements: Statement[] = [];
  private readonly declared = new Map<string, string>();
  private readonly inProgress = new Set<string>();
  private readonly machineOf = new Map<string, MachineInfo>();
  private readonly used = new Set<string>();

  constructor(private readonly options: StructureOptions) {}

  /** The expression of a machine (the workflow's start, a branch, a processor), declaring what it shares. */
  machine(machine: { StartAt: string; States: Record<string, State> }): Code {
    const info: MachineInfo = { states: machine.States ?? {}, indegree: new Map() };
    const order = reachable(machine);
    for (const name of order) this.machineOf.set(name, info);
    info.indegree.set(machine.StartAt, 1);
    for (const name of order) for (const [, target] of edgesOf(info.states[name]!)) info.indegree.set(target, (info.indegree.get(target) ?? 0) + 1);
    if (order.length === 0) return lit(machine.StartAt);
    return this.reference(machine.StartAt);
  }

  /** A transition's target: the state inline, its declared name, or (inside its own declaration) its state name. */
  private reference(target: string): Code {
    const info = this.machineOf.get(target);
    if (!info) return lit(target); // a state that does not exist: the validator has said so
    if ((info.indegree.get(target) ?? 0) <= 1) return this.chain(target, info, true);
    const declared = this.declared.get(target);
    if (declared) return nameCode(declared);
    if (this.inProgress.has(target)) return lit(target);
    this.inProgress.add(target);
    const value = this.chain(target, info, false);
    this.inProgress.delete(target);
    const identifier = this.identifier(target);
    this.declared.set(target, identifier);
    this.statements.push({ kind: 'const', name: identifier, value });
    return nameCode(identifier);
  }

  /** A state followed by the states only it leads to: `a.next(b).next(c)`. */
  private chain(head: string, info: MachineInfo, hoistHead: boolean): Code {
    let code = hoistHead ? this.link(head, info) : this.state(head, info);
    let current = info.states[head]!;
    while (current.Type !== 'Choice' && 'Next' in current && typeof current.Next === 'string') {
      const next = current.Next;
      const nextInfo = this.machineOf.get(next);
      if (!nextInfo || nextInfo !== info || (info.indegree.get(next) ?? 0) > 1) {
        code = method(code, 'next', this.reference(next));
        break;
      }
      code = method(code, 'next', this.link(next, info));
      current = info.states[next]!;
    }
    return code;
  }

  /**
   * A state in a chain: written in place when it is short (`succeed('Done')`), else declared on its
   * own before the chain, so the chain reads as the workflow's steps (`load.next(check).next(notify)`).
   */
  private link(name: string, info: MachineInfo): Code {
    const code = this.state(name, info);
    if (flatLength(code) <= HOIST_ABOVE) return code;
    const identifier = this.identifier(name);
    this.statements.push({ kind: 'const', name: identifier, value: code });
    return nameCode(identifier);
  }

  private state(name: string, info: MachineInfo): Code {
    const state = info.states[name]!;
    const language = (state.QueryLanguage as QueryLanguage | undefined) ?? this.options.top;
    const ctx: StateContext = {
      level: this.options.level(name),
      top: this.options.top,
      language,
      placeholder: this.options.placeholder,
      keep: this.options.keep(name),
      unknown: (field) => this.options.unknown(name, field),
      target: (target) => {
        const targetInfo = this.machineOf.get(target);
        return targetInfo === info ? this.reference(target) : lit(target);
      },
      machine: (sub: SubMachine) => this.machine(sub),
    };
    return stateCode(name, state, ctx);
  }

  /** A readable, unique identifier for a state: "Notify ingest failed" → notifyIngestFailed. */
  private identifier(stateName: string): string {
    const words = stateName.split(/[^A-Za-z0-9]+/).filter(Boolean);
    let base = words.map((w, i) => (i === 0 ? w[0]!.toLowerCase() + w.slice(1) : w[0]!.toUpperCase() + w.slice(1))).join('');
    if (!base || /^\d/.test(base)) base = `state${base ? base[0]!.toUpperCase() + base.slice(1) : ''}`;
    if (base.length > 40) base = base.slice(0, 40);
    let candidate = base;
    for (let i = 2; this.used.has(candidate) || this.options.reserved.has(candidate) || RESERVED_WORDS.has(candidate); i++) candidate = `${base}${i}`;
    this.used.add(candidate);
    return candidate;
  }

  /** Reserve an identifier (placeholder values) so no state takes it. */
  claim(identifier: string): string {
    let candidate = identifier;
    for (let i = 2; this.used.has(candidate) || this.options.reserved.has(candidate) || RESERVED_WORDS.has(candidate); i++) candidate = `${identifier}${i}`;
    this.used.add(candidate);
    return candidate;
  }
}


