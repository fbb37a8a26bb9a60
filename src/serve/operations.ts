/**
 * The Step Functions operations, each a small function of the request body over the endpoint's
 * state (machines, executions, task tokens). Shapes and names are the API reference's.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { StateMachineType } from '../model/asl.js';
import type { HistoryEvent } from '../engine/index.js';
import { checkDefinition, diagnose } from './definitions.js';
import { errors } from './errors.js';
import type { Execution, ExecutionStore, StartOverrides } from './executions.js';
import { MAX_TAGS, type MachineStore, type StateMachine } from './machines.js';
import { makeToken, page, pageSize, readToken } from './paging.js';
import type { TaskTokens } from './task-tokens.js';
import { testState } from './test-state.js';

export interface Context {
  machines: MachineStore;
  executions: ExecutionStore;
  tokens: TaskTokens;
  headers: IncomingHttpHeaders;
}

type Body = Record<string, any>; // checked against shapes.ts before a handler runs
type Handler = (body: Body, ctx: Context) => unknown;

export const HANDLERS: Record<string, Handler> = {
  CreateStateMachine(b, { machines }) {
    const type: StateMachineType = b.type ?? 'STANDARD';
    if (!b.publish && b.versionDescription) throw errors.validationMessage('Version description can only be set when publish is true');
    const parsed = checkDefinition(b.definition, type);
    const { machine } = machines.create({ name: b.name, definition: b.definition, parsed, roleArn: b.roleArn, type, loggingConfiguration: b.loggingConfiguration, tracingConfiguration: b.tracingConfiguration, tags: tagPairs(b.tags) });
    const version = b.publish ? machines.publish(machine, b.versionDescription) : undefined;
    return { stateMachineArn: machine.arn, creationDate: machine.creationDate, ...(version ? { stateMachineVersionArn: version.arn } : {}) };
  },

  DescribeStateMachine(b, { machines }) {
    const qualified = b.stateMachineArn.split(':').length === 8;
    const found = qualified ? machines.version(b.stateMachineArn) : undefined;
    if (qualified && !found) throw errors.stateMachineDoesNotExist(b.stateMachineArn);
    const machine = found?.machine ?? machines.machine(b.stateMachineArn);
    const revision = found?.version.revision ?? machine.revision;
    return {
      stateMachineArn: found?.version.arn ?? machine.arn,
      name: machine.name,
      status: 'ACTIVE',
      definition: revision.definition,
      roleArn: revision.roleArn,
      type: machine.type,
      creationDate: found?.version.creationDate ?? machine.creationDate,
      loggingConfiguration: revision.loggingConfiguration,
      tracingConfiguration: revision.tracingConfiguration,
      revisionId: revision.revisionId,
      ...(found?.version.description ? { description: found.version.description } : {}),
    };
  },

  UpdateStateMachine(b, { machines }) {
    const machine = machines.machine(b.stateMachineArn);
    if (b.definition === undefined && b.roleArn === undefined && b.loggingConfiguration === undefined && b.tracingConfiguration === undefined) {
      throw errors.missingRequiredParameter('Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified');
    }
    if (!b.publish && b.versionDescription) throw errors.validationMessage('Version description can only be set when publish is true');
    const parsed = b.definition !== undefined ? checkDefinition(b.definition, machine.type) : undefined;
    machines.update(machine, { definition: b.definition, ...(parsed ? { parsed } : {}), roleArn: b.roleArn, loggingConfiguration: b.loggingConfiguration, tracingConfiguration: b.tracingConfiguration });
    const version = b.publish ? machines.publish(machine, b.versionDescription) : undefined;
    return { updateDate: machine.revision.updateDate, revisionId: machine.revision.revisionId, ...(version ? { stateMachineVersionArn: version.arn } : {}) };
  },

  DeleteStateMachine(b, { machines }) {
    try {
      machines.delete(machines.machine(b.stateMachineArn).arn);
    } catch (e) {
      if ((e as { type?: string }).type !== 'StateMachineDoesNotExist') throw e; // deleting what is gone succeeds
    }
    return {};
  },

  ListStateMachines(b, { machines }) {
    const all = machines.all().sort((x, y) => (x.name < y.name ? -1 : 1));
    const { items, nextToken } = page(all, 'machines', b);
    return { stateMachines: items.map((m) => ({ stateMachineArn: m.arn, name: m.name, type: m.type, creationDate: m.creationDate })), ...(nextToken ? { nextToken } : {}) };
  },

  DescribeStateMachineForExecution(b, { executions }) {
    const e = executions.get(b.executionArn);
    return {
      stateMachineArn: e.versionArn ?? e.machine.arn,
      name: e.machine.name,
      definition: e.revision.definition,
      roleArn: e.revision.roleArn,
      updateDate: e.revision.updateDate,
      loggingConfiguration: e.revision.loggingConfiguration,
      tracingConfiguration: e.revision.tracingConfiguration,
      revisionId: e.revision.revisionId,
    };
  },

  PublishStateMachineVersion(b, { machines }) {
    const machine = machines.machine(b.stateMachineArn);
    if (b.revisionId !== undefined && b.revisionId !== machine.revision.revisionId) {
      throw errors.conflict(`Failed to publish the State Machine version for revision ${b.revisionId}. The current State Machine revision is ${machine.revision.revisionId}.`);
    }
    const version = machines.publish(machine, b.description);
    return { creationDate: version.creationDate, stateMachineVersionArn: version.arn };
  },

  ListStateMachineVersions(b, { machines }) {
    const machine = machines.machine(b.stateMachineArn);
    const versions = [...machine.versions.values()].sort((x, y) => y.number - x.number);
    const { items, nextToken } = page(versions, `versions|${machine.arn}`, b);
    return { stateMachineVersions: items.map((v) => ({ stateMachineVersionArn: v.arn, creationDate: v.creationDate })), ...(nextToken ? { nextToken } : {}) };
  },

  DeleteStateMachineVersion(b, { machines }) {
    const found = machines.version(b.stateMachineVersionArn);
    if (!found) return {};
    const routedBy = [...found.machine.aliases.values()].filter((a) => a.routing.some((r) => r.stateMachineVersionArn === found.version.arn)).map((a) => a.name);
    if (routedBy.length > 0) {
      throw errors.conflict(`Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [${routedBy.join(', ')}]`);
    }
    found.machine.versions.delete(found.version.number);
    return {};
  },

  CreateStateMachineAlias(b, { machines }) {
    const { alias } = machines.createAlias(b.name, b.description, b.routingConfiguration);
    return { stateMachineAliasArn: alias.arn, creationDate: alias.creationDate };
  },

  DescribeStateMachineAlias(b, { machines }) {
    const found = machines.alias(b.stateMachineAliasArn);
    if (!found) throw errors.resourceNotFound(b.stateMachineAliasArn);
    const a = found.alias;
    return { stateMachineAliasArn: a.arn, name: a.name, ...(a.description !== undefined ? { description: a.description } : {}), routingConfiguration: a.routing, creationDate: a.creationDate, updateDate: a.updateDate };
  },

  UpdateStateMachineAlias(b, { machines }) {
    if (b.description === undefined && b.routingConfiguration === undefined) throw errors.missingRequiredParameter('Either the description or the RoutingConfiguration must be specified');
    const found = machines.alias(b.stateMachineAliasArn);
    if (!found) throw errors.resourceNotFound(b.stateMachineAliasArn);
    if (b.routingConfiguration !== undefined) {
      const { machine, routing } = machines.checkRouting(b.routingConfiguration);
      if (machine !== found.machine) throw errors.validationMessage('An alias can only route to versions of its own state machine');
      found.alias.routing = routing;
    }
    if (b.description !== undefined) found.alias.description = b.description;
    found.alias.updateDate = new Date();
    return { updateDate: found.alias.updateDate };
  },

  DeleteStateMachineAlias(b, { machines }) {
    const found = machines.alias(b.stateMachineAliasArn);
    if (found) found.machine.aliases.delete(found.alias.name);
    return {};
  },

  ListStateMachineAliases(b, { machines }) {
    const machine = machines.machine(b.stateMachineArn);
    const aliases = [...machine.aliases.values()].sort((x, y) => x.creationDate.getTime() - y.creationDate.getTime());
    const { items, nextToken } = page(aliases, `aliases|${machine.arn}`, b);
    return { stateMachineAliases: items.map((a) => ({ stateMachineAliasArn: a.arn, creationDate: a.creationDate })), ...(nextToken ? { nextToken } : {}) };
  },

  TagResource(b, { machines }) {
    const machine = machines.tagged(b.resourceArn);
    const merged = new Map(machine.tags);
    for (const [k, v] of tagPairs(b.tags)) merged.set(k, v);
    if (merged.size > MAX_TAGS) throw errors.tooManyTags(b.resourceArn);
    for (const [k, v] of merged) machine.tags.set(k, v);
    return {};
  },

  UntagResource(b, { machines }) {
    const machine = machines.tagged(b.resourceArn);
    for (const key of b.tagKeys as unknown[]) machine.tags.delete(String(key));
    return {};
  },

  ListTagsForResource(b, { machines }) {
    return { tags: [...machines.tagged(b.resourceArn).tags].map(([key, value]) => ({ key, value })) };
  },

  ValidateStateMachineDefinition(b) {
    const { diagnostics } = diagnose(b.definition, b.type ?? 'STANDARD');
    const max = typeof b.maxResults === 'number' && b.maxResults > 0 ? b.maxResults : 100;
    const shown = b.severity === 'WARNING' ? diagnostics : diagnostics.filter((d) => d.severity === 'ERROR');
    return { result: diagnostics.length === 0 ? 'OK' : 'FAIL', diagnostics: shown.slice(0, max), truncated: shown.length > max };
  },

  async StartExecution(b, { executions, headers }) {
    const e = await executions.start(b as never, overrides(headers));
    return { executionArn: e.arn, startDate: e.startDate };
  },

  async StartSyncExecution(b, { executions, headers }) {
    const e = await executions.start(b as never, overrides(headers), true);
    await e.done;
    const included = b.includedData !== 'METADATA_ONLY';
    return {
      executionArn: e.arn,
      stateMachineArn: e.machine.arn,
      name: e.name,
      startDate: e.startDate,
      stopDate: e.stopDate,
      status: e.status,
      ...(e.error !== undefined ? { error: e.error } : {}),
      ...(e.cause !== undefined ? { cause: e.cause } : {}),
      ...(included ? { input: e.input, inputDetails: { included: true } } : {}),
      ...(included && e.output !== undefined ? { output: e.output, outputDetails: { included: true } } : {}),
      ...(e.traceHeader !== undefined ? { traceHeader: e.traceHeader } : {}),
    };
  },

  DescribeExecution(b, { executions }) {
    return describe(executions.get(b.executionArn), b.includedData !== 'METADATA_ONLY');
  },

  GetExecutionHistory(b, { executions }) {
    const e = executions.get(b.executionArn);
    const events = e.history();
    const reverse = b.reverseOrder === true;
    const key = `history|${e.arn}|${reverse}`;
    const size = pageSize(b.maxResults);
    // Positions are event ids, so a page stays right while a running execution adds events.
    const from = readToken(b.nextToken, key) ?? (reverse ? events.length : 1);
    const last = reverse ? Math.max(1, from - size + 1) : Math.min(events.length, from + size - 1);
    const ids = (reverse ? from >= 1 : from <= events.length) ? range(from, last) : [];
    const withData = b.includeExecutionData !== false;
    const out = ids.map((id) => (withData ? events[id - 1]! : withoutData(events[id - 1]!)));
    const next = reverse ? from - size : from + size;
    const more = reverse ? next >= 1 : next <= events.length;
    return { events: out, ...(more ? { nextToken: makeToken(key, next) } : {}) };
  },

  ListExecutions(b, { executions }) {
    if (b.mapRunArn !== undefined) throw errors.validationMessage('The local endpoint does not serve Map Runs: list executions by stateMachineArn');
    if (b.stateMachineArn === undefined) throw errors.validation(['Must provide a StateMachine ARN or MapRun ARN']);
    if (b.redriveFilter === 'REDRIVEN') return { executions: [] };
    const all = executions.list(b.stateMachineArn, b.statusFilter);
    const { items, nextToken } = page(all, `executions|${b.stateMachineArn}|${b.statusFilter ?? ''}`, b);
    return {
      executions: items.map((e) => ({
        executionArn: e.arn,
        stateMachineArn: e.machine.arn,
        name: e.name,
        status: e.status,
        startDate: e.startDate,
        ...(e.stopDate ? { stopDate: e.stopDate } : {}),
        ...(e.versionArn ? { stateMachineVersionArn: e.versionArn } : {}),
        ...(e.aliasArn ? { stateMachineAliasArn: e.aliasArn } : {}),
        redriveCount: 0,
      })),
      ...(nextToken ? { nextToken } : {}),
    };
  },

  async StopExecution(b, { executions }) {
    return { stopDate: await executions.stopExecution(b.executionArn, b.error, b.cause) };
  },

  SendTaskSuccess(b, { tokens }) {
    tokens.succeed(b.taskToken, b.output);
    return {};
  },

  SendTaskFailure(b, { tokens }) {
    tokens.fail(b.taskToken, b.error, b.cause);
    return {};
  },

  SendTaskHeartbeat(b, { tokens }) {
    tokens.heartbeat(b.taskToken);
    return {};
  },

  TestState(b) {
    return testState(b as never);
  },
};

function describe(e: Execution, included: boolean): Record<string, unknown> {
  return {
    executionArn: e.arn,
    stateMachineArn: e.machine.arn,
    name: e.name,
    status: e.status,
    startDate: e.startDate,
    ...(e.stopDate ? { stopDate: e.stopDate } : {}),
    ...(included ? { input: e.input, inputDetails: { included: true } } : {}),
    ...(included && e.output !== undefined ? { output: e.output, outputDetails: { included: true } } : {}),
    ...(e.error !== undefined ? { error: e.error } : {}),
    ...(e.cause !== undefined ? { cause: e.cause } : {}),
    ...(e.traceHeader !== undefined ? { traceHeader: e.traceHeader } : {}),
    ...(e.versionArn ? { stateMachineVersionArn: e.versionArn } : {}),
    ...(e.aliasArn ? { stateMachineAliasArn: e.aliasArn } : {}),
    redriveCount: 0,
  };
}

/** `includeExecutionData: false`: events without their inputs and outputs. */
function withoutData(event: HistoryEvent): HistoryEvent {
  const out: HistoryEvent = { ...event };
  for (const [key, value] of Object.entries(event)) {
    if (!key.endsWith('EventDetails') || !value || typeof value !== 'object') continue;
    const { input: _i, output: _o, inputDetails: _id, outputDetails: _od, ...rest } = value as Record<string, unknown>;
    out[key as `${string}EventDetails`] = rest;
  }
  return out;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  if (from <= to) for (let i = from; i <= to; i++) out.push(i);
  else for (let i = from; i >= to; i--) out.push(i);
  return out;
}

