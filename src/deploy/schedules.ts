/**
 * Scheduler schedule groups and schedules. Schedules cannot carry tags (Scheduler tags only
 * groups), so a schedule is the project's when its group is: deploy creates each group tagged,
 * and deletes only schedules in groups tagged with the project.
 */
import {
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  DeleteScheduleGroupCommand,
  GetScheduleCommand,
  GetScheduleGroupCommand,
  ListScheduleGroupsCommand,
  ListSchedulesCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateScheduleCommand,
  type GetScheduleCommandOutput,
} from '@aws-sdk/client-scheduler';
import type { Location } from '../model/errors.js';
import type { CreateScheduleInput } from '../schedules/index.js';
import { differingFields, tagChanges, tagList, tagRecord } from './compare.js';
import type { DesiredSchedule, DesiredScheduleGroup, DesiredState } from './desired.js';
import { retryWhileRoleIsNew } from './machines.js';
import { conflict, type Session } from './session.js';
import { isOwned, scheduleGroupArn } from './settings.js';

const NOT_FOUND = ['ResourceNotFoundException'];

export async function planSchedules(session: Session, desired: DesiredState): Promise<void> {
  const wantedGroups = new Set(desired.groups.map((g) => g.name));
  await Promise.all([
    ...desired.groups.map((g) =>
      planGroup(
        session,
        g,
        desired.schedules.filter((s) => s.group === g.name),
      ),
    ),
    pruneGroups(session, wantedGroups),
  ]);
}

const groupAt = (name: string): Location => ({ entry: `schedule group "${name}"` });

async function planGroup(session: Session, g: DesiredScheduleGroup, schedules: DesiredSchedule[]): Promise<void> {
  const { scheduler } = session.clients;
  const where = groupAt(g.name);
  const group = await session.call(where, 'GetScheduleGroup', () => scheduler.send(new GetScheduleGroupCommand({ Name: g.name })), ...NOT_FOUND);
  if (!group) {
    session.step({
      phase: 'schedule groups',
      where,
      changes: [{ action: 'create', type: 'schedule-group', name: g.name }],
      run: async () => {
        await session.call(where, 'CreateScheduleGroup', () => scheduler.send(new CreateScheduleGroupCommand({ Name: g.name, Tags: tagList(g.tags) })), 'ConflictException');
      },
    });
    for (const s of schedules) session.step(createStep(session, s));
    return;
  }
  const tags = tagRecord((await session.must(where, 'ListTagsForResource', () => scheduler.send(new ListTagsForResourceCommand({ ResourceArn: g.arn })))).Tags);
  if (!isOwned(tags, session.settings)) {
    session.conflicts.push(conflict(where, `schedule group "${g.name}"`, tags, session));
    return;
  }
  if (group.State === 'DELETING') {
    session.conflicts.push({ ...where, message: 'the schedule group is being deleted', fix: 'wait a minute for Scheduler to finish, then run the command again' });
    return;
  }
  const retag = tagChanges(tags, g.tags);
  if (retag) {
    session.step({
      phase: 'schedule groups',
      where,
      changes: [{ action: 'update', type: 'schedule-group', name: g.name, detail: 'tags' }],
      run: async () => {
        if (retag.remove.length > 0) await session.must(where, 'UntagResource', () => scheduler.send(new UntagResourceCommand({ ResourceArn: g.arn, TagKeys: retag.remove })));
        if (Object.keys(retag.set).length > 0) await session.must(where, 'TagResource', () => scheduler.send(new TagResourceCommand({ ResourceArn: g.arn, Tags: tagList(retag.set) })));
      },
    });
  }
  const existing = await listSchedules(session, g.name);
  const wanted = new Set(schedules.map((s) => s.name));
  await Promise.all(
    schedules.map(async (s) => {
      const current = existing.has(s.name) ? await session.call(s.where, 'GetSchedule', () => scheduler.send(new GetScheduleCommand({ Name: s.name, GroupName: g.name })), ...NOT_FOUND) : undefined;
      if (!current) return session.step(createStep(session, s));
      const differs = differingFields(normalSchedule(current), normalSchedule(s.input));
      if (differs.length === 0) return;
      session.step({
        phase: 'schedules',
        where: s.where,
        changes: [{ action: 'update', type: 'schedule', name: `${g.name}/${s.name}`, detail: differs.join(', ') }],
        run: async () => {
          await session.must(s.where, 'UpdateSchedule', () => retryWhileRoleIsNew(() => scheduler.send(new UpdateScheduleCommand(s.input))));
        },
      });
    }),
  );
  for (const name of [...existing].filter((n) => !wanted.has(n)).sort()) session.step(deleteScheduleStep(session, g.name, name));
}

