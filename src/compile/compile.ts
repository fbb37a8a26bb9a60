/**
 * DSL graph → ASL definition. Walks the states from `start`, gives each its name, renders it, and
 * reports graph problems a user can make in the DSL (a name used by two states, a transition by name
 * to a state that does not exist, a listed state nothing reaches), all at once.
 *
 * The output is deterministic: states appear in the order they are first reached, and each state's
 * keys in ASL's customary order, so the same workflow always gives byte-identical JSON.
 */
import type { JsonValue, QueryLanguage, State, StateMachineDefinition, SubMachine } from '../model/asl.js';
import { StepwrightError, type Problem } from '../model/errors.js';
import { isRef } from '../dsl/expressions.js';
import { DURATION_FIX, toSeconds } from '../dsl/duration.js';
import type { Chainable, RenderContext, StateNode, Target } from '../dsl/state.js';
import type { Workflow } from '../dsl/workflow.js';
import { oneLineJsonata } from '../model/expressions/jsonata.js';

interface Reference {
  name: string;
  from: string;
  field: string;
}

class Compiler {
  /** Every state by name across the whole machine (names are unique across branches too). */
  private readonly owners = new Map<string, { node: StateNode; machine: number }>();
  private readonly extras = new Map<string, StateNode>();
  private machines = 0;
  /** Names no state of their own machine has: resolved once every machine is compiled. */
  private readonly unresolved: Reference[] = [];
  readonly problems: Problem[] = [];
  /** The effective language of every state, to decide the machine's top-level QueryLanguage. */
  readonly languages = new Set<QueryLanguage>();

  constructor(
    private readonly workflowName: string,
    private readonly defaultLanguage: QueryLanguage,
    private readonly topLanguage: QueryLanguage,
    extras: Chainable[],
  ) {
    for (const { startState } of extras) this.extras.set(startState.name, startState);
  }

  problem(state: string | undefined, field: string | undefined, message: string, fix?: string): void {
    this.problems.push({ workflow: this.workflowName, state, field, message, fix });
  }

  machine(chain: Chainable): { StartAt: string; States: Record<string, State> } {
    const id = this.machines++;
    const states: Record<string, State> = {};
    const queue: StateNode[] = [];
    const references: Reference[] = [];

    const enqueue = (node: StateNode, from: string | undefined, field: string): string => {
      const owner = this.owners.get(node.name);
      if (owner && owner.node !== node) {
        this.problem(node.name, undefined, `two different states are named "${node.name}"`, 'state names must be unique in a workflow, branches included; rename one (integrations take { name })');
      } else if (owner && owner.machine !== id) {
        this.problem(from, field, `goes to "${node.name}", which belongs to another branch or Map processor`, 'a transition stays inside its own Parallel branch or Map processor');
      } else if (!owner) {
        this.owners.set(node.name, { node, machine: id });
        queue.push(node);
      }
      return node.name;
    };

    enqueue(chain.startState, undefined, 'StartAt');
    while (queue.length > 0) {
      const node = queue.shift()!;
      const language = node.queryLanguage ?? this.defaultLanguage;
      this.languages.add(language);
      const ctx: RenderContext = {
        queryLanguage: language,
        declaredQueryLanguage: language === this.topLanguage && !node.declaresQueryLanguage ? undefined : language,
        target: (target: Target, field: string) => {
          if (typeof target === 'string') {
            references.push({ name: target, from: node.name, field });
            return target;
          }
          return enqueue(target.startState, node.name, field);
        },
        machine: (sub: Chainable, field: string): SubMachine => {
          try {
            return this.machine(sub);
          } catch (error) {
            this.problem(node.name, field, (error as Error).message);
            return { StartAt: '', States: {} };
          }
        },
        payload: (value: unknown, field: string) => this.payload(value, language, node.name, field),
        problem: (field: string, message: string, fix?: string) => this.problem(node.name, field, message, fix),
      };
      states[node.name] = node.extraFields ? ({ ...node.render(ctx), ...node.extraFields } as State) : node.render(ctx);

      // Transitions by name: resolve once the reachable states are known, pulling in listed extras.
      if (queue.length === 0) {
        for (const ref of references.splice(0)) {
          if (states[ref.name] || queue.some((n) => n.name === ref.name)) continue;
          const extra = this.extras.get(ref.name);
          if (extra && !this.owners.has(ref.name)) enqueue(extra, ref.from, ref.field);
          else this.unresolved.push(ref);
        }
      }
    }
    return { StartAt: chain.startState.name, States: states };
  }

  /** Names that no state of their own machine has: in another machine, or nowhere. */
  finish(): void {
    for (const ref of this.unresolved) {
      if (this.owners.has(ref.name)) {
        this.problem(ref.from, ref.field, `goes to "${ref.name}", which belongs to another branch or Map processor`, 'a transition stays inside its own Parallel branch or Map processor');
      } else {
        this.problem(ref.from, ref.field, `goes to "${ref.name}", but no state has that name`, 'name an existing state, pass the state itself instead of its name, or list it in workflow({ states: [...] })');
      }
    }
    this.unreached();
  }

  /** Listed states that nothing reaches. */
  private unreached(): void {
    for (const [name, node] of this.extras) {
      if (this.owners.get(name)?.node !== node) {
        this.problem(name, undefined, 'is listed in states but no transition reaches it', 'connect it with .next(), a Choice rule or a Catch, or remove it');
      }
    }
  }

