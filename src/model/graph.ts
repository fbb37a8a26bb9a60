/**
 * A state machine as nodes and edges: the shape coverage counts against and `stepwright graph`
 * draws. Edges are the transitions a run can take: Next, each Choice target (rules that share a
 * target are one edge: a run cannot tell them apart), Default, each Catcher and each Retrier.
 */
import type { State, StateMachineDefinition, SubMachine } from './asl.js';
import { subMachines } from './walk.js';

export type EdgeKind = 'next' | 'choice' | 'default' | 'catch' | 'retry';

export interface GraphEdge {
  /** Stable id, e.g. `Train model -> Evaluate model`, `Train model retry#0`. */
  id: string;
  from: string;
  to: string;
  kind: EdgeKind;
  /** What a reader sees on the edge: the Choice rules, the ErrorEquals. */
  label: string;
  /** Catcher / Retrier index, or the Choice rule indexes this edge stands for. */
  indexes: number[];
}

export interface GraphNode {
  name: string;
  type: State['Type'];
  state: State;
  /** The Parallel or Map this state runs in, and which branch (0 for a Map's processor). */
  parent?: { state: string; branch: number };
  /** The first state of each branch (Parallel) or of the processor (Map). */
  branches: SubMachine[];
  end: boolean;
}

export interface MachineModel {
  startAt: string;
  nodes: Map<string, GraphNode>;
  edges: GraphEdge[];
}

export function machineModel(definition: StateMachineDefinition): MachineModel {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const visit = (states: Record<string, State>, parent?: GraphNode['parent']): void => {
    for (const [name, state] of Object.entries(states)) {
      const branches = subMachines(state).map(([, machine]) => machine);
      const end = 'End' in state ? state.End === true : state.Type === 'Succeed' || state.Type === 'Fail';
      nodes.set(name, { name, type: state.Type, state, ...(parent ? { parent } : {}), branches, end });
      edges.push(...edgesOf(name, state));
      branches.forEach((b, i) => visit(b.States, { state: name, branch: i }));
    }
  };
  visit(definition.States);
  return { startAt: definition.StartAt, nodes, edges };
}

function edgesOf(name: string, state: State): GraphEdge[] {
  const out: GraphEdge[] = [];
  if (state.Type === 'Choice') {
    const byTarget = new Map<string, { rules: number[]; isDefault: boolean }>();
    const at = (to: string) => byTarget.get(to) ?? byTarget.set(to, { rules: [], isDefault: false }).get(to)!;
    state.Choices.forEach((rule, i) => rule.Next && at(rule.Next).rules.push(i));
    if (state.Default) at(state.Default).isDefault = true;
    for (const [to, { rules, isDefault }] of byTarget) {
      const parts = rules.map((i) => `rule ${i + 1}`);
      if (isDefault) parts.push('default');
      out.push({ id: `${name} -> ${to}`, from: name, to, kind: rules.length === 0 ? 'default' : 'choice', label: parts.join(', '), indexes: rules });
    }
    return out;
  }
  if ('Retry' in state && state.Retry) {
    state.Retry.forEach((r, i) => out.push({ id: `${name} retry#${i}`, from: name, to: name, kind: 'retry', label: `retry ${r.ErrorEquals.join(', ')}`, indexes: [i] }));
  }
  if ('Catch' in state && state.Catch) {
    state.Catch.forEach((c, i) => out.push({ id: `${name} catch#${i}`, from: name, to: c.Next, kind: 'catch', label: `catch ${c.ErrorEquals.join(', ')}`, indexes: [i] }));
  }
  if ('Next' in state && state.Next) out.push({ id: `${name} -> ${state.Next}`, from: name, to: state.Next, kind: 'next', label: '', indexes: [] });
  return out;
}
