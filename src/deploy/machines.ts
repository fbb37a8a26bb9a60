/**
 * State machines, their versions and aliases.
 *
 * A state machine is in sync when its latest revision (definition, role, logging, tracing) is the
 * project's, and its alias points at a version of exactly that revision. A change is written with
 * Create/UpdateStateMachine and `publish: true` (one call: the revision and its version), then the
 * alias is moved. A deploy stopped between the two is finished by the next one: it finds the
 * published version and only moves the alias.
 *
 * Versions are found by number: DescribeStateMachine takes a version ARN (`...:ingest:7`), and
 * numbers only grow and are never reused. That asks for one version at a time where
 * ListStateMachineVersions would list them, but works against every server, moto included.
 */
import {
  CreateStateMachineAliasCommand,
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeStateMachineAliasCommand,
  DescribeStateMachineCommand,
  ListStateMachinesCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateStateMachineAliasCommand,
  UpdateStateMachineCommand,
  type DescribeStateMachineCommandOutput,
} from '@aws-sdk/client-sfn';
import { StepwrightError, type Location } from '../model/errors.js';
import { isError } from './aws.js';
import { differingFields, parseJsonText, sameData, tagChanges, tagRecord, type TagChanges } from './compare.js';
import type { DesiredMachine, DesiredState, LoggingConfiguration } from './desired.js';
import { conflict, type Session } from './session.js';
import { isOwned, stateMachineArn } from './settings.js';

const NOT_FOUND = ['StateMachineDoesNotExist', 'ResourceNotFound'];

/** A revision as compared: what a version freezes. */
interface Revision {
  definition: unknown;
  roleArn: string | undefined;
  logging: LoggingConfiguration;
  tracing: { enabled: boolean };
}

function revisionOf(d: DescribeStateMachineCommandOutput): Revision {
  return {
    definition: parseJsonText(d.definition),
    roleArn: d.roleArn,
    logging: normalLogging(d.loggingConfiguration as Partial<LoggingConfiguration> | undefined),
    tracing: { enabled: d.tracingConfiguration?.enabled === true },
  };
}

function desiredRevision(m: DesiredMachine): Revision {
  return { definition: JSON.parse(m.definition), roleArn: m.roleArn, logging: normalLogging(m.logging), tracing: m.tracing };
}

/** AWS leaves out what is off; absent and off are the same setting. */
function normalLogging(l: Partial<LoggingConfiguration> | undefined): LoggingConfiguration {
  const level = l?.level ?? 'OFF';
  const destinations = (l?.destinations ?? []).map((d) => ({ cloudWatchLogsLogGroup: { logGroupArn: d.cloudWatchLogsLogGroup?.logGroupArn ?? '' } }));
  return { level, includeExecutionData: l?.includeExecutionData === true, ...(destinations.length > 0 ? { destinations } : {}) };
}

const FIELD_NAMES: Record<keyof Revision, string> = { definition: 'definition', roleArn: 'role', logging: 'logging', tracing: 'tracing' };

/** The version number at the end of a version ARN. */
export function versionNumber(versionArn: string): number {
  return Number(versionArn.slice(versionArn.lastIndexOf(':') + 1));
}

export async function planMachines(session: Session, desired: DesiredState): Promise<void> {
  const wanted = new Set(desired.machines.map((m) => m.name));
  await Promise.all([...desired.machines.map((m) => planMachine(session, m)), pruneMachines(session, wanted)]);
}

