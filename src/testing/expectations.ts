/**
 * The checks behind the Jest matchers and scenario files' `expect`, as plain functions: each says
 * whether a run meets an expectation and, when it does not, where the run diverged, with the
 * expected and received values to diff. Jest and the CLI only differ in how they print that.
 */
import type { WorkflowRun } from './run.js';
import { truncate } from './format.js';

/** Deep equality; Jest passes its own (which understands `expect.any(...)` and friends). */
export type Equals = (actual: unknown, expected: unknown) => boolean;

export interface CheckResult {
  pass: boolean;
  /** What happened, in a sentence naming the state where the run diverged. */
  message: string;
  /** Values to diff when they are the point (outputs, arguments, variables). */
  diff?: { expected: unknown; received: unknown };
}

export function checkSucceeded(run: WorkflowRun): CheckResult {
  if (run.status === 'SUCCEEDED') return { pass: true, message: `the run succeeded` };
  return { pass: false, message: describeEnd(run) };
}

/** `partial`: only the fields given must match (like toMatchObject); arrays match item by item. */
export function checkOutput(run: WorkflowRun, expected: unknown, partial: boolean, equals: Equals = deepEqual): CheckResult {
  if (run.status !== 'SUCCEEDED') return { pass: false, message: describeEnd(run) };
  const pass = partial ? matchesSubset(run.output, expected, equals) : equals(run.output, expected);
  const last = lastTopLevel(run);
  const received = partial ? projectOnto(run.output, expected) : run.output;
  return { pass, message: pass ? 'the output matches' : `the output${last ? ` (after "${last}")` : ''} differs`, diff: { expected, received } };
}

export function checkFailed(run: WorkflowRun, error?: unknown, cause?: unknown, equals: Equals = deepEqual): CheckResult {
  if (run.status !== 'FAILED') return { pass: false, message: run.status === 'SUCCEEDED' ? 'the run succeeded' : describeEnd(run) };
  const errorOk = error === undefined || equals(run.error, error);
  const causeOk = cause === undefined || (cause instanceof RegExp ? cause.test(run.cause ?? '') : equals(run.cause, cause));
  const at = run.failedAt ? ` at state "${run.failedAt.name}"` : '';
  const expected: Record<string, unknown> = {};
  const received: Record<string, unknown> = {};
  if (error !== undefined) (expected.error = error), (received.error = run.error);
  if (cause !== undefined) (expected.cause = cause instanceof RegExp ? String(cause) : cause), (received.cause = run.cause);
  return { pass: errorOk && causeOk, message: `the run failed${at} with ${run.error ?? '(no error)'}`, diff: { expected, received } };
}

/** The states appear in the path in this order (other states may come between them). */
export function checkVisited(run: WorkflowRun, states: string[]): CheckResult {
  const unknown = states.filter((s) => !run.model.nodes.has(s));
  if (unknown.length > 0) return { pass: false, message: noSuchStates(run, unknown) };
  let at = -1;
  for (let k = 0; k < states.length; k++) {
    const found = run.path.indexOf(states[k]!, at + 1);
    if (found < 0) {
      const after = k === 0 ? 'from the start' : `after "${states[k - 1]}"`;
      const went = run.path.slice(at + 1, at + 6);
      const where = went.length > 0 ? `the run went ${went.map((s) => `"${s}"`).join(' → ')}${run.path.length > at + 6 ? ' → …' : ''}` : 'the run went no further';
      const seen = run.path.includes(states[k]!) ? ` ("${states[k]}" was entered earlier)` : '';
      return { pass: false, message: `expected "${states[k]}" ${after}, but ${where}${seen}`, diff: { expected: states, received: run.path } };
    }
    at = found;
  }
  return { pass: true, message: `the run visited ${states.map((s) => `"${s}"`).join(' → ')} in order` };
}

export function checkRetried(run: WorkflowRun, state: string, times: number): CheckResult {
  if (!run.model.nodes.has(state)) return { pass: false, message: noSuchStates(run, [state]) };
  const actual = run.retriesOf(state);
  const errors = run.visits.filter((v) => v.name === state).flatMap((v) => v.failures.map((f) => `${f.error}${f.retried ? ' (retried)' : f.caught ? ' (caught)' : ''}`));
  const seen = errors.length > 0 ? `; its failures: ${errors.join(', ')}` : run.path.includes(state) ? '' : '; it was never entered';
  return { pass: actual === times, message: `"${state}" was retried ${actual} time${actual === 1 ? '' : 's'}${seen}` };
}

