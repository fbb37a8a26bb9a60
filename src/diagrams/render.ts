/**
 * Diagrams of a state machine: Graphviz DOT (laid out to SVG by Graphviz compiled to WebAssembly)
 * and Mermaid. States are boxes (Choice a diamond, Succeed double-bordered, Fail red); Parallel
 * branches and Map processors are nested clusters; Catch edges are dashed, Retriers are marked on
 * the state. Given coverage, covered states and edges are green and uncovered ones red.
 */
import type { State, StateMachineDefinition } from '../model/asl.js';
import { choiceLabel, retryLines, truncate } from './labels.js';
import { machineModel, type GraphEdge, type GraphNode, type MachineModel } from '../model/graph.js';

const COVERED = '#1a7f37';
const UNCOVERED = '#cf222e';
const START = '__start';
const END = '__end';

/** How often each state was entered and each edge taken (by GraphEdge id), e.g. a coverage report's. */
export interface DiagramCoverage {
  states: { counts: Record<string, number> };
  transitions: { counts: Record<string, number> };
}

export interface DiagramOptions {
  title?: string;
  /** Colour states and edges by whether the runs covered them. */
  coverage?: DiagramCoverage;
}

export function toDot(definition: StateMachineDefinition, options: DiagramOptions = {}): string {
  const model = machineModel(definition);
  const cov = options.coverage;
  const lines: string[] = [
    `digraph ${q(options.title ?? 'state machine')} {`,
    '  graph [rankdir=TB, fontname="Helvetica", fontsize=11, nodesep=0.4, ranksep=0.45, labeljust=l];',
    '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#57606a", fontname="Helvetica", fontsize=11, margin="0.15,0.06"];',
    '  edge [fontname="Helvetica", fontsize=9, color="#57606a", fontcolor="#57606a", arrowsize=0.7];',
    `  ${START} [label="", shape=circle, width=0.18, style=filled, fillcolor="#24292f", color="#24292f"];`,
    `  ${END} [label="", shape=doublecircle, width=0.14, style=filled, fillcolor="#24292f", color="#24292f"];`,
  ];
  const children = childrenOf(model);
  const emit = (names: string[], indent: string): void => {
    for (const name of names) {
      const node = model.nodes.get(name)!;
      if (node.branches.length === 0) {
        lines.push(`${indent}${q(name)} [${nodeAttrs(node, cov)}];`);
        continue;
      }
      // A Parallel or Map: a cluster holding its own box and a sub-cluster per branch.
      lines.push(`${indent}subgraph ${q(`cluster_${name}`)} {`, `${indent}  label=${q(`${node.type}: ${name}`)}; style="rounded,dashed"; color="#8c959f"; fontcolor="#57606a";`);
      lines.push(`${indent}  ${q(name)} [${nodeAttrs(node, cov)}];`);
      node.branches.forEach((branch, i) => {
        const inner = children.get(`${name}#${i}`) ?? [];
        if (node.branches.length > 1) lines.push(`${indent}  subgraph ${q(`cluster_${name}#${i}`)} {`, `${indent}    label=${q(`branch ${i + 1}`)}; style="rounded,dotted";`);
        emit(inner, `${indent}${node.branches.length > 1 ? '    ' : '  '}`);
        if (node.branches.length > 1) lines.push(`${indent}  }`);
        lines.push(`${indent}  ${q(name)} -> ${q(branch.StartAt)} [style=dotted, arrowhead=empty${node.type === 'Map' ? ', label="each item"' : ''}];`);
      });
      lines.push(`${indent}}`);
    }
  };
  emit(children.get('') ?? [], '  ');
  lines.push(`  ${START} -> ${q(model.startAt)};`);
  for (const node of model.nodes.values()) if (node.end && !node.parent) lines.push(`  ${q(node.name)} -> ${END};`);
  for (const edge of model.edges) if (edge.kind !== 'retry') lines.push(`  ${q(edge.from)} -> ${q(edge.to)} [${edgeAttrs(edge, cov, model.nodes.get(edge.from)?.state)}];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function childrenOf(model: MachineModel): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const node of model.nodes.values()) {
    const key = node.parent ? `${node.parent.state}#${node.parent.branch}` : '';
    (out.get(key) ?? out.set(key, []).get(key)!).push(node.name);
  }
  return out;
}

function nodeAttrs(node: GraphNode, cov: DiagramOptions['coverage']): string {
  const retries = retryLines(node.state);
  const label = [truncate(node.name, 48), node.type, ...retries].join('\n');
  const attrs = [`label=${q(label)}`, `tooltip=${q(`${node.type} ${node.name}`)}`];
  if (node.type === 'Choice') attrs.push('shape=diamond', 'style=filled', 'margin="0.05,0.03"');
  if (node.type === 'Succeed') attrs.push('peripheries=2');
  if (node.type === 'Fail') attrs.push('color="#cf222e"', 'fontcolor="#82071e"');
  if (cov) {
    const hit = (cov.states.counts[node.name] ?? 0) > 0;
    attrs.push(`fillcolor=${q(hit ? '#dafbe1' : '#ffebe9')}`, `color=${q(hit ? COVERED : UNCOVERED)}`, 'penwidth=1.4');
    const retryIds = retryEdgeIds(node);
    if (retryIds.length > 0) {
      const taken = retryIds.filter((id) => (cov.transitions.counts[id] ?? 0) > 0).length;
      attrs[0] = `label=${q(`${label}\n(${taken}/${retryIds.length} retried)`)}`;
    }
  }
  return attrs.join(', ');
}

function retryEdgeIds(node: GraphNode): string[] {
  const retry = 'Retry' in node.state ? (node.state.Retry ?? []) : [];
  return retry.map((_, i) => `${node.name} retry#${i}`);
}

function shortErrors(errors: string[]): string {
  return errors.length > 2 ? `${errors[0]} +${errors.length - 1}` : errors.join(', ');
}

function edgeAttrs(edge: GraphEdge, cov: DiagramOptions['coverage'], from: State | undefined): string {
  const attrs: string[] = [];
  if (edge.kind === 'catch') attrs.push('style=dashed', `label=${q(`catch ${shortErrors(edge.label.replace(/^catch /, '').split(', '))}`)}`);
  else if (edge.label) attrs.push(`label=${q(from ? choiceLabel(edge, from) : edge.label)}`);
  if (cov) {
    const hit = (cov.transitions.counts[edge.id] ?? 0) > 0;
    attrs.push(`color=${q(hit ? COVERED : UNCOVERED)}`, `fontcolor=${q(hit ? COVERED : UNCOVERED)}`, `penwidth=${hit ? 1.6 : 1.2}`);
    if (!hit && edge.kind !== 'catch') attrs.push('style=dashed');
  } else if (edge.kind === 'catch') attrs.push('color="#bf3989"', 'fontcolor="#bf3989"');
  return attrs.join(', ');
}

function q(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** Mermaid flowchart: the same states, branches as subgraphs. */
export function toMermaid(definition: StateMachineDefinition): string {
  const model = machineModel(definition);
  const ids = new Map([...model.nodes.keys()].map((name, i) => [name, `s${i}`]));
  const id = (name: string) => ids.get(name) ?? 's_unknown';
  const text = (s: string) => s.replace(/"/g, '#quot;');
  const lines = ['flowchart TD', '  start(( ))'];
  const children = childrenOf(model);
  const emit = (names: string[], indent: string): void => {
    for (const name of names) {
      const node = model.nodes.get(name)!;
      const label = text([truncate(name, 48), ...retryLines(node.state)].join('<br/>'));
      const shape = node.type === 'Choice' ? `{"${label}"}` : node.type === 'Succeed' || node.type === 'Fail' ? `(["${label}"])` : `["${label}"]`;
      if (node.branches.length === 0) {
        lines.push(`${indent}${id(name)}${shape}`);
        continue;
      }
      lines.push(`${indent}subgraph ${id(name)}_box ["${text(`${node.type}: ${name}`)}"]`, `${indent}  ${id(name)}${shape}`);
      node.branches.forEach((branch, i) => {
        emit(children.get(`${name}#${i}`) ?? [], `${indent}  `);
        lines.push(`${indent}  ${id(name)} -.-> ${id(branch.StartAt)}`);
      });
      lines.push(`${indent}end`);
    }
  };
  emit(children.get('') ?? [], '  ');
  lines.push(`  start --> ${id(model.startAt)}`);
  for (const edge of model.edges) {
    if (edge.kind === 'retry') continue;
    const from = model.nodes.get(edge.from)?.state;
    const label = edge.kind === 'catch' ? text(edge.label) : edge.label ? text(from ? choiceLabel(edge, from) : edge.label) : '';
    const arrow = edge.kind === 'catch' ? '-.->' : '-->';
    lines.push(`  ${id(edge.from)} ${arrow}${label ? `|"${label}"|` : ''} ${id(edge.to)}`);
  }
  for (const node of model.nodes.values()) if (node.type === 'Fail') lines.push(`  style ${id(node.name)} stroke:#cf222e`);
  return `${lines.join('\n')}\n`;
}

/** SVG, laid out by Graphviz (WebAssembly; loaded on first use). */
export async function toSvg(definition: StateMachineDefinition, options: DiagramOptions = {}): Promise<string> {
  const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
  const graphviz = await Graphviz.load();
  return graphviz.dot(toDot(definition, options), 'svg');
}
