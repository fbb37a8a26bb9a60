/**
 * Executions on the embedded engine: STANDARD ones run in the background (StartExecution returns
 * at once) on real time or a scaled clock, EXPRESS ones synchronously (StartSyncExecution) or in
 * the background. A running execution's history is read live; a finished one keeps its result
 * until `retain` newer executions have finished, so memory stays bounded however long the
 * endpoint runs.
 */
import { randomUUID } from 'node:crypto';
import type { JsonValue } from '../model/asl.js';
import { isStepwrightError } from '../model/errors.js';
import { executeDefinition, StartExecutionError, type ExecutionResult, type ExecutionStatus, type HistoryEvent, type RunningExecution } from '../engine/index.js';
import { executionArn, parseArn, type Scope } from './arns.js';
import { ApiError, errors } from './errors.js';
import type { MachineStore, Revision, StateMachine } from './machines.js';
import type { MockConfigSource } from './mock-config.js';
import { isValidName } from './shapes.js';
import type { TaskTokens } from './task-tokens.js';

export type Status = 'RUNNING' | ExecutionStatus;

export interface Execution {
  readonly arn: string;
  readonly name: string;
  readonly machine: StateMachine;
  readonly revision: Revision;
  readonly versionArn?: string;
  readonly aliasArn?: string;
  readonly express: boolean;
  readonly input: string;
  readonly traceHeader?: string;
  readonly startDate: Date;
  status: Status;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  /** Live while running, the final list after. */
  history: () => readonly HistoryEvent[];
  readonly done: Promise<void>;
  readonly stop: AbortController;
  readonly tokens: Set<string>;
  stopDetails?: { error?: string; cause?: string };
}

export interface RunSettings {
  /** Real seconds per second of execution time: 1 is real time, 0 never waits. */
  timeScale: number;
  /** Finished executions kept for Describe/GetExecutionHistory/List (the oldest are dropped first). */
  retain: number;
  /** Executions running at once before StartExecution answers ExecutionLimitExceeded. */
  maxRunning: number;
}

/** Per-request choices a test harness may send (see docs): the start time and the random seed. */
export interface StartOverrides {
  startTime?: Date;
  seed?: number | string;
}

export class ExecutionStore {
  private readonly byArn = new Map<string, Execution>();
  /** Finished, in the order they finished: the first ones go when `retain` is exceeded. */
  private readonly finished: Execution[] = [];
  private running = 0;
  private closing = false;

  constructor(
    private readonly scope: Scope,
    private readonly machines: MachineStore,
    private readonly mocks: MockConfigSource,
    private readonly tokens: TaskTokens,
    private readonly settings: RunSettings,
  ) {}

  get runningCount(): number {
    return this.running;
  }

  /** StartExecution and StartSyncExecution: validates, then starts the run in the background. */
  async start(request: { stateMachineArn: string; name?: string; input?: string; traceHeader?: string }, overrides: StartOverrides = {}, sync = false): Promise<Execution> {
    if (this.closing) throw errors.internalFailure('The endpoint is shutting down');
    const [target, testCase, ...extra] = request.stateMachineArn.split('#');
    if (extra.length > 0 || testCase === '') throw errors.invalidArn(request.stateMachineArn);
    const resolved = this.machines.resolve(target!);
    const { machine, revision } = resolved;
    const express = machine.type === 'EXPRESS';
    if (sync && !express) throw errors.stateMachineTypeNotSupported('This operation is not supported by this type of state machine');
    const name = request.name ?? randomUUID();
    if (!isValidName(name)) throw errors.invalidName(name);
    const inputText = request.input ?? '{}';
    let input: JsonValue;
    try {
      input = JSON.parse(inputText) as JsonValue;
    } catch (e) {
      throw errors.invalidExecutionInput((e as Error).message);
    }
    const arn = executionArn(this.scope, machine.name, name, express ? randomUUID() : undefined);
    const existing = this.byArn.get(arn);
    if (existing) {
      // Idempotent for a running STANDARD execution given the same input; otherwise the name is taken.
      if (existing.status === 'RUNNING' && existing.input === inputText) return existing;
      throw errors.executionAlreadyExists(arn);
    }
    if (this.running >= this.settings.maxRunning) throw errors.executionLimitExceeded(this.settings.maxRunning);
    const mocks = this.mocks.mocksFor(revision.parsed, machine.name, target!, testCase);

    const tokens = new Set<string>();
    const stop = new AbortController();
    let view: RunningExecution | undefined;
    const startDate = overrides.startTime ?? new Date();
    const running = executeDefinition(revision.parsed, input, {
      mocks,
      type: machine.type,
      clock: { start: startDate, scale: this.settings.timeScale },
      seed: overrides.seed ?? randomUUID(),
      context: { Execution: { Id: arn, Name: name, RoleArn: revision.roleArn }, StateMachine: { Id: machine.arn, Name: machine.name } },
      signal: stop.signal,
      callbacks: this.tokens.callbacksFor(tokens),
      observe: (v) => (view = v),
    });
    if (!view) {
      // The engine refused before starting (a mock for a state that is not a Task, ...): say why.
      throw await refusal(running);
    }
    const live = view;
    this.running++;
    let settle!: () => void;
    const execution: Execution = {
      arn,
      name,
      machine,
      revision,
      ...(resolved.version && !resolved.alias ? { versionArn: resolved.version.arn } : {}),
      ...(resolved.alias ? { aliasArn: resolved.alias.arn, versionArn: resolved.version!.arn } : {}),
      express,
      input: inputText,
      ...(request.traceHeader !== undefined ? { traceHeader: request.traceHeader } : {}),
      startDate,
      status: 'RUNNING',
      history: () => live.history(),
      done: new Promise((resolve) => (settle = resolve)),
      stop,
      tokens,
    };
    running.then(
      (result) => this.finish(execution, result),
      (bug: unknown) => {
        // A bug in stepwright must not take the endpoint down: the execution fails and says so.
        process.stderr.write(`stepwright serve: internal error in ${arn}\n${(bug as Error)?.stack ?? String(bug)}\n`);
        this.finish(execution, { status: 'FAILED', error: 'stepwright.InternalError', cause: String((bug as Error)?.message ?? bug), history: [...live.history()], startDate, stopDate: new Date() });
      },
    ).finally(settle);
    if (!express || !sync) this.byArn.set(arn, execution);
    return execution;
  }

