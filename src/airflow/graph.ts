/**
 * The shape of a machine before it becomes tasks: transitions, polling loops recognised and
 * collapsed (the loops stepwright's integrations build for services without `.sync`: start → Wait
 * → check → Choice → back to Wait), and an order in which every state comes after the states
 * that lead to it. Any other cycle cannot be a DAG; it is reported, not broken silently.
 */
import type { State, TaskState } from '../model/asl.js';
import type { Machine } from '../model/walk.js';
import { transitions } from '../model/walk.js';

export interface PollLoop {
  /**
   * `start`: a Task starts the work, then the loop waits and checks (start → Wait → check → Choice).
   * `begin`: the work was started elsewhere; a Pass begins the loop, which checks at once
   * (begin → check → Choice, and Wait → check until done).
   */
  form: 'start' | 'begin';
  /** The Task that starts the work, or the Pass that begins the loop (its Next enters the loop). */
  start: string;
  wait: string;
  check: string;
  choice: string;
  /** Where the loop goes when the work is done. */
  done: string;
  /** The states only the loop's failure exits reach (folded into the operator failing). */
  failureStates: string[];
  pollSeconds: number;
  maxPolls?: number;
}

export interface Edge {
  from: string;
  to: string;
  kind: 'next' | 'choice' | 'catch';
}

export interface MachineShape {
  edges: Edge[];
  loops: Map<string, PollLoop>;
  /** States inside loops (wait, check, choice, failure paths): no task of their own. */
  inLoops: Set<string>;
  order: string[];
  /** Cycles that are not polling loops. */
  cycles: string[][];
}

export function machineShape(machine: Machine): MachineShape {
  const states = machine.States;
  const loops = new Map<string, PollLoop>();
  const inLoops = new Set<string>();
  const cycles: string[][] = [];
  for (const component of stronglyConnected(states)) {
    const loop = pollLoop(component, states);
    if (!loop) {
      cycles.push(component);
      continue;
    }
    loops.set(loop.start, loop);
    for (const name of [loop.wait, loop.check, loop.choice, ...loop.failureStates]) inLoops.add(name);
  }
  const edges: Edge[] = [];
  for (const [name, state] of Object.entries(states)) {
    if (inLoops.has(name)) continue;
    const loop = loops.get(name);
    for (const [field, to] of transitions(state)) {
      const kind: Edge['kind'] = field.startsWith('Catch') ? 'catch' : field === 'Next' ? 'next' : 'choice';
      edges.push({ from: name, to: loop && kind === 'next' ? loop.done : to, kind });
    }
  }
  return { edges, loops, inLoops, order: topological(machine.StartAt, edges), cycles };
}

/** Tarjan's strongly connected components with more than one state (or a state that loops to itself). */
function stronglyConnected(states: Record<string, State>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let counter = 0;
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const [, w] of transitions(states[v]!)) {
      if (!states[w]) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || transitions(states[v]!).some(([, to]) => to === v)) out.push(component.reverse());
    }
  };
  for (const name of Object.keys(states)) if (!index.has(name)) visit(name);
  return out;
}

function pollLoop(component: string[], states: Record<string, State>): PollLoop | undefined {
  const of = (type: State['Type']) => component.filter((name) => states[name]!.Type === type);
  const [wait, check, choice] = [of('Wait'), of('Task'), of('Choice')];
  if (component.length !== 3 || wait.length !== 1 || check.length !== 1 || choice.length !== 1) return undefined;
  const starter = Object.entries(states).find(([name, s]) => !component.includes(name) && s.Type === 'Task' && (s as TaskState).Next === wait[0]);
  const beginner = Object.entries(states).find(([name, s]) => !component.includes(name) && s.Type === 'Pass' && (s as { Next?: string }).Next === check[0]);
  const start = starter ?? beginner;
  const decide = states[choice[0]!];
  if (!start || decide?.Type !== 'Choice' || decide.Choices.length === 0) return undefined;
  const done = decide.Choices[0]!.Next!;
  const failureStates = new Set<string>();
  for (const rule of decide.Choices.slice(1)) collectFailurePath(rule.Next!, states, failureStates);
  const seconds = (states[wait[0]!] as { Seconds?: unknown }).Seconds;
  const maxPolls = decide.Choices.map((r) => /\s>=\s(\d+)\s*%}$/.exec(String(r.Condition ?? ''))?.[1]).find(Boolean);
  return { form: starter ? 'start' : 'begin', start: start[0], wait: wait[0]!, check: check[0]!, choice: choice[0]!, done, failureStates: [...failureStates], pollSeconds: typeof seconds === 'number' ? seconds : 30, ...(maxPolls ? { maxPolls: Number(maxPolls) } : {}) };
}

/** A loop's failure exit: the Pass that carries the error to the loop's catcher, or a Fail. */
function collectFailurePath(name: string, states: Record<string, State>, out: Set<string>): void {
  const state = states[name];
  if (!state) return;
  if (state.Type === 'Fail' || (state.Type === 'Pass' && /continues where the loop's Catch goes/.test(state.Comment ?? ''))) out.add(name);
}

/** Kahn's order from the start state, over the (loop-collapsed) edges. */
function topological(start: string, edges: Edge[]): string[] {
  const reachable = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const name = queue.shift()!;
    for (const e of edges) if (e.from === name && !reachable.has(e.to)) (reachable.add(e.to), queue.push(e.to));
  }
  const indegree = new Map<string, number>([...reachable].map((n) => [n, 0]));
  for (const e of edges) if (reachable.has(e.from) && reachable.has(e.to)) indegree.set(e.to, indegree.get(e.to)! + 1);
  const ready = [...reachable].filter((n) => indegree.get(n) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    const name = ready.shift()!;
    order.push(name);
    for (const e of edges) {
      if (e.from !== name || !reachable.has(e.to)) continue;
      indegree.set(e.to, indegree.get(e.to)! - 1);
      if (indegree.get(e.to) === 0) ready.push(e.to);
    }
  }
  return order;
}
