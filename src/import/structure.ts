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
import { edgesOf, reachable } from './graph.js';
import { foldLoops, type FoldedLoop } from './loops.js';

/** States longer than this on one line are declared on their own. */
export const HOIST_ABOVE = 60;

export interface StructureOptions {
  top: QueryLanguage;
  level(state: string): Level;
  keep(state: string): Record<string, import('../model/asl.js').JsonValue>;
  placeholder(key: string): Code | undefined;
  unknown(state: string, field: string): void;
  /** Whether a polling loop (by its head state) may be written as its builder call. */
  fold(head: string): boolean;
  /** Identifiers the module may not declare (imports, reserved words). */
  reserved: ReadonlySet<string>;
}

interface MachineInfo {
  states: Record<string, State>;
  indegree: Map<string, number>;
  /** Polling loops written as one call, by head state. */
  loops: Map<string, FoldedLoop>;
}

const RESERVED_WORDS = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof let new null return super switch this throw true try typeof var void while with yield await implements interface package private protected public static arguments eval undefined NaN Infinity'.split(' '),
);

export class ModuleStructure {
  readonly statements: Statement[] = [];
  private readonly declared = new Map<string, string>();
  private readonly inProgress = new Set<string>();
  private readonly machineOf = new Map<string, MachineInfo>();
  private readonly used = new Set<string>();
  /** The states of every loop written as one call → the loop's head. */
  readonly folded = new Map<string, string>();

  constructor(private readonly options: StructureOptions) {}

  /** The expression of a machine (the workflow's start, a branch, a processor), declaring what it shares. */
  machine(machine: { StartAt: string; States: Record<string, State> }): Code {
    const states = machine.States ?? {};
    const loops = foldLoops(machine, this.options.top, this.options.placeholder, (head) => !this.options.fold(head));
    const info: MachineInfo = { states, indegree: new Map(), loops };
    const order = reachable(machine);
    for (const name of order) this.machineOf.set(name, info);
    const inLoop = new Map<string, FoldedLoop>();
    for (const loop of loops.values()) for (const member of loop.members) inLoop.set(member, loop), this.folded.set(member, loop.head);
    info.indegree.set(machine.StartAt, 1);
    const reach = (target: string) => info.indegree.set(target, (info.indegree.get(target) ?? 0) + 1);
    for (const name of order) {
      const loop = inLoop.get(name);
      // A loop is one step: it reaches its handler once (the catch option) and the state after it once.
      if (loop) {
        if (name === loop.head) [loop.handler, loop.next].forEach((target) => target !== undefined && reach(target));
        continue;
      }
      for (const [, target] of edgesOf(info.states[name]!)) reach(target);
    }
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
    const identifier = this.identifier(info.loops.get(target)?.prefix ?? target);
    this.declared.set(target, identifier);
    this.statements.push({ kind: 'const', name: identifier, value });
    return nameCode(identifier);
  }

  /** A state followed by the states only it leads to: `a.next(b).next(c)`. */
  private chain(head: string, info: MachineInfo, hoistHead: boolean): Code {
    let code = hoistHead ? this.link(head, info) : this.state(head, info);
    let next = this.after(head, info);
    while (next !== undefined) {
      const nextInfo = this.machineOf.get(next);
      if (!nextInfo || nextInfo !== info || (info.indegree.get(next) ?? 0) > 1) {
        code = method(code, 'next', this.reference(next));
        break;
      }
      code = method(code, 'next', this.link(next, info));
      next = this.after(next, info);
    }
    return code;
  }

  /** The state a chain goes on to: a state's Next, or the state after a loop. */
  private after(name: string, info: MachineInfo): string | undefined {
    const loop = info.loops.get(name);
    if (loop) return loop.next;
    const state = info.states[name]!;
    return state.Type !== 'Choice' && 'Next' in state && typeof state.Next === 'string' ? state.Next : undefined;
  }

  /**
   * A state in a chain: written in place when it is short (`succeed('Done')`), else declared on its
   * own before the chain, so the chain reads as the workflow's steps (`load.next(check).next(notify)`).
   */
  private link(name: string, info: MachineInfo): Code {
    const code = this.state(name, info);
    if (flatLength(code) <= HOIST_ABOVE) return code;
    const identifier = this.identifier(info.loops.get(name)?.prefix ?? name);
    this.statements.push({ kind: 'const', name: identifier, value: code, hoisted: true });
    return nameCode(identifier);
  }

  private state(name: string, info: MachineInfo): Code {
    const loop = info.loops.get(name);
    if (loop) {
      const handler = loop.handler;
      return loop.code(handler === undefined ? undefined : this.machineOf.get(handler) === info ? this.reference(handler) : lit(handler));
    }
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

  /** Whether an identifier is declared, imported or reserved already. */
  taken(identifier: string): boolean {
    return this.used.has(identifier) || this.options.reserved.has(identifier) || RESERVED_WORDS.has(identifier);
  }

  /** Reserve an identifier (placeholder values) so no state takes it. */
  claim(identifier: string): string {
    let candidate = identifier;
    for (let i = 2; this.used.has(candidate) || this.options.reserved.has(candidate) || RESERVED_WORDS.has(candidate); i++) candidate = `${identifier}${i}`;
    this.used.add(candidate);
    return candidate;
  }
}


