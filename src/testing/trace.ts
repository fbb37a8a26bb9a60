/**
 * Reads an execution history (GetExecutionHistory's shape) back into what a test asks about: the
 * states visited in order, each attempt's failure, which were retried or caught and by which
 * Retrier / Catcher, the transitions taken, the task calls and the variables at the end.
 *
 * Events link to the previous event of their own thread (previousEventId), so concurrent Parallel
 * branches and Map iterations untangle without guessing. The one exception is the event that ends a
 * Parallel or Map: it follows its branches' last event, so it is matched to the open container
 * whose Started event its thread leads back to.
 */
import type { JsonValue, State } from '../model/asl.js';
import { errorMatches } from '../engine/errors-match.js';
import type { HistoryEvent } from '../engine/index.js';
import type { EdgeKind, MachineModel } from '../model/graph.js';

export interface Failure {
  error: string;
  cause: string;
  at: Date;
  /** Retried by Retry[retrier] after delaySeconds of virtual time. */
  retried?: { retrier: number; delaySeconds: number };
  /** Caught by Catch[catcher], going to `next`. */
  caught?: { catcher: number; next: string };
}

export interface Visit {
  name: string;
  type: State['Type'];
  /** The Parallel or Map visit this one ran inside. */
  parent?: Visit;
  depth: number;
  enteredAt: Date;
  exitedAt?: Date;
  input: JsonValue;
  output?: JsonValue;
  /** Calls made (Task), or times the branches were started (Parallel, Map). */
  attempts: number;
  failures: Failure[];
  /** Variables assigned when the state exited. */
  assigned?: Record<string, JsonValue>;
  /** The state entered next in the same thread. */
  next?: string;
}

export interface Transition {
  from: string;
  to: string;
  kind: EdgeKind;
  /** The model edge this is, e.g. `Train model -> Evaluate model` or `Check data quality catch#0`. */
  edge: string;
}

export interface TaskCallRecord {
  state: string;
  /** The Task's Resource as written in the definition. */
  resource: string;
  /** The request sent: the effective Parameters / Arguments. */
  input: JsonValue;
  /** 0 on the first try. */
  attempt: number;
  at: Date;
}

export interface Trace {
  visits: Visit[];
  transitions: Transition[];
  calls: TaskCallRecord[];
  /** Top-level variables at the end of the run. */
  variables: Record<string, JsonValue>;
  /** Retry edges exercised (model edge ids), once per retry. */
  retryEdges: string[];
}

const FAILURE = new Set(['TaskFailed', 'TaskTimedOut', 'LambdaFunctionFailed', 'LambdaFunctionTimedOut', 'ParallelStateFailed', 'MapStateFailed', 'EvaluationFailed']);
const ATTEMPT = new Set(['TaskScheduled', 'LambdaFunctionScheduled', 'ParallelStateStarted', 'MapStateStarted']);
const CONTAINER_END: Record<string, 'Parallel' | 'Map'> = {
  ParallelStateSucceeded: 'Parallel', ParallelStateFailed: 'Parallel', ParallelStateAborted: 'Parallel',
  MapStateSucceeded: 'Map', MapStateFailed: 'Map', MapStateAborted: 'Map',
  MapRunSucceeded: 'Map', MapRunFailed: 'Map', MapRunAborted: 'Map',
};

export function traceRun(history: HistoryEvent[], model: MachineModel): Trace {
  const byId = new Map(history.map((e) => [e.id, e]));
  const owner = new Map<number, Visit>();
  const failureOf = new Map<number, { visit: Visit; failure: Failure }>();
  const openContainers: { visit: Visit; started: number; ended: boolean }[] = [];
  const visits: Visit[] = [];
  const transitions: Transition[] = [];
  const calls: TaskCallRecord[] = [];
  const retryEdges: string[] = [];
  const exits: { id: number; visit: Visit }[] = [];

  for (const event of history) {
    const prev = byId.get(event.previousEventId);
    const details = detailsOf(event);
    if (event.type.endsWith('StateEntered')) {
      const name = String(details.name);
      const parent = prev && !prev.type.endsWith('StateExited') ? containerOf(prev, owner) : prev ? owner.get(prev.id)?.parent : undefined;
      const visit: Visit = {
        name,
        type: model.nodes.get(name)?.type ?? (event.type.replace('StateEntered', '') as State['Type']),
        ...(parent ? { parent } : {}),
        depth: parent ? parent.depth + 1 : 0,
        enteredAt: event.timestamp,
        input: parseJson(details.input),
        attempts: 0,
        failures: [],
      };
      visits.push(visit);
      owner.set(event.id, visit);
      if (prev?.type.endsWith('StateExited')) {
        const from = owner.get(prev.id);
        if (from) {
          from.next = name;
          transitions.push(transitionOf(from, name, byId.get(prev.previousEventId), failureOf, model));
        }
      }
      continue;
    }
    const kind = CONTAINER_END[event.type];
    const visit = kind ? closeContainer(event, kind, openContainers, byId) : prev ? owner.get(prev.id) : undefined;
    if (!visit) continue;
    owner.set(event.id, visit);

    if (ATTEMPT.has(event.type)) {
      visit.attempts++;
      if (event.type.endsWith('StateStarted')) openContainers.push({ visit, started: event.id, ended: false });
      const failed = prev && failureOf.get(prev.id);
      if (failed) {
        const retrier = matchIndex(model.nodes.get(visit.name)?.state, 'Retry', failed.failure.error);
        failed.failure.retried = { retrier, delaySeconds: (event.timestamp.getTime() - failed.failure.at.getTime()) / 1000 };
        retryEdges.push(`${visit.name} retry#${retrier}`);
      }
      if (event.type === 'TaskScheduled' || event.type === 'LambdaFunctionScheduled') {
        const node = model.nodes.get(visit.name);
        const resource = node?.state.Type === 'Task' ? node.state.Resource : String(details.resource);
        calls.push({ state: visit.name, resource, input: parseJson(details.parameters ?? details.input), attempt: visit.attempts - 1, at: event.timestamp });
      }
    }
    if (FAILURE.has(event.type)) {
      const { error, cause } = errorOf(event, history, model);
      const failure: Failure = { error, cause, at: event.timestamp };
      visit.failures.push(failure);
      failureOf.set(event.id, { visit, failure });
    }
    if (event.type.endsWith('StateExited')) {
      visit.exitedAt = event.timestamp;
      visit.output = parseJson(details.output);
      const assigned = details.assignedVariables as Record<string, string> | undefined;
      if (assigned) visit.assigned = Object.fromEntries(Object.entries(assigned).map(([k, v]) => [k, parseJson(v)]));
      exits.push({ id: event.id, visit });
    }
  }

  // Branches get copies of the variables; only top-level assignments last to the end.
  const variables: Record<string, JsonValue> = {};
  for (const { visit } of exits) if (!visit.parent && visit.assigned) Object.assign(variables, visit.assigned);
  return { visits, transitions, calls, variables, retryEdges };
}

