/**
 * What a running execution shares (Runtime) and what one thread of states has (Frame: the top
 * level, a Parallel branch or a Map iteration). States get a StateEnv: their name, definition,
 * input and helpers that record history and build the context object.
 */
import type { JsonObject, JsonValue, QueryLanguage, State, StateMachineType } from '../model/asl.js';
import type { VirtualClock } from './clock.js';
import type { ExecutionContext } from './context.js';
import { stateContext } from './context.js';
import type { History, HistoryEventType } from './history.js';
import type { MockRegistry } from './mocks.js';
import type { TaskCallbacks } from './callbacks.js';
import type { JsonataGuard } from './expressions/jsonata.js';
import type { PathScope } from './expressions/jsonpath.js';
import type { Random } from './random.js';
import { BranchStopped } from './states-error.js';

/** Items for a Map's ItemReader, keyed by state name: the items, or the file's text (CSV, JSONL, JSON). */
export type ItemReaders = Record<string, JsonValue[] | string>;

export interface Runtime {
  clock: VirtualClock;
  history: History;
  mocks: MockRegistry;
  random: Random;
  context: ExecutionContext;
  type: StateMachineType;
  itemReaders: ItemReaders;
  /** The machine's QueryLanguage; states without their own use it (nested ones too). */
  queryLanguage: QueryLanguage;
  /** Set when the execution has ended (timed out, failed elsewhere): every running branch stops. */
  halt: Cancel;
  /** Where unmocked `.waitForTaskToken` tasks send their tokens (see callbacks.ts); without it they fail as unmocked. */
  callbacks?: TaskCallbacks;
  /** Ends the execution from outside its states (quota, wall-clock budget, abort, timeout); the first reason wins. */
  stop: (reason: StopReason) => void;
  /** Why the execution was stopped, once it was. */
  stopped?: StopReason;
  /** With `maxWallMs`: stops a JSONata evaluation that is still running when the budget is spent. */
  guard?: JsonataGuard;
}

/** Why an execution ended other than by its states finishing. */
export type StopReason = 'history-limit' | 'wall-time' | 'aborted' | 'timed-out';

/**
 * A cancellation flag shared by sibling branches: when one fails, the others stop at their next
 * state. Chained to the enclosing branch's flag, up to the execution's.
 */
export interface Cancel {
  cancelled: boolean;
  parent?: Cancel;
}

export function isCancelled(cancel: Cancel): boolean {
  for (let c: Cancel | undefined = cancel; c; c = c.parent) if (c.cancelled) return true;
  return false;
}

export interface Frame {
  runtime: Runtime;
  states: Record<string, State>;
  startAt: string;
  /** Variables this thread can see. Branches get a copy, so their writes never reach the outer scope. */
  variables: Record<string, JsonValue>;
  /** JSON bytes of each variable and their total (AWS limits both); absent until something is assigned. */
  variableSizes?: Map<string, number>;
  variableBytes?: number;
  /** The previous event of this thread (history's previousEventId). */
  lastEventId: number;
  cancel: Cancel;
}

/** A branch's copy of its parent's variables (and their sizes). */
export function branchVariables(parent: Frame): Pick<Frame, 'variables' | 'variableSizes' | 'variableBytes'> {
  return {
    variables: { ...parent.variables },
    ...(parent.variableSizes ? { variableSizes: new Map(parent.variableSizes), variableBytes: parent.variableBytes ?? 0 } : {}),
  };
}

export { BranchStopped };

export class StateEnv {
  readonly enteredMs: number;
  retryCount = 0;
  taskToken: string | undefined;
  enteredEventId = 0;

  constructor(
    readonly frame: Frame,
    readonly name: string,
    readonly state: State,
    readonly input: JsonValue,
  ) {
    this.enteredMs = frame.runtime.clock.now();
  }

  get runtime(): Runtime {
    return this.frame.runtime;
  }

  get queryLanguage(): QueryLanguage {
    return this.state.QueryLanguage ?? this.frame.runtime.queryLanguage;
  }

  get variables(): Record<string, JsonValue> {
    return this.frame.variables;
  }

  /** Records a history event in this thread and returns its id. */
  event(type: HistoryEventType, details?: Record<string, unknown>): number {
    const id = this.frame.runtime.history.add(type, this.frame.lastEventId, details);
    this.frame.lastEventId = id;
    return id;
  }

  /** Records a common two-value event (see History.addPair) in this thread and returns its id. */
  eventPair(type: HistoryEventType, first: unknown, second: unknown): number {
    const id = this.frame.runtime.history.addPair(type, this.frame.lastEventId, first, second);
    this.frame.lastEventId = id;
    return id;
  }

  /** After branches ran: the state's next event follows the last one they recorded. */
  joinBranches(): void {
    this.frame.lastEventId = this.frame.runtime.history.nextId - 1;
  }

  private builtContext?: { retryCount: number; taskToken: string | undefined; value: JsonObject };
  private builtScope?: PathScope;

  /**
   * What JSONPath expressions of this state see: the variables, and `$$` built only when a path
   * reads it (most never do).
   */
  pathScope(): PathScope {
    return (this.builtScope ??= new LazyContextScope(this));
  }

  /**
   * The context object (`$$`, `$states.context`) as this state sees it now. Every path and
   * expression asks for it, so it is built once per entry and retry (it changes only with those),
   * except for a Map item's own view.
   */
  context(mapItem?: { Index: number; Value: JsonValue }): JsonObject {
    if (mapItem) return this.buildContext(mapItem);
    const built = this.builtContext;
    if (built && built.retryCount === this.retryCount && built.taskToken === this.taskToken) return built.value;
    const value = this.buildContext();
    this.builtContext = { retryCount: this.retryCount, taskToken: this.taskToken, value };
    return value;
  }

  private buildContext(mapItem?: { Index: number; Value: JsonValue }): JsonObject {
    return stateContext(this.frame.runtime.context, {
      name: this.name,
      enteredMs: this.enteredMs,
      retryCount: this.retryCount,
      ...(this.taskToken !== undefined ? { taskToken: this.taskToken } : {}),
      ...(mapItem ? { mapItem } : {}),
    });
  }
}

/** A PathScope whose `$$` is the state's context object, built on first use. */
class LazyContextScope implements PathScope {
  constructor(private readonly env: StateEnv) {}

  get context(): JsonObject {
    return this.env.context();
  }

  get variables(): Record<string, JsonValue> {
    return this.env.frame.variables;
  }

  get random(): Random {
    return this.env.runtime.random;
  }
}

/** What a state hands back to the loop. */
export interface StateResult {
  output: JsonValue;
  /** The next state; undefined when the (sub)machine ends here. */
  next: string | undefined;
  /** Variables to set once the state exits (computed from the values before the state). */
  assigned?: Record<string, JsonValue> | undefined;
  /** Skip the StateExited event (Fail never exits). */
  noExit?: boolean;
}

/** Where a state goes when it completes: its Next, or the end of its (sub)machine. */
export function nextOf(state: { Next?: string; End?: boolean }): string | undefined {
  return state.End ? undefined : state.Next;
}