async function planMachine(session: Session, m: DesiredMachine): Promise<void> {
  const { sfn } = session.clients;
  const where = m.where;
  const latest = await session.call(where, 'DescribeStateMachine', () => sfn.send(new DescribeStateMachineCommand({ stateMachineArn: m.arn })), ...NOT_FOUND);
  const want = desiredRevision(m);
  const aliasName = `${m.name}:${session.settings.alias}`;

  if (!latest) {
    const target: { versionArn?: string } = {};
    session.step({
      phase: 'state machines and versions',
      where,
      changes: [
        { action: 'create', type: 'state-machine', name: m.name, detail: m.type },
        { action: 'create', type: 'version', name: m.name, detail: 'version 1' },
      ],
      run: async () => {
        target.versionArn = await createMachine(session, m);
        return `version ${versionNumber(target.versionArn)}`;
      },
    });
    session.step(aliasStep(session, m, 'create', target, aliasName));
    return;
  }

  const tags = tagRecord((await session.must(where, 'ListTagsForResource', () => sfn.send(new ListTagsForResourceCommand({ resourceArn: m.arn })))).tags);
  if (!isOwned(tags, session.settings)) {
    session.conflicts.push(conflict(where, `state machine "${m.name}"`, tags, session));
    return;
  }
  if (latest.type !== m.type) {
    session.conflicts.push({ ...where, field: 'type', message: `the deployed state machine is ${latest.type}, the workflow says ${m.type}; AWS cannot change a state machine's type`, fix: 'rename the workflow (deploy creates the new one and deletes the old), or run stepwright destroy first' });
    return;
  }
  const tagUpdate = tagChanges(tags, m.tags);
  const latestDiffers = differingFields(revisionOf(latest) as unknown as Record<string, unknown>, want as unknown as Record<string, unknown>) as (keyof Revision)[];

  const alias = await session.call(where, 'DescribeStateMachineAlias', () => sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: m.aliasArn })), ...NOT_FOUND);
  const routes = alias?.routingConfiguration ?? [];
  const aliasVersion = routes.length === 1 && routes[0]!.stateMachineVersionArn ? routes[0]!.stateMachineVersionArn : undefined;
  const aliasAction = alias ? 'update' : 'create';
  const target: { versionArn?: string } = {};

  if (latestDiffers.length > 0) {
    session.step({
      phase: 'state machines and versions',
      where,
      changes: [
        { action: 'update', type: 'state-machine', name: m.name, detail: [...latestDiffers.map((f) => FIELD_NAMES[f]), ...(tagUpdate ? ['tags'] : [])].join(', ') },
        { action: 'create', type: 'version', name: m.name },
      ],
      run: async () => {
        if (tagUpdate) await retag(session, m, tagUpdate);
        target.versionArn = await publish(session, m);
        return `version ${versionNumber(target.versionArn)}`;
      },
    });
    session.step(aliasStep(session, m, aliasAction, target, aliasName));
    return;
  }

  if (tagUpdate) {
    session.step({ phase: 'state machines and versions', where, changes: [{ action: 'update', type: 'state-machine', name: m.name, detail: 'tags' }], run: () => retag(session, m, tagUpdate) });
  }
  if (aliasVersion && sameData(revisionOf(await describeVersion(session, m, aliasVersion)), want)) return;

  // The latest revision is right but the alias is not on it (a rollback, or a deploy stopped after
  // publishing): the newest version of that revision, if there is one, else publish one.
  const found = await newestVersionOf(session, m, want, aliasVersion ? versionNumber(aliasVersion) + 1 : 1);
  if (found) {
    target.versionArn = found;
    session.step(aliasStep(session, m, aliasAction, target, aliasName));
    return;
  }
  session.step({
    phase: 'state machines and versions',
    where,
    changes: [{ action: 'create', type: 'version', name: m.name }],
    run: async () => {
      target.versionArn = await publish(session, m);
      return `version ${versionNumber(target.versionArn)}`;
    },
  });
  session.step(aliasStep(session, m, aliasAction, target, aliasName));
}

async function describeVersion(session: Session, m: DesiredMachine, versionArn: string): Promise<DescribeStateMachineCommandOutput> {
  return session.must(m.where, 'DescribeStateMachine', () => session.clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: versionArn })));
}

/** The newest version, numbered `from` or above, whose revision is `want`. */
async function newestVersionOf(session: Session, m: DesiredMachine, want: Revision, from: number): Promise<string | undefined> {
  let found: string | undefined;
  for (let n = from; ; n++) {
    const arn = `${m.arn}:${n}`;
    const version = await session.call(m.where, 'DescribeStateMachine', () => session.clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn })), ...NOT_FOUND);
    if (!version) return found;
    if (sameData(revisionOf(version), want)) found = arn;
  }
}

function aliasStep(session: Session, m: DesiredMachine, action: 'create' | 'update', target: { versionArn?: string }, aliasName: string) {
  return {
    phase: 'aliases' as const,
    where: m.where,
    changes: [{ action, type: 'alias' as const, name: aliasName, ...(target.versionArn ? { detail: `to version ${versionNumber(target.versionArn)}` } : {}) }],
    run: async () => {
      await pointAlias(session, m, target.versionArn!, action === 'update');
      return `→ version ${versionNumber(target.versionArn!)}`;
    },
  };
}

/** Creates the state machine with its first version; returns the version's ARN. */
async function createMachine(session: Session, m: DesiredMachine): Promise<string> {
  const { sfn } = session.clients;
  const created = await session.call(
    m.where,
    'CreateStateMachine',
    () =>
      retryWhileRoleIsNew(() =>
        sfn.send(
          new CreateStateMachineCommand({
            name: m.name,
            definition: m.definition,
            roleArn: m.roleArn,
            type: m.type,
            loggingConfiguration: m.logging,
            tracingConfiguration: m.tracing,
            tags: Object.entries(m.tags).map(([key, value]) => ({ key, value })),
            publish: true,
          }),
        ),
      ),
    'StateMachineAlreadyExists',
  );
  // Already there (a retried call whose answer was lost, or a race): make it ours and publish.
  if (created?.stateMachineVersionArn) return created.stateMachineVersionArn;
  const tags = tagRecord((await session.must(m.where, 'ListTagsForResource', () => sfn.send(new ListTagsForResourceCommand({ resourceArn: m.arn })))).tags);
  if (!isOwned(tags, session.settings)) throw new StepwrightError(conflict(m.where, `state machine "${m.name}"`, tags, session));
  return publish(session, m);
}