/** The first state of a branch: its container is the visit that started the branch. */
function containerOf(prev: HistoryEvent, owner: Map<number, Visit>): Visit | undefined {
  if (prev.type === 'ExecutionStarted') return undefined;
  return owner.get(prev.id);
}

function closeContainer(event: HistoryEvent, kind: 'Parallel' | 'Map', open: { visit: Visit; started: number; ended: boolean }[], byId: Map<number, HistoryEvent>): Visit | undefined {
  const candidates = open.filter((c) => c.visit.type === kind);
  if (candidates.length === 0) return undefined;
  // The ending event follows its last branch's last event (or its own Started, with no items);
  // walking back along previousEventId from there reaches that container's Started event.
  const chain = new Set<number>();
  for (let e = byId.get(event.previousEventId); e; e = byId.get(e.previousEventId)) {
    chain.add(e.id);
    if (e.type === 'ExecutionStarted') break;
  }
  const match = [...candidates].reverse().find((c) => chain.has(c.started)) ?? candidates[candidates.length - 1]!;
  if (!event.type.startsWith('MapRun') && !event.type.endsWith('Started')) open.splice(open.indexOf(match), 1);
  return match.visit;
}

function transitionOf(from: Visit, to: string, beforeExit: HistoryEvent | undefined, failureOf: Map<number, { failure: Failure }>, model: MachineModel): Transition {
  const failed = beforeExit && failureOf.get(beforeExit.id);
  const node = model.nodes.get(from.name);
  if (failed) {
    const catcher = matchIndex(node?.state, 'Catch', failed.failure.error);
    failed.failure.caught = { catcher, next: to };
    return { from: from.name, to, kind: 'catch', edge: `${from.name} catch#${catcher}` };
  }
  const edge = model.edges.find((e) => e.from === from.name && e.to === to && (e.kind === 'next' || e.kind === 'choice' || e.kind === 'default'));
  return { from: from.name, to, kind: edge?.kind ?? 'next', edge: edge?.id ?? `${from.name} -> ${to}` };
}

/** The Retrier or Catcher the engine would have picked: the first whose ErrorEquals matches. */
function matchIndex(state: State | undefined, field: 'Retry' | 'Catch', error: string): number {
  const list = state && field in state ? ((state as { Retry?: { ErrorEquals: string[] }[]; Catch?: { ErrorEquals: string[] }[] })[field] ?? []) : [];
  return Math.max(0, list.findIndex((r) => errorMatches(r.ErrorEquals, error)));
}

/**
 * A Parallel or Map failure event carries no error: it is that of the branch failure before it
 * (a failed task, or a Fail state, whose Error we read from the definition when it is static).
 */
function errorOf(event: HistoryEvent, history: HistoryEvent[], model: MachineModel): { error: string; cause: string } {
  for (let i = event.id - 1; i >= 0; i--) {
    const e = history[i]!;
    const d = detailsOf(e);
    if (typeof d.error === 'string') return { error: d.error, cause: typeof d.cause === 'string' ? d.cause : '' };
    if (e.type === 'FailStateEntered') {
      const state = model.nodes.get(String(d.name))?.state;
      const error = state?.Type === 'Fail' && typeof state.Error === 'string' && !state.Error.startsWith('{%') ? state.Error : '';
      return { error, cause: state?.Type === 'Fail' && typeof state.Cause === 'string' && !state.Cause.startsWith('{%') ? state.Cause : '' };
    }
    if (e.type === 'ExecutionStarted') break;
  }
  return { error: '', cause: '' };
}

function detailsOf(event: HistoryEvent): Record<string, unknown> {
  for (const [key, value] of Object.entries(event)) if (key.endsWith('EventDetails') && value) return value as Record<string, unknown>;
  return {};
}

function parseJson(text: unknown): JsonValue {
  if (typeof text !== 'string') return (text ?? null) as JsonValue;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}