function createStep(session: Session, s: DesiredSchedule) {
  const { scheduler } = session.clients;
  return {
    phase: 'schedules' as const,
    where: s.where,
    changes: [{ action: 'create' as const, type: 'schedule' as const, name: `${s.group}/${s.name}`, detail: `${s.input.ScheduleExpression} ${s.input.ScheduleExpressionTimezone ?? 'UTC'}` }],
    run: async () => {
      const created = await session.call(s.where, 'CreateSchedule', () => retryWhileRoleIsNew(() => scheduler.send(new CreateScheduleCommand(s.input))), 'ConflictException');
      // Already there (a retried call whose answer was lost): make it what the project says.
      if (!created) await session.must(s.where, 'UpdateSchedule', () => retryWhileRoleIsNew(() => scheduler.send(new UpdateScheduleCommand(s.input))));
    },
  };
}

function deleteScheduleStep(session: Session, group: string, name: string) {
  const where: Location = { schedule: name, entry: `schedule group "${group}"` };
  return {
    phase: 'schedules (deleted)' as const,
    where,
    changes: [{ action: 'delete' as const, type: 'schedule' as const, name: `${group}/${name}` }],
    run: async () => {
      await session.call(where, 'DeleteSchedule', () => session.clients.scheduler.send(new DeleteScheduleCommand({ Name: name, GroupName: group })), ...NOT_FOUND);
    },
  };
}

async function listSchedules(session: Session, group: string): Promise<Set<string>> {
  const names = new Set<string>();
  let token: string | undefined;
  do {
    const page = await session.must(groupAt(group), 'ListSchedules', () => session.clients.scheduler.send(new ListSchedulesCommand({ GroupName: group, ...(token ? { NextToken: token } : {}) })));
    for (const s of page.Schedules ?? []) if (s.Name && (s.GroupName ?? group) === group) names.add(s.Name);
    token = page.NextToken;
  } while (token);
  return names;
}

/** Groups (other than "default") tagged with the project that it no longer uses, with their schedules. */
async function pruneGroups(session: Session, wanted: ReadonlySet<string>): Promise<void> {
  const { scheduler } = session.clients;
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await session.must({ entry: 'schedule groups' }, 'ListScheduleGroups', () => scheduler.send(new ListScheduleGroupsCommand({ ...(token ? { NextToken: token } : {}) })));
    names.push(...(page.ScheduleGroups ?? []).filter((g) => g.Name && g.Name !== 'default' && !wanted.has(g.Name) && g.State !== 'DELETING').map((g) => g.Name!));
    token = page.NextToken;
  } while (token);
  await Promise.all(
    names.map(async (name) => {
      const where = groupAt(name);
      const tags = await session.call(where, 'ListTagsForResource', () => scheduler.send(new ListTagsForResourceCommand({ ResourceArn: scheduleGroupArn(session.settings, name) })), ...NOT_FOUND);
      if (!tags || !isOwned(tagRecord(tags.Tags), session.settings)) return;
      // Deleting a group deletes its schedules (Scheduler's DeleteScheduleGroup); they are listed to say so.
      const schedules = [...(await listSchedules(session, name))].sort();
      session.step({
        phase: 'schedule groups (deleted)',
        where,
        changes: [
          ...schedules.map((s) => ({ action: 'delete' as const, type: 'schedule' as const, name: `${name}/${s}`, detail: 'with its group' })),
          { action: 'delete', type: 'schedule-group', name },
        ],
        run: async () => {
          await session.call(where, 'DeleteScheduleGroup', () => scheduler.send(new DeleteScheduleGroupCommand({ Name: name })), ...NOT_FOUND);
        },
      });
    }),
  );
}

/**
 * A schedule as compared, with Scheduler's documented defaults filled in (GetSchedule returns them;
 * the project leaves them out): UTC, ENABLED, no action after completion, and a retry policy of
 * 185 attempts within 24 hours.
 */
function normalSchedule(s: CreateScheduleInput | GetScheduleCommandOutput): Record<string, unknown> {
  const window = s.FlexibleTimeWindow;
  const target = s.Target;
  const time = (d: Date | undefined) => (d === undefined ? null : new Date(d).getTime());
  return {
    ScheduleExpression: s.ScheduleExpression,
    ScheduleExpressionTimezone: s.ScheduleExpressionTimezone ?? 'UTC',
    State: s.State ?? 'ENABLED',
    Description: s.Description ?? '',
    StartDate: time(s.StartDate),
    EndDate: time(s.EndDate),
    FlexibleTimeWindow: { Mode: window?.Mode ?? 'OFF', MaximumWindowInMinutes: window?.Mode === 'FLEXIBLE' ? window.MaximumWindowInMinutes : null },
    ActionAfterCompletion: s.ActionAfterCompletion ?? 'NONE',
    KmsKeyArn: s.KmsKeyArn ?? null,
    Target: {
      Arn: target?.Arn,
      RoleArn: target?.RoleArn,
      Input: target?.Input ?? null,
      RetryPolicy: { MaximumEventAgeInSeconds: target?.RetryPolicy?.MaximumEventAgeInSeconds ?? 86400, MaximumRetryAttempts: target?.RetryPolicy?.MaximumRetryAttempts ?? 185 },
      DeadLetterConfig: target?.DeadLetterConfig?.Arn ?? null,
    },
  };
}