export function checkCaught(run: WorkflowRun, state: string, error?: string): CheckResult {
  if (!run.model.nodes.has(state)) return { pass: false, message: noSuchStates(run, [state]) };
  const caught = run.caughtAt(state);
  const pass = error === undefined ? caught.length > 0 : caught.some((f) => f.error === error);
  const what = caught.length > 0 ? `"${state}" caught ${caught.map((f) => `${f.error} → "${f.caught!.next}"`).join(', ')}` : `"${state}" caught nothing${run.path.includes(state) ? '' : ' (it was never entered)'}`;
  return { pass, message: what };
}

export function checkCalled(run: WorkflowRun, key: string, args?: unknown, equals: Equals = deepEqual): CheckResult {
  const calls = run.callsTo(key);
  if (calls.length === 0 && !run.model.nodes.has(key) && !key.includes(':')) return { pass: false, message: noSuchStates(run, [key]) };
  if (args === undefined) return { pass: calls.length > 0, message: `"${key}" was called ${calls.length} time${calls.length === 1 ? '' : 's'}` };
  const pass = calls.some((c) => matchesSubset(c.input, args, equals));
  const received = calls.length === 1 ? projectOnto(calls[0]!.input, args) : calls.map((c) => projectOnto(c.input, args));
  return { pass, message: calls.length === 0 ? `"${key}" was never called` : `no call of "${key}" had these arguments (${calls.length} call${calls.length === 1 ? '' : 's'})`, diff: { expected: args, received } };
}

/** The variables given have these values at the end (others may exist). */
export function checkVariables(run: WorkflowRun, expected: Record<string, unknown>, equals: Equals = deepEqual): CheckResult {
  const pass = matchesSubset(run.variables, expected, equals);
  return { pass, message: pass ? 'the variables match' : 'the variables at the end differ', diff: { expected, received: projectOnto(run.variables, expected) } };
}

function describeEnd(run: WorkflowRun): string {
  if (run.status === 'SUCCEEDED') return 'the run succeeded';
  const at = run.failedAt ? ` at state "${run.failedAt.name}"` : '';
  const error = run.error ? ` with ${run.error}` : '';
  const cause = run.cause ? `: ${truncate(run.cause, 300)}` : '';
  return `the run ${run.status}${at}${error}${cause}`;
}

function lastTopLevel(run: WorkflowRun): string | undefined {
  return [...run.visits].reverse().find((v) => v.depth === 0)?.name;
}

function noSuchStates(run: WorkflowRun, names: string[]): string {
  return `${run.workflow} has no state named ${names.map((n) => `"${n}"`).join(', ')}; its states: ${[...run.model.nodes.keys()].map((n) => `"${n}"`).join(', ')}`;
}

/** Objects match when every expected key matches; arrays item by item; the rest by `equals`. */
export function matchesSubset(actual: unknown, expected: unknown, equals: Equals = deepEqual): boolean {
  if (isAsymmetric(expected)) return equals(actual, expected);
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matchesSubset(actual[i], e, equals));
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return false;
    return Object.entries(expected).every(([k, v]) => k in actual && matchesSubset(actual[k], v, equals));
  }
  return equals(actual, expected);
}

/** The received value cut down to the keys expected mentions, so a partial diff shows only what matters (as toMatchObject does). */
function projectOnto(received: unknown, expected: unknown): unknown {
  if (isAsymmetric(expected)) return received;
  if (Array.isArray(expected) && Array.isArray(received)) return received.map((r, i) => (i < expected.length ? projectOnto(r, expected[i]) : r));
  if (isPlainObject(expected) && isPlainObject(received)) {
    return Object.fromEntries(Object.keys(expected).filter((k) => k in received).map((k) => [k, projectOnto(received[k], expected[k])]));
  }
  return received;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isAsymmetric(v: unknown): boolean {
  return isPlainObject(v) && typeof (v as { asymmetricMatch?: unknown }).asymmetricMatch === 'function';
}