  /** A DSL value as ASL JSON: `ref()`s become `key.$` (JSONPath), functions and other non-JSON are problems. */
  payload(value: unknown, language: QueryLanguage, state: string, field: string): JsonValue {
    const convert = (v: unknown, at: string): JsonValue => {
      if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) this.problem(state, at, `${v} is not a JSON number`, 'use a finite number, or null');
        return v;
      }
      if (v instanceof Date) return v.toISOString();
      if (isRef(v)) {
        this.refProblem(language, state, at, v.text);
        return v.text;
      }
      if (Array.isArray(v)) return v.map((item, i) => convert(item, `${at}[${i}]`));
      if (typeof v === 'object') {
        const out: Record<string, JsonValue> = {};
        for (const [key, item] of Object.entries(v as Record<string, unknown>)) {
          if (item === undefined) continue;
          if (isRef(item)) {
            if (language === 'JSONata') this.refProblem(language, state, `${at}.${key}`, item.text);
            out[language === 'JSONPath' && !key.endsWith('.$') ? `${key}.$` : key] = item.text;
          } else {
            out[key] = convert(item, `${at}.${key}`);
          }
        }
        return out;
      }
      this.problem(state, at, `a ${typeof v} is not a JSON value`, 'use strings, numbers, booleans, null, arrays and plain objects');
      return null;
    };
    return convert(value, field);
  }

  private refProblem(language: QueryLanguage, state: string, field: string, text: string): void {
    if (language === 'JSONata') {
      this.problem(state, field, `ref('${text}') is a JSONPath reference, but this state uses JSONata`, "use input('...'), variable('...') or expr('...') instead, or set queryLanguage: 'JSONPath' on the state");
    } else {
      this.problem(state, field, `ref('${text}') must be the value of an object key (it becomes "key.$")`, 'wrap it in an object: { value: ref(...) }');
    }
  }
}

/**
 * Compiles a workflow to an ASL definition, or throws a StepwrightError listing every problem.
 * The machine's QueryLanguage is the workflow's, except that a JSONata machine cannot hold JSONPath
 * states (AWS rejects it); then the machine is JSONPath and each JSONata state says so itself.
 */
export function compile(workflow: Workflow): StateMachineDefinition {
  const { definition, problems } = compileWithProblems(workflow);
  if (problems.length > 0) throw new StepwrightError(problems);
  return definition;
}

/** The definition as far as it could be compiled, and the problems found on the way. */
export function compileWithProblems(workflow: Workflow): { definition: StateMachineDefinition; problems: Problem[] } {
  const o = workflow.options;
  const defaultLanguage = o.queryLanguage ?? 'JSONata';
  const attempt = (top: QueryLanguage) => {
    const compiler = new Compiler(workflow.name, defaultLanguage, top, o.states ?? []);
    const body = compiler.machine(o.start);
    compiler.finish();
    return { compiler, body };
  };
  let { compiler, body } = attempt(defaultLanguage);
  let top = defaultLanguage;
  if (defaultLanguage === 'JSONata' && compiler.languages.has('JSONPath')) {
    top = 'JSONPath';
    ({ compiler, body } = attempt(top));
  }
  let timeout: number | undefined;
  if (o.timeout !== undefined) {
    try {
      timeout = toSeconds(o.timeout);
    } catch (error) {
      compiler.problem(undefined, 'TimeoutSeconds', (error as Error).message, DURATION_FIX);
    }
  }
  // ASL's default language is JSONPath; a workflow may leave it unsaid, as older definitions do.
  const declared = top === 'JSONata' || o.declareQueryLanguage !== false;
  const definition: StateMachineDefinition = {
    ...(o.comment !== undefined ? { Comment: o.comment } : {}),
    ...(o.version !== undefined ? { Version: o.version } : {}),
    ...(declared ? { QueryLanguage: top } : {}),
    ...(timeout !== undefined ? { TimeoutSeconds: timeout } : {}),
    StartAt: body.StartAt,
    States: oneLineExpressions(body.States, top),
    ...(o.extraFields as object | undefined),
  };
  return { definition, problems: compiler.problems };
}

/**
 * Every JSONata expression of the machine written on one line (the same expression, strings and all):
 * asl-validator, which users run in CI with its defaults, refuses a line break inside `{% %}`.
 * Only JSONata states hold expressions; in a JSONPath state a `{% %}` string is a literal, left as is.
 */
function oneLineExpressions(states: Record<string, State>, top: QueryLanguage): Record<string, State> {
  const value = (v: unknown): unknown =>
    typeof v === 'string' ? oneLineJsonata(v) : Array.isArray(v) ? v.map(value) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, value(x)])) : v;
  const machine = <M extends { States: Record<string, State> }>(m: M): M => ({ ...m, States: oneLineExpressions(m.States, top) });
  const state = (s: State): State => {
    const jsonata = (s.QueryLanguage ?? top) === 'JSONata';
    return Object.fromEntries(
      Object.entries(s).map(([key, v]) => {
        if (key === 'Branches' && Array.isArray(v)) return [key, v.map((b: SubMachine) => machine(b))];
        if ((key === 'ItemProcessor' || key === 'Iterator') && v) return [key, machine(v as SubMachine)];
        return [key, jsonata ? value(v) : v];
      }),
    ) as unknown as State;
  };
  return Object.fromEntries(Object.entries(states).map(([name, s]) => [name, state(s)]));
}

/** The definition as the `.asl.json` file holds it: two-space JSON and a final newline. */
export function toAslJson(definition: StateMachineDefinition): string {
  return `${JSON.stringify(definition, null, 2)}\n`;
}
