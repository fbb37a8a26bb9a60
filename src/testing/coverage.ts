/**
 * Coverage of workflows across runs: how often each state was entered and each transition taken
 * (Next, Choice targets, Default, every Catcher, every Retrier). Every `runWorkflow` records into
 * the process's collector; `coverageReport()` turns it into `out/coverage/coverage.json`'s shape.
 */
import type { StateMachineDefinition } from '../model/asl.js';
import { table } from '../model/table.js';
import { machineModel, type GraphEdge } from '../model/graph.js';

export interface Counted {
  total: number;
  covered: number;
  /** covered / total × 100, one decimal; 100 when there is nothing to cover. */
  percent: number;
  /** Count per state name / edge id, including the zeros. */
  counts: Record<string, number>;
}

export interface WorkflowCoverage {
  runs: number;
  states: Counted;
  transitions: Counted;
  /** The edges, so a report can draw what was and was not taken. */
  edges: GraphEdge[];
  definition: StateMachineDefinition;
}

export interface CoverageReport {
  workflows: Record<string, WorkflowCoverage>;
  total: { states: Omit<Counted, 'counts'>; transitions: Omit<Counted, 'counts'> };
}

interface Entry {
  definition: StateMachineDefinition;
  runs: number;
  states: Map<string, number>;
  edges: Map<string, number>;
}

/** What a run must offer to be counted (WorkflowRun does). */
export interface CoverableRun {
  workflow: string;
  definition: StateMachineDefinition;
  visits: { name: string }[];
  transitions: { edge: string }[];
  retryEdges: string[];
}

export class CoverageCollector {
  private readonly entries = new Map<string, Entry>();

  record(run: CoverableRun): void {
    let entry = this.entries.get(run.workflow);
    // A workflow redefined under the same name (a test's own variant) starts its own count.
    if (!entry || JSON.stringify(entry.definition) !== JSON.stringify(run.definition)) {
      entry = { definition: run.definition, runs: 0, states: new Map(), edges: new Map() };
      this.entries.set(run.workflow, entry);
    }
    entry.runs++;
    for (const v of run.visits) bump(entry.states, v.name);
    for (const t of run.transitions) bump(entry.edges, t.edge);
    for (const e of run.retryEdges) bump(entry.edges, e);
  }

  /** Coverage of the workflows recorded so far (only `only` when given). */
  report(only?: Iterable<string>): CoverageReport {
    const names = only ? [...only] : [...this.entries.keys()];
    const workflows: Record<string, WorkflowCoverage> = {};
    for (const name of names.sort()) {
      const entry = this.entries.get(name);
      if (entry) workflows[name] = summarise(entry);
    }
    return { workflows, total: totals(Object.values(workflows)) };
  }

  clear(): void {
    this.entries.clear();
  }
}

/** The collector every `runWorkflow` in this process records into. */
export const coverage = new CoverageCollector();

export function recordRun(run: CoverableRun): void {
  coverage.record(run);
}

function summarise(entry: Entry): WorkflowCoverage {
  const model = machineModel(entry.definition);
  const stateCounts: Record<string, number> = {};
  for (const name of model.nodes.keys()) stateCounts[name] = entry.states.get(name) ?? 0;
  const edgeCounts: Record<string, number> = {};
  for (const edge of model.edges) edgeCounts[edge.id] = entry.edges.get(edge.id) ?? 0;
  return { runs: entry.runs, states: counted(stateCounts), transitions: counted(edgeCounts), edges: model.edges, definition: entry.definition };
}

function counted(counts: Record<string, number>): Counted {
  const total = Object.keys(counts).length;
  const covered = Object.values(counts).filter((n) => n > 0).length;
  return { total, covered, percent: percent(covered, total), counts };
}

function totals(list: WorkflowCoverage[]): CoverageReport['total'] {
  const runs = list.reduce((n, w) => n + w.runs, 0);
  const sum = (pick: (w: WorkflowCoverage) => Counted) => {
    const total = list.reduce((n, w) => n + pick(w).total, 0);
    const covered = list.reduce((n, w) => n + pick(w).covered, 0);
    // Nothing ran: nothing is covered (not "100% of nothing", which would pass any --min-coverage).
    return { total, covered, percent: runs === 0 ? 0 : percent(covered, total) };
  };
  return { states: sum((w) => w.states), transitions: sum((w) => w.transitions) };
}

function percent(covered: number, total: number): number {
  return total === 0 ? 100 : Math.floor((covered / total) * 1000) / 10;
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** The coverage table printed by `stepwright test`. */
export function coverageTable(report: CoverageReport): string {
  const rows = Object.entries(report.workflows).map(([name, w]) => [
    name,
    String(w.runs),
    `${w.states.covered}/${w.states.total}`,
    `${w.states.percent}%`,
    `${w.transitions.covered}/${w.transitions.total}`,
    `${w.transitions.percent}%`,
  ]);
  const t = report.total;
  const runs = Object.values(report.workflows).reduce((n, w) => n + w.runs, 0);
  const shown = (p: number) => (runs === 0 ? '–' : `${p}%`);
  rows.push(['all', String(runs), `${t.states.covered}/${t.states.total}`, shown(t.states.percent), `${t.transitions.covered}/${t.transitions.total}`, shown(t.transitions.percent)]);
  return table(['workflow', 'runs', 'states', '%', 'transitions', '%'], rows);
}

/** What was not covered, one line per state / edge, for the summary under the table. */
export function uncovered(report: CoverageReport): string[] {
  const lines: string[] = [];
  for (const [name, w] of Object.entries(report.workflows)) {
    for (const [state, n] of Object.entries(w.states.counts)) if (n === 0) lines.push(`${name}: state "${state}" never entered`);
    for (const edge of w.edges) if (!w.transitions.counts[edge.id]) lines.push(`${name}: ${describeEdge(edge)} never taken`);
  }
  return lines;
}

export function describeEdge(edge: GraphEdge): string {
  if (edge.kind === 'retry') return `"${edge.from}" Retry[${edge.indexes[0]}] (${edge.label.replace(/^retry /, '')})`;
  if (edge.kind === 'catch') return `"${edge.from}" Catch[${edge.indexes[0]}] → "${edge.to}"`;
  if (edge.kind === 'choice' || edge.kind === 'default') return `"${edge.from}" ${edge.label} → "${edge.to}"`;
  return `"${edge.from}" → "${edge.to}"`;
}