  private finish(execution: Execution, result: ExecutionResult): void {
    this.running--;
    execution.status = result.status;
    execution.stopDate = result.stopDate;
    if (result.status === 'SUCCEEDED') execution.output = JSON.stringify(result.output ?? null);
    if (result.error !== undefined) execution.error = result.error;
    if (result.cause !== undefined) execution.cause = result.cause;
    const history = result.history;
    if (result.status === 'ABORTED' && execution.stopDetails) {
      // StopExecution's error and cause, as AWS records them on ExecutionAborted.
      const last = history[history.length - 1];
      if (last?.type === 'ExecutionAborted') last.executionAbortedEventDetails = { ...execution.stopDetails };
      if (execution.stopDetails.error !== undefined) execution.error = execution.stopDetails.error;
      if (execution.stopDetails.cause !== undefined) execution.cause = execution.stopDetails.cause;
    }
    execution.history = () => history;
    this.tokens.closeAll(execution.tokens);
    if (execution.express) {
      this.byArn.delete(execution.arn);
      this.tokens.forget(execution.tokens);
      return;
    }
    this.finished.push(execution);
    while (this.finished.length > this.settings.retain) {
      const old = this.finished.shift()!;
      this.byArn.delete(old.arn);
      this.tokens.forget(old.tokens);
    }
  }

  /** A STANDARD execution by ARN (EXPRESS executions are not kept, as on AWS). */
  get(arn: string): Execution {
    const parsed = parseArn(arn);
    if (!parsed || (parsed.resourceType !== 'execution' && parsed.resourceType !== 'express')) throw errors.invalidArn(arn);
    if (parsed.resourceType === 'express') throw errors.invalidArn(arn, 'Resource type not valid in this context: express');
    const execution = this.byArn.get(arn);
    if (!execution) throw errors.executionDoesNotExist(arn);
    return execution;
  }

  /** Executions started from `arn` (a machine, version or alias ARN), newest first. */
  list(arn: string, status?: string): Execution[] {
    const parsed = parseArn(arn);
    if (!parsed || parsed.resourceType !== 'stateMachine' || parsed.parts.length > 2) throw errors.invalidArn(arn);
    const base = this.machines.resolve(arn.split(':').slice(0, 7).join(':')).machine;
    if (base.type === 'EXPRESS') throw errors.stateMachineTypeNotSupported('This operation is not supported by this type of state machine');
    if (parsed.parts.length === 2) {
      if (/^\d+$/.test(parsed.parts[1]!) ? !this.machines.version(arn) : !this.machines.alias(arn)) throw errors.stateMachineDoesNotExist(arn);
    }
    const matches = (e: Execution) => (parsed.parts.length === 1 ? e.machine === base : e.versionArn === arn || e.aliasArn === arn);
    return [...this.byArn.values()]
      .filter((e) => matches(e) && (status === undefined || e.status === status))
      .sort((a, b) => b.startDate.getTime() - a.startDate.getTime() || (a.arn < b.arn ? -1 : 1));
  }

  async stopExecution(arn: string, error?: string, cause?: string): Promise<Date> {
    const execution = this.get(arn);
    if (execution.status === 'RUNNING') {
      execution.stopDetails = { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) };
      execution.stop.abort();
      await execution.done;
    }
    return execution.stopDate ?? new Date();
  }

  /** Stops every running execution (the endpoint is closing). */
  async stopAll(): Promise<void> {
    this.closing = true;
    const running = [...this.byArn.values()].filter((e) => e.status === 'RUNNING');
    for (const e of running) e.stop.abort();
    await Promise.all(running.map((e) => e.done));
  }
}

function refusal(running: Promise<unknown>): Promise<Error> {
  return running.then(
    () => errors.internalFailure('the execution did not start'),
    (e: unknown) =>
      // The engine refuses as StartExecution does (an input over 256 KiB of UTF-8): answer with AWS's own error.
      e instanceof StartExecutionError
        ? new ApiError(e.code, e.awsMessage)
        : isStepwrightError(e)
          ? errors.validationMessage(e.problems.map((p) => `${p.state ? `${p.state}: ` : ''}${p.message}`).join('; '))
          : errors.internalFailure(String(e)),
  );
}
