/**
 * The building blocks every state shares: a name, chaining with `.next()`, and rendering to ASL.
 *
 * As in CDK, a `Chainable` has one start state and the states left open at its end; `.next()` on a
 * chain fills those ends. That makes fragments (functions returning a chain) and branches that
 * rejoin (`choice(...).afterwards().next(...)`) ordinary values.
 */
import type { JsonValue, QueryLanguage, State, StateType, SubMachine } from '../model/asl.js';
import { StepwrightError } from '../model/errors.js';

/** Anything that can be placed in a workflow: a state, or a chain of states. */
export interface Chainable {
  readonly startState: StateNode;
  /** The states whose Next is still open (nothing follows them yet). */
  readonly endStates: readonly Nextable[];
}

/** A state (or an open slot such as a Choice's Default) that `.next()` can continue from. */
export interface Nextable {
  continueWith(target: Target): void;
}

/** Where a transition goes: a state or chain, or a state's name (for loops and forward references). */
export type Target = Chainable | string;

/** What a state needs from the compiler while it renders itself. */
export interface RenderContext {
  /** The state's effective query language (its own, or the workflow's). */
  readonly queryLanguage: QueryLanguage;
  /** The QueryLanguage field to write on the state: set only where it differs from the machine's. */
  readonly declaredQueryLanguage: QueryLanguage | undefined;
  /** The name of a transition's target state; the target is compiled too. */
  target(target: Target, field: string): string;
  /** A nested state machine: a Parallel branch or a Map's ItemProcessor. */
  machine(chain: Chainable, field: string): SubMachine;
  /** A JSON value as ASL wants it in this state's language: `ref()`s become `key.$` entries in JSONPath. */
  payload(value: unknown, field: string): JsonValue;
  /** Record a problem in this state without stopping compilation, so users see every problem at once. */
  problem(field: string, message: string, fix?: string): void;
}

export interface StateProps {
  comment?: string;
  /** Overrides the workflow's query language for this state. */
  queryLanguage?: QueryLanguage;
  /**
   * Write QueryLanguage on this state even where it is the machine's own (by default it is written
   * only where it differs). Imported definitions that say it twice keep saying it.
   */
  declareQueryLanguage?: boolean;
  /**
   * ASL fields written into the state as given, after the ones the DSL writes: for fields this
   * version of stepwright does not know. The validator still checks them.
   */
  extraFields?: Record<string, JsonValue>;
}

const STATE = Symbol.for('stepwright.state');

export abstract class StateNode implements Chainable {
  readonly [STATE] = true;
  abstract readonly type: StateType;

  constructor(
    readonly name: string,
    protected readonly props: StateProps = {},
  ) {
    if (typeof name !== 'string' || name.length === 0) {
      throw new StepwrightError({ message: 'a state needs a name', field: 'name', fix: "pass a name as the first argument, e.g. pass('Prepare')" });
    }
  }

  get startState(): StateNode {
    return this;
  }

  abstract get endStates(): readonly Nextable[];

  get queryLanguage(): QueryLanguage | undefined {
    return this.props.queryLanguage;
  }

  /** Whether QueryLanguage is written even where it is the machine's. */
  get declaresQueryLanguage(): boolean {
    return this.props.declareQueryLanguage === true;
  }

  /** Fields the compiler adds to the rendered state as given. */
  get extraFields(): Readonly<Record<string, JsonValue>> | undefined {
    return this.props.extraFields;
  }

  /** This state as an ASL object, keys in ASL's customary order. */
  abstract render(ctx: RenderContext): State;

  /** Fields every state starts with. */
  protected header(ctx: RenderContext): { Type: StateType; Comment?: string; QueryLanguage?: QueryLanguage } {
    return compact({ Type: this.type, Comment: this.props.comment, QueryLanguage: ctx.declaredQueryLanguage });
  }
}

export function isStateNode(value: unknown): value is StateNode {
  return typeof value === 'object' && value !== null && (value as StateNode)[STATE] === true;
}

/** A state followed by another: Task, Pass, Wait, Parallel, Map. */
export abstract class NextableState extends StateNode implements Nextable {
  private successor?: Target;

  get endStates(): readonly Nextable[] {
    return this.successor === undefined ? [this] : [];
  }

  /** Continue with `target` after this state. Returns a chain whose end is `target`'s end. */
  next(target: Target): Chain {
    this.continueWith(target);
    return new Chain(this, endsOf(target));
  }

  continueWith(target: Target): void {
    if (this.successor !== undefined) {
      throw new StepwrightError({
        state: this.name,
        field: 'Next',
        message: `already continues with "${targetName(this.successor)}"`,
        fix: 'a state has one Next; use choice() to branch, or parallel() to run both',
      });
    }
    this.successor = target;
  }

  protected transition(ctx: RenderContext): { Next: string } | { End: true } {
    return this.successor === undefined ? { End: true } : { Next: ctx.target(this.successor, 'Next') };
  }
}

/** A sequence of states with a start and open ends. */
export class Chain implements Chainable {
  constructor(
    readonly startState: StateNode,
    readonly endStates: readonly Nextable[],
  ) {}

  next(target: Target): Chain {
    for (const end of this.endStates) end.continueWith(target);
    return new Chain(this.startState, endsOf(target));
  }
}

/** `sequence(a, b, c)` is `a.next(b).next(c)`. */
export function sequence(first: Chainable, ...rest: Chainable[]): Chain {
  let chain = new Chain(first.startState, first.endStates);
  for (const item of rest) chain = chain.next(item);
  return chain;
}

export function endsOf(target: Target): readonly Nextable[] {
  return typeof target === 'string' ? [] : target.endStates;
}

export function targetName(target: Target): string {
  return typeof target === 'string' ? target : target.startState.name;
}

/** An object without its undefined fields, keeping key order (so output is stable). */
export function compact<T extends Record<string, unknown>>(value: T): T {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}
