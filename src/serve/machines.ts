/**
 * State machines as the API keeps them: each with its current revision (definition, role,
 * logging and tracing), its published versions (`<arn>:<n>`, immutable), its aliases
 * (`<arn>:<alias>`, routing to one or two versions by weight) and its tags.
 */
import { randomUUID } from 'node:crypto';
import type { StateMachineDefinition, StateMachineType } from '../model/asl.js';
import { parseArn, stateMachineArn, type Scope } from './arns.js';
import { errors } from './errors.js';
import { isValidName } from './shapes.js';

export interface Revision {
  readonly revisionId: string;
  readonly definition: string;
  readonly parsed: StateMachineDefinition;
  readonly roleArn: string;
  readonly loggingConfiguration: Record<string, unknown>;
  readonly tracingConfiguration: Record<string, unknown>;
  readonly updateDate: Date;
}

export interface Version {
  readonly arn: string;
  readonly number: number;
  readonly revision: Revision;
  readonly description?: string;
  readonly creationDate: Date;
}

export interface Alias {
  readonly arn: string;
  readonly name: string;
  description?: string;
  routing: { stateMachineVersionArn: string; weight: number }[];
  readonly creationDate: Date;
  updateDate: Date;
}

export interface StateMachine {
  readonly name: string;
  readonly arn: string;
  readonly type: StateMachineType;
  readonly creationDate: Date;
  revision: Revision;
  readonly versions: Map<number, Version>;
  nextVersion: number;
  readonly aliases: Map<string, Alias>;
  readonly tags: Map<string, string>;
}

/** What an ARN given to StartExecution / DescribeStateMachine names. */
export interface Resolved {
  machine: StateMachine;
  revision: Revision;
  version?: Version;
  alias?: Alias;
}

export const MAX_TAGS = 50;

export class MachineStore {
  private readonly byArn = new Map<string, StateMachine>();

  constructor(readonly scope: Scope) {}

  all(): StateMachine[] {
    return [...this.byArn.values()];
  }

  create(input: { name: string; definition: string; parsed: StateMachineDefinition; roleArn: string; type: StateMachineType; loggingConfiguration?: Record<string, unknown>; tracingConfiguration?: Record<string, unknown>; tags?: [string, string][] }): { machine: StateMachine; created: boolean } {
    if (!isValidName(input.name)) throw errors.invalidName(input.name);
    const arn = stateMachineArn(this.scope, input.name);
    const existing = this.byArn.get(arn);
    if (existing) {
      // CreateStateMachine is idempotent for the same name, definition, type, logging and tracing.
      const same = existing.type === input.type && existing.revision.definition === input.definition && sameJson(existing.revision.loggingConfiguration, input.loggingConfiguration ?? defaultLogging()) && sameJson(existing.revision.tracingConfiguration, input.tracingConfiguration ?? { enabled: false });
      if (!same) throw errors.stateMachineAlreadyExists(arn);
      return { machine: existing, created: false };
    }
    if ((input.tags?.length ?? 0) > MAX_TAGS) throw errors.tooManyTags(arn);
    const now = new Date();
    const machine: StateMachine = {
      name: input.name,
      arn,
      type: input.type,
      creationDate: now,
      revision: revision(input.definition, input.parsed, input.roleArn, input.loggingConfiguration ?? defaultLogging(), input.tracingConfiguration ?? { enabled: false }, now),
      versions: new Map(),
      nextVersion: 1,
      aliases: new Map(),
      tags: new Map(input.tags ?? []),
    };
    this.byArn.set(arn, machine);
    return { machine, created: true };
  }

  update(machine: StateMachine, change: { definition?: string; parsed?: StateMachineDefinition; roleArn?: string; loggingConfiguration?: Record<string, unknown>; tracingConfiguration?: Record<string, unknown> }): boolean {
    const r = machine.revision;
    const next = {
      definition: change.definition ?? r.definition,
      parsed: change.parsed ?? r.parsed,
      roleArn: change.roleArn ?? r.roleArn,
      loggingConfiguration: change.loggingConfiguration ?? r.loggingConfiguration,
      tracingConfiguration: change.tracingConfiguration ?? r.tracingConfiguration,
    };
    const changed = next.definition !== r.definition || next.roleArn !== r.roleArn || !sameJson(next.loggingConfiguration, r.loggingConfiguration) || !sameJson(next.tracingConfiguration, r.tracingConfiguration);
    if (changed) machine.revision = revision(next.definition, next.parsed, next.roleArn, next.loggingConfiguration, next.tracingConfiguration, new Date());
    return changed;
  }

  delete(arn: string): void {
    this.byArn.delete(arn);
  }

  /** Publishes the current revision; publishing an already published revision returns its version. */
  publish(machine: StateMachine, description?: string): Version {
    for (const v of machine.versions.values()) if (v.revision === machine.revision) return v;
    const number = machine.nextVersion++;
    const version: Version = { arn: `${machine.arn}:${number}`, number, revision: machine.revision, ...(description ? { description } : {}), creationDate: new Date() };
    machine.versions.set(number, version);
    return version;
  }

  /** A state machine's own ARN (no qualifier) → the machine, or StateMachineDoesNotExist. */
  machine(arn: string): StateMachine {
    const parsed = parseArn(arn);
    if (!parsed || parsed.resourceType !== 'stateMachine') throw errors.invalidArn(arn);
    if (parsed.parts.length !== 1) throw errors.invalidArn(arn, 'Resource type not valid in this context');
    const machine = this.byArn.get(arn);
    if (!machine) throw errors.stateMachineDoesNotExist(arn);
    return machine;
  }