/** Writes the project's revision as the latest and publishes it; returns the version's ARN. */
async function publish(session: Session, m: DesiredMachine): Promise<string> {
  const out = await session.must(m.where, 'UpdateStateMachine', () =>
    retryWhileRoleIsNew(() =>
      session.clients.sfn.send(
        new UpdateStateMachineCommand({ stateMachineArn: m.arn, definition: m.definition, roleArn: m.roleArn, loggingConfiguration: m.logging, tracingConfiguration: m.tracing, publish: true }),
      ),
    ),
  );
  if (!out.stateMachineVersionArn) throw new Error(`UpdateStateMachine with publish: true returned no version for ${m.arn}`);
  return out.stateMachineVersionArn;
}

/** Points the alias at one version (creating the alias when `exists` is false); each falls back to the other if the account disagrees. */
export async function pointAlias(session: Session, m: { aliasArn: string; arn: string; where: Location }, versionArn: string, exists: boolean): Promise<void> {
  const { sfn } = session.clients;
  const routingConfiguration = [{ stateMachineVersionArn: versionArn, weight: 100 }];
  const update = () => session.call(m.where, 'UpdateStateMachineAlias', () => sfn.send(new UpdateStateMachineAliasCommand({ stateMachineAliasArn: m.aliasArn, routingConfiguration })), ...NOT_FOUND);
  const create = () => session.call(m.where, 'CreateStateMachineAlias', () => sfn.send(new CreateStateMachineAliasCommand({ name: session.settings.alias, routingConfiguration })), 'ConflictException');
  if (exists) {
    if (!(await update())) await create();
  } else if (!(await create())) await update();
}

async function retag(session: Session, m: DesiredMachine, change: TagChanges): Promise<void> {
  const { sfn } = session.clients;
  if (change.remove.length > 0) await session.must(m.where, 'UntagResource', () => sfn.send(new UntagResourceCommand({ resourceArn: m.arn, tagKeys: change.remove })));
  if (Object.keys(change.set).length > 0) await session.must(m.where, 'TagResource', () => sfn.send(new TagResourceCommand({ resourceArn: m.arn, tags: Object.entries(change.set).map(([key, value]) => ({ key, value })) })));
}

/** Every state machine of the project that the project no longer has (all of them for destroy). */
async function pruneMachines(session: Session, wanted: ReadonlySet<string>): Promise<void> {
  const { sfn } = session.clients;
  const where: Location = { entry: 'state machines' };
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await session.must(where, 'ListStateMachines', () => sfn.send(new ListStateMachinesCommand({ ...(nextToken ? { nextToken } : {}) })));
    names.push(...(page.stateMachines ?? []).map((s) => s.name!).filter((n) => n && !wanted.has(n)));
    nextToken = page.nextToken;
  } while (nextToken);
  await Promise.all(
    names.map(async (name) => {
      const arn = stateMachineArn(session.settings, name);
      const at: Location = { entry: `state machine "${name}"` };
      const out = await session.call(at, 'ListTagsForResource', () => sfn.send(new ListTagsForResourceCommand({ resourceArn: arn })), ...NOT_FOUND);
      if (!out || !isOwned(tagRecord(out.tags), session.settings)) return;
      session.step({
        phase: 'state machines (deleted)',
        where: at,
        changes: [{ action: 'delete', type: 'state-machine', name, detail: 'with its versions and aliases' }],
        run: async () => {
          await session.call(at, 'DeleteStateMachine', () => sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn })), ...NOT_FOUND);
        },
      });
    }),
  );
}

/**
 * A new role is not assumable at once: IAM is eventually consistent, and Step Functions and
 * Scheduler reject a role they cannot yet assume. Such calls are retried for up to about a minute.
 */
export async function retryWhileRoleIsNew<T>(run: () => Promise<T>, waits = ROLE_PROPAGATION_WAITS_MS): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isRoleNotYetAssumable(error) || attempt >= waits.length) throw error;
      await new Promise((r) => setTimeout(r, waits[attempt]));
    }
  }
}

/**
 * Step Functions: AccessDeniedException "Neither the global service principal states.amazonaws.com,
 * nor the regional one is authorized to assume the provided role." Scheduler: ValidationException
 * "The execution role you provide must allow AWS EventBridge Scheduler to assume the role." Not the
 * caller's own AccessDenied ("User: ...assumed-role/... is not authorized to perform: ..."), which
 * waiting does not fix.
 */
export function isRoleNotYetAssumable(error: unknown): boolean {
  const message = (error as Error)?.message ?? '';
  return isError(error, 'AccessDeniedException', 'ValidationException', 'InvalidArn') && /authorized to assume the provided role|must allow .+ to assume the role/i.test(message) && !/not authorized to perform/i.test(message);
}

/** How long to wait between tries while a new role propagates (about a minute in all). */
export const ROLE_PROPAGATION_WAITS_MS = [1000, 2000, 4000, 8000, 15000, 30000];

