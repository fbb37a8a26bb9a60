/**
 * Runs one recorded AWS execution (../shared/conformance/sfn-executions) on the embedded executor
 * and says whether the outcome matches. Recorded Lambda results become mock functions that match
 * calls on their input / parameters, since concurrent Map and Parallel calls complete in any order.
 */
import type { JsonValue, StateMachineDefinition, StateMachineType } from '../../src/model/asl.js';
import { executeDefinition as execute, type MockFunction, type MockResponse } from '../../src/engine/index.js';

export interface RecordedCall {
  input?: JsonValue;
  parameters?: JsonValue;
  resource: string;
  output?: JsonValue;
  error?: string;
  cause?: string;
  cause_is_json?: boolean;
  timed_out?: boolean;
}

export interface ConformanceCase {
  id: string;
  definition: StateMachineDefinition;
  input: JsonValue;
  stateMachineType?: StateMachineType;
  expected: {
    status: string;
    output?: JsonValue;
    error?: string | null;
    cause?: string | null;
    cause_is_json?: boolean;
    compare_cause?: boolean;
  };
  mocks?: Record<string, RecordedCall[]>;
  tags: string[];
}

export interface CaseOutcome {
  pass: boolean;
  /** What differed, for the failure message. */
  detail: string;
}

export function mocksFor(recorded: Record<string, RecordedCall[]> | undefined): Record<string, MockFunction> {
  const mocks: Record<string, MockFunction> = {};
  for (const [state, calls] of Object.entries(recorded ?? {})) {
    const unused = calls.map((_, i) => i);
    mocks[state] = (call) => {
      const sent = (c: RecordedCall): JsonValue | undefined => c.parameters ?? c.input;
      let pick = unused.findIndex((i) => deepEqual(sent(calls[i]!), call.input));
      if (pick < 0) pick = 0;
      const index = unused.splice(pick, 1)[0];
      const c = index === undefined ? undefined : calls[index];
      if (!c) return { Throw: { Error: 'conformance.NoRecordedCall', Cause: `no recorded call left for ${state}` } };
      const response: MockResponse = c.timed_out
        ? { Throw: { Error: c.error ?? 'States.Timeout', Cause: c.cause ?? '' }, DelaySeconds: 1e9 }
        : c.error !== undefined
          ? { Throw: { Error: c.error, ...(c.cause !== undefined ? { Cause: c.cause } : {}) } }
          : { Return: c.output ?? null };
      return response;
    };
  }
  return mocks;
}

export async function runCase(c: ConformanceCase): Promise<CaseOutcome> {
  const run = await execute(c.definition, c.input, { mocks: mocksFor(c.mocks), type: c.stateMachineType ?? 'STANDARD' });
  const exp = c.expected;
  if (run.status !== exp.status) {
    return { pass: false, detail: `status ${run.status} (${run.error ?? ''}: ${run.cause ?? ''}) expected ${exp.status} (${exp.error ?? ''}: ${exp.cause ?? ''})` };
  }
  if (exp.status === 'SUCCEEDED') {
    return deepEqual(run.output, exp.output) ? ok() : { pass: false, detail: `output ${JSON.stringify(run.output)}\nexpected ${JSON.stringify(exp.output)}` };
  }
  if ((run.error ?? null) !== (exp.error ?? null)) return { pass: false, detail: `error ${run.error} expected ${exp.error} (cause ${run.cause})` };
  if (exp.compare_cause === false) return ok();
  const actualCause = run.cause ?? null;
  const expectedCause = exp.cause ?? null;
  const same = exp.cause_is_json && actualCause !== null && expectedCause !== null ? deepEqual(tryParse(actualCause), tryParse(expectedCause)) : actualCause === expectedCause;
  return same ? ok() : { pass: false, detail: `cause ${JSON.stringify(actualCause)}\nexpected ${JSON.stringify(expectedCause)}` };
}

function ok(): CaseOutcome {
  return { pass: true, detail: '' };
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => deepEqual(ao[k], bo[k]));
}