  /** A machine, version (`:3`) or alias (`:prod`) ARN → what it runs. An alias picks a version by weight. */
  resolve(arn: string, random: () => number = Math.random): Resolved {
    const parsed = parseArn(arn);
    if (!parsed || parsed.resourceType !== 'stateMachine' || parsed.parts.length > 2) throw errors.invalidArn(arn);
    const base = arn.split(':').slice(0, 7).join(':');
    const machine = this.byArn.get(base);
    const qualifier = parsed.parts[1];
    if (!machine) throw errors.stateMachineDoesNotExist(arn);
    if (qualifier === undefined) return { machine, revision: machine.revision };
    if (/^\d+$/.test(qualifier)) {
      const version = machine.versions.get(Number(qualifier));
      if (!version) throw errors.stateMachineDoesNotExist(arn);
      return { machine, revision: version.revision, version };
    }
    const alias = machine.aliases.get(qualifier);
    if (!alias) throw errors.stateMachineDoesNotExist(arn);
    const pick = pickRoute(alias.routing, random());
    const version = machine.versions.get(Number(pick.split(':').pop()));
    if (!version) throw errors.stateMachineDoesNotExist(pick);
    return { machine, revision: version.revision, version, alias };
  }

  /** The machine and version a version ARN names. */
  version(arn: string): { machine: StateMachine; version: Version } | undefined {
    const parsed = parseArn(arn);
    if (!parsed || parsed.resourceType !== 'stateMachine' || parsed.parts.length !== 2 || !/^\d+$/.test(parsed.parts[1]!)) throw errors.invalidArn(arn);
    const machine = this.byArn.get(arn.split(':').slice(0, 7).join(':'));
    const version = machine?.versions.get(Number(parsed.parts[1]));
    return machine && version ? { machine, version } : undefined;
  }

  /** The machine and alias an alias ARN names. */
  alias(arn: string): { machine: StateMachine; alias: Alias } | undefined {
    const parsed = parseArn(arn);
    if (!parsed || parsed.resourceType !== 'stateMachine' || parsed.parts.length !== 2 || /^\d+$/.test(parsed.parts[1]!)) throw errors.invalidArn(arn);
    const machine = this.byArn.get(arn.split(':').slice(0, 7).join(':'));
    const alias = machine?.aliases.get(parsed.parts[1]!);
    return machine && alias ? { machine, alias } : undefined;
  }

  /** Checks an alias's routing: one or two versions of one machine, weights 0-100 adding up to 100. */
  checkRouting(routing: unknown[]): { machine: StateMachine; routing: Alias['routing'] } {
    const items = routing.map((r) => r as { stateMachineVersionArn?: unknown; weight?: unknown });
    for (const r of items) {
      if (typeof r?.stateMachineVersionArn !== 'string' || typeof r.weight !== 'number' || !Number.isInteger(r.weight) || r.weight < 0 || r.weight > 100) {
        throw errors.validationMessage('Each routing configuration needs a stateMachineVersionArn and an integer weight from 0 to 100');
      }
    }
    if (items.reduce((n, r) => n + (r.weight as number), 0) !== 100) throw errors.validationMessage('Sum of routing configuration weights must be equal to 100');
    const arns = items.map((r) => r.stateMachineVersionArn as string);
    if (new Set(arns).size !== arns.length) throw errors.validationMessage('Routing configuration must contain distinct state machine version ARNs');
    const found = arns.map((a) => {
      const v = this.version(a);
      if (!v) throw errors.resourceNotFound(a);
      return v;
    });
    if (new Set(found.map((f) => f.machine)).size !== 1) throw errors.validationMessage('Routing configuration must route to versions of one state machine');
    return { machine: found[0]!.machine, routing: items.map((r) => ({ stateMachineVersionArn: r.stateMachineVersionArn as string, weight: r.weight as number })) };
  }

  createAlias(name: string, description: string | undefined, routing: unknown[]): { alias: Alias; created: boolean } {
    if (!isValidName(name) || /^\d+$/.test(name)) throw errors.invalidName(name);
    const { machine, routing: checked } = this.checkRouting(routing);
    const existing = machine.aliases.get(name);
    if (existing) {
      if (sameJson(existing.routing, checked) && existing.description === description) return { alias: existing, created: false };
      throw errors.conflict('Failed to create alias because an alias with the same name and a different routing configuration already exists.');
    }
    const now = new Date();
    const alias: Alias = { arn: `${machine.arn}:${name}`, name, ...(description !== undefined ? { description } : {}), routing: checked, creationDate: now, updateDate: now };
    machine.aliases.set(name, alias);
    return { alias, created: true };
  }

  /** Tagged resources: state machines (tags live on the machine, not its versions or aliases). */
  tagged(arn: string): StateMachine {
    const machine = this.byArn.get(arn);
    if (!machine) throw errors.resourceNotFound(arn);
    return machine;
  }
}

function revision(definition: string, parsed: StateMachineDefinition, roleArn: string, loggingConfiguration: Record<string, unknown>, tracingConfiguration: Record<string, unknown>, updateDate: Date): Revision {
  return { revisionId: randomUUID(), definition, parsed, roleArn, loggingConfiguration, tracingConfiguration, updateDate };
}

function defaultLogging(): Record<string, unknown> {
  return { level: 'OFF', includeExecutionData: false };
}

function pickRoute(routing: Alias['routing'], r: number): string {
  let left = r * 100;
  for (const route of routing) {
    if (left < route.weight) return route.stateMachineVersionArn;
    left -= route.weight;
  }
  return routing[routing.length - 1]!.stateMachineVersionArn;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
