/**
 * The context object (`$$` in JSONPath, `$states.context` in JSONata). The execution-wide part is
 * built once; each state gets a small object on top (State, Task, Map), never a copy of the input.
 */
import type { JsonObject, JsonValue, StateMachineType } from '../model/asl.js';
import { isoTime } from './clock.js';
import type { Random } from './random.js';

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_ACCOUNT = '123456789012';

/** Per-run overrides for the context object, e.g. `{ Execution: { Name: 'nightly-2024-06-01' } }`. */
export interface ContextOverrides {
  Execution?: { Id?: string; Name?: string; RoleArn?: string; StartTime?: string; RedriveCount?: number; RedriveTime?: string; [key: string]: JsonValue | undefined };
  StateMachine?: { Id?: string; Name?: string; [key: string]: JsonValue | undefined };
  [key: string]: JsonValue | undefined | Record<string, JsonValue | undefined>;
}

export interface ExecutionContext {
  Execution: JsonObject;
  StateMachine: JsonObject;
  /** Any other top-level keys the caller supplied. */
  extra: JsonObject;
}

export function buildExecutionContext(input: JsonValue, startMs: number, type: StateMachineType, random: Random, overrides: ContextOverrides = {}): ExecutionContext {
  const machineName = overrides.StateMachine?.Name ?? 'StateMachine';
  const machineId = overrides.StateMachine?.Id ?? `arn:aws:states:${DEFAULT_REGION}:${DEFAULT_ACCOUNT}:stateMachine:${machineName}`;
  const executionName = overrides.Execution?.Name ?? random.uuid();
  const executionId =
    overrides.Execution?.Id ??
    (type === 'EXPRESS'
      ? `arn:aws:states:${DEFAULT_REGION}:${DEFAULT_ACCOUNT}:express:${machineName}:${executionName}:${random.uuid()}`
      : `arn:aws:states:${DEFAULT_REGION}:${DEFAULT_ACCOUNT}:execution:${machineName}:${executionName}`);
  const Execution: JsonObject = {
    Id: executionId,
    Input: input,
    StartTime: isoTime(startMs),
    Name: executionName,
    RoleArn: `arn:aws:iam::${DEFAULT_ACCOUNT}:role/service-role/StepFunctions-${machineName}-role`,
    RedriveCount: 0,
  };
  for (const [k, v] of Object.entries(overrides.Execution ?? {})) if (v !== undefined) Execution[k] = v;
  const StateMachine: JsonObject = { Id: machineId, Name: machineName };
  for (const [k, v] of Object.entries(overrides.StateMachine ?? {})) if (v !== undefined) StateMachine[k] = v;
  const extra: JsonObject = {};
  for (const [k, v] of Object.entries(overrides)) if (k !== 'Execution' && k !== 'StateMachine' && v !== undefined) extra[k] = v as JsonValue;
  return { Execution, StateMachine, extra };
}

export interface StateContextParts {
  name: string;
  enteredMs: number;
  retryCount: number;
  taskToken?: string;
  mapItem?: { Index: number; Value: JsonValue };
}

/** The context object a state sees. Key order follows AWS's (Execution, State, StateMachine, Task, Map). */
export function stateContext(base: ExecutionContext, parts: StateContextParts): JsonObject {
  const ctx: JsonObject = {
    ...base.extra,
    Execution: base.Execution,
    State: { Name: parts.name, EnteredTime: isoTime(parts.enteredMs), RetryCount: parts.retryCount },
    StateMachine: base.StateMachine,
  };
  if (parts.taskToken !== undefined) ctx.Task = { Token: parts.taskToken };
  if (parts.mapItem) ctx.Map = { Item: { Index: parts.mapItem.Index, Value: parts.mapItem.Value } };
  return ctx;
}
