/**
 * Polling loops folded back into the call that made them. `glue.startCrawler(...)`,
 * `dms.waitForReplicationTask(...)`, `redshiftData.executeStatement(...)`, `pollUntil(...)` and
 * the other polled builders compile to six or seven states (src/integrations/poll.ts; the states
 * are listed in docs/builders/polling.md). A group of states with that shape is read back into a
 * builder call, and the call is used only where evaluating it against the real DSL gives those
 * states exactly; otherwise the states are written one by one, as any others.
 */
import type { JsonValue, QueryLanguage, State } from '../model/asl.js';
import { compileWithProblems } from '../compile/compile.js';
import { workflow } from '../dsl/workflow.js';
import type { Chain } from '../dsl/state.js';
import { evaluate, lit, type Code } from './code.js';
import { edgesOf } from './graph.js';
import { loopCalls, type LoopStates } from './loop-calls.js';
import { scopeFor } from './scope.js';
import { sameJson } from './states.js';
import type { ValueContext } from './values.js';

type Json = Record<string, JsonValue>;

/** A loop written as one call. */
export interface FoldedLoop {
  /** The state the loop is entered by: `<name>: start`, or `<name>: begin` for one that starts nothing. */
  head: string;
  /** The loop's name, the prefix of its states' names. */
  prefix: string;
  /** Every state the call makes. */
  members: string[];
  /** Where the loop goes when the work is done (its done state's Next). */
  next?: string;
  /** Where its Catch goes. */
  handler?: string;
  /** The builder call, given how to write the handler. */
  code(handler: Code | undefined): Code;
}

/**
 * The polling loops of one machine (the workflow, a branch, a Map processor) that fold into a
 * call, by head state. `top` is the workflow's query language (the loop's states say JSONata
 * themselves in a JSONPath machine); `placeholder` reads `${Name}` as the module does.
 */
export function foldLoops(
  machine: { StartAt: string; States: Record<string, State> },
  top: QueryLanguage,
  placeholder: ValueContext['placeholder'],
  skip: (head: string) => boolean,
): Map<string, FoldedLoop> {
  const states = machine.States ?? {};
  const out = new Map<string, FoldedLoop>();
  const values: ValueContext = { language: 'JSONata', placeholder };
  for (const name of Object.keys(states)) {
    const loop = loopAt(states, name);
    if (!loop || skip(loop.head) || (loop.members.includes(machine.StartAt) && machine.StartAt !== loop.head) || !closed(states, loop)) continue;
    const stub = loop.handler === undefined ? undefined : lit(loop.handler);
    const call = loopCalls(loop, values).find((candidate) => reproduces(candidate(stub), loop, states, top));
    if (!call) continue;
    out.set(loop.head, {
      head: loop.head,
      prefix: loop.prefix,
      members: loop.members,
      ...(typeof loop.done.Next === 'string' ? { next: loop.done.Next } : {}),
      ...(loop.handler !== undefined ? { handler: loop.handler } : {}),
      code: call,
    });
  }
  return out;
}

/** The loop whose Wait state is `waitName`, when the states around it have pollUntil's shape. */
function loopAt(states: Record<string, State>, waitName: string): LoopStates | undefined {
  const prefix = /^(.+): wait$/.exec(waitName)?.[1];
  if (prefix === undefined) return undefined;
  const get = (name: unknown): Json | undefined => {
    const state = typeof name === 'string' && Object.prototype.hasOwnProperty.call(states, name) ? (states[name] as unknown) : undefined;
    return state && typeof state === 'object' && !Array.isArray(state) ? (state as Json) : undefined;
  };
  const wait = get(waitName);
  if (wait?.Type !== 'Wait' || typeof wait.Seconds !== 'number') return undefined;
  const checkName = `${prefix}: get state`;
  const check = get(checkName);
  if (wait.Next !== checkName || check?.Type !== 'Task' || typeof check.Next !== 'string') return undefined;
  const decideName = check.Next;
  const decide = get(decideName);
  const rules = decide?.Choices;
  if (decide?.Type !== 'Choice' || decide.Default !== waitName || !Array.isArray(rules) || rules.length < 2 || rules.length > 3) return undefined;
  const targets = rules.map((r) => (r && typeof r === 'object' && !Array.isArray(r) && typeof r.Condition === 'string' ? r.Next : undefined));
  if (targets.some((t) => typeof t !== 'string')) return undefined;

  const start = get(`${prefix}: start`);
  const begin = get(`${prefix}: begin`);
  const head = start?.Type === 'Task' && start.Next === waitName ? `${prefix}: start` : begin?.Type === 'Pass' && begin.Next === checkName ? `${prefix}: begin` : undefined;
  if (head === undefined) return undefined;

  const doneName = targets[0] as string;
  const timedOutName = targets[targets.length - 1] as string;
  const failedName = targets.length === 3 ? (targets[1] as string) : undefined;
  const done = get(doneName);
  const ending = (s: Json | undefined) => s?.Type === 'Pass' || s?.Type === 'Fail';
  if (done?.Type !== 'Pass' || !ending(get(timedOutName)) || (failedName !== undefined && !ending(get(failedName)))) return undefined;

  const members = [head, waitName, checkName, decideName, doneName, ...(failedName ? [failedName] : []), timedOutName];
  if (new Set(members).size !== members.length) return undefined;
  const catchers = check.Catch;
  const handler = Array.isArray(catchers) && catchers[0] && typeof catchers[0] === 'object' && !Array.isArray(catchers[0]) && typeof catchers[0].Next === 'string' ? catchers[0].Next : undefined;
  return {
    prefix,
    counter: `polls_${prefix.replace(/[^A-Za-z0-9_]/g, '_')}`,
    head,
    ...(head.endsWith(': start') ? { start: start! } : {}),
    wait,
    check,
    decide,
    done,
    doneName,
    decideName,
    ...(failedName ? { failed: { name: failedName, state: get(failedName)! } } : {}),
    timedOut: { name: timedOutName, state: get(timedOutName)! },
    members,
    ...(handler !== undefined ? { handler } : {}),
  };
}

/**
 * Whether the loop is one piece: nothing outside it goes to a state inside it but its head, and
 * nothing inside it goes anywhere but to its own states, its Catch handler and (from the done
 * state) the state after it.
 */
function closed(states: Record<string, State>, loop: LoopStates): boolean {
  const inside = new Set(loop.members);
  if (typeof loop.done.Next === 'string' && inside.has(loop.done.Next)) return false;
  for (const [name, state] of Object.entries(states)) {
    const targets = edgesOf(state).map(([, target]) => target);
    if (inside.has(name)) {
      if (targets.some((t) => !inside.has(t) && t !== loop.handler && name !== loop.doneName)) return false;
    } else if (targets.some((t) => inside.has(t) && t !== loop.head)) {
      return false;
    }
  }
  return true;
}

/**
 * Whether the call makes the loop's states exactly: evaluated on its own (the handler and the
 * state after the loop by name), compiled in a workflow of the same query language, and compared
 * state by state.
 */
function reproduces(code: Code, loop: LoopStates, states: Record<string, State>, top: QueryLanguage): boolean {
  try {
    const chain = evaluate(code, scopeFor(code)) as Chain;
    if (!chain || typeof chain.next !== 'function') return false;
    const start = typeof loop.done.Next === 'string' ? chain.next(loop.done.Next) : chain;
    const { definition } = compileWithProblems(workflow('loop', { queryLanguage: top, start }));
    return loop.members.every((member) => sameJson(definition.States[member], states[member]));
  } catch {
    return false;
  }
}