function tagPairs(tags: unknown): [string, string][] {
  if (tags === undefined) return [];
  return (tags as { key?: unknown; value?: unknown }[]).map((t) => {
    if (typeof t?.key !== 'string' || t.key.length === 0 || t.key.length > 128) throw errors.validationMessage('Each tag needs a key of 1 to 128 characters');
    if (t.value !== undefined && (typeof t.value !== 'string' || t.value.length > 256)) throw errors.validationMessage('A tag value is a string of at most 256 characters');
    return [t.key, (t.value as string | undefined) ?? ''];
  });
}

/**
 * A test harness may fix an execution's start time and random seed (`X-Stepwright-Start-Time`,
 * `X-Stepwright-Seed`), so a run over the endpoint repeats the embedded one exactly. Other
 * endpoints ignore the headers.
 */
function overrides(headers: IncomingHttpHeaders): StartOverrides {
  const start = headers['x-stepwright-start-time'];
  const seed = headers['x-stepwright-seed'];
  const out: StartOverrides = {};
  if (typeof start === 'string') {
    const ms = Date.parse(start);
    if (Number.isNaN(ms)) throw errors.validationMessage(`X-Stepwright-Start-Time is not a time: '${start}'`);
    out.startTime = new Date(ms);
  }
  if (typeof seed === 'string') out.seed = seedValue(seed);
  return out;
}

/** The seed as JSON (a number or a quoted string, as scenario files give it), else the text itself. */
function seedValue(text: string): number | string {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'number' || typeof value === 'string') return value;
  } catch {
    // plain text
  }
  return text;
}

export type { StateMachine };
