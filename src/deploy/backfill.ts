/**
 * backfill: one execution per slot of a schedule in a past range, through the workflow's alias.
 *
 * Slots come from the schedule's own expression and time zone (the evaluator `schedules next` uses).
 * Each execution is named as the slot starter names the live schedule's runs, `<schedule>-<slot>`:
 * Step Functions refuses a second execution with a name, so a rerun, an overlap with another
 * backfill or with the live schedule never starts a slot twice, and an interrupted backfill resumes
 * by running again. Slots still in the future are left to the schedule.
 */
import { DescribeExecutionCommand, DescribeStateMachineAliasCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { StepwrightError, type Location } from '../model/errors.js';
import { assertNoProblems, type Project, type ScheduleArtifact } from '../project/index.js';
import { nextFireTimes, slotExecutionName } from '../schedules/index.js';
import { instantsOf, isTimeZone } from '../schedules/zone.js';
import { awsClients, closeClients, isError, type AwsOptions } from './aws.js';
import { checkAccount } from './plan.js';
import { limiter, Session } from './session.js';
import { aliasArn, deploySettings, executionArn, scheduleArn } from './settings.js';

export interface BackfillOptions {
  /** The first day (`2026-11-01`, in the schedule's time zone) or instant (ISO 8601 with a zone). */
  from: string;
  /** The last day, included, or an instant, included. */
  to: string;
  /** Executions started at once (default 2). */
  concurrency?: number;
  /** List the slots without starting anything. */
  dryRun?: boolean;
  aws?: AwsOptions;
  /** The present, for slots still to come (default: now). */
  now?: Date;
  /** Called after each slot. */
  onProgress?(progress: { done: number; total: number; slot: Slot }): void;
}

export interface Slot {
  time: Date;
  executionName: string;
  status: 'started' | 'already started' | 'planned';
}

export interface BackfillResult {
  schedule: string;
  workflow: string;
  timezone: string;
  slots: Slot[];
  /** Slots in the range that are still in the future: the schedule will run them. */
  future: Date[];
}

/** A backfill of more slots than this is almost always a mistaken range. */
export const MAX_SLOTS = 1000;

const SCHEDULER_TIME = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export async function backfill(project: Project, target: string, options: BackfillOptions): Promise<BackfillResult> {
  assertNoProblems(project);
  const settings = deploySettings(project.config);
  const schedule = scheduleFor(project, target);
  const workflow = schedule.spec.target.workflow;
  const timezone = schedule.spec.timezone ?? 'UTC';
  const where: Location = { file: schedule.file, schedule: schedule.name };
  const from = instant(options.from, timezone, 'start', where);
  const to = instant(options.to, timezone, 'end', where);
  if (to < from) throw new StepwrightError({ ...where, field: '--to', message: `${options.to} is before ${options.from}`, fix: 'give --from the earlier day' });
  const all = nextFireTimes(schedule.spec.expression, {
    timezone,
    from,
    count: MAX_SLOTS + 1,
    ...(schedule.spec.startDate ? { startDate: new Date(schedule.spec.startDate) } : {}),
    ...(schedule.spec.endDate ? { endDate: new Date(schedule.spec.endDate) } : {}),
  }).filter((t) => t <= to);
  if (all.length > MAX_SLOTS) throw new StepwrightError({ ...where, message: `the range holds more than ${MAX_SLOTS} slots`, fix: 'backfill a shorter range at a time' });
  const now = options.now ?? new Date();
  const past = all.filter((t) => t <= now);
  const future = all.filter((t) => t > now);
  const slots: Slot[] = past.map((time) => ({ time, executionName: slotExecutionName(schedule.name, time), status: 'planned' }));
  const result = { schedule: schedule.name, workflow, timezone, slots, future };
  if (options.dryRun || slots.length === 0) return result;

  const clients = awsClients(settings.region, options.aws);
  try {
    await checkAccount(clients, settings);
    const session = new Session(clients, settings);
    const { sfn } = clients;
    const alias = aliasArn(settings, workflow);
    const at: Location = { ...where, workflow };
    const deployed = await session.call(at, 'DescribeStateMachineAlias', () => sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: alias })), 'StateMachineDoesNotExist', 'ResourceNotFound');
    if (!deployed) throw new StepwrightError({ ...at, message: `workflow "${workflow}" has no alias ${settings.alias} in account ${settings.account} (${settings.region})`, fix: 'run stepwright deploy first' });
    const group = schedule.spec.group ?? settings.scheduleGroup;
    const limit = limiter(Math.max(1, options.concurrency ?? 2));
    let done = 0;
    const failures: unknown[] = [];
    await Promise.all(
      slots.map((slot) =>
        limit(async () => {
          if (failures.length > 0) return;
          try {
            slot.status = await startSlot(session, at, workflow, alias, slot, inputFor(schedule, slot, scheduleArn(settings, group, schedule.name)));
          } catch (error) {
            failures.push(error);
            return;
          }
          options.onProgress?.({ done: ++done, total: slots.length, slot });
        }),
      ),
    );
    if (failures.length > 0) throw failures[0];
    return result;
  } finally {
    closeClients(clients);
  }
}

async function startSlot(session: Session, where: Location, workflow: string, alias: string, slot: Slot, input: string): Promise<Slot['status']> {
  const { sfn } = session.clients;
  const arn = executionArn(session.settings, workflow, slot.executionName);
  const existing = await session.call(where, 'DescribeExecution', () => sfn.send(new DescribeExecutionCommand({ executionArn: arn })), 'ExecutionDoesNotExist');
  if (existing) return 'already started';
  // ExecutionAlreadyExists: the live schedule (or another backfill) started it between the two calls.
  const started = await session.call(where, 'StartExecution', () => sfn.send(new StartExecutionCommand({ stateMachineArn: alias, name: slot.executionName, input })), 'ExecutionAlreadyExists');
  return started ? 'started' : 'already started';
}

/**
 * The input the schedule would have given this slot: its target input with Scheduler's context
 * attributes filled in (the scheduled time as Scheduler writes it, e.g. 2026-11-01T01:00:00Z).
 */
export function inputFor(schedule: ScheduleArtifact, slot: Slot, arn: string): string {
  const text = JSON.stringify(schedule.spec.target.input ?? {});
  const values: Record<string, string> = { 'scheduled-time': SCHEDULER_TIME(slot.time), 'schedule-arn': arn, 'execution-id': slot.executionName, 'attempt-number': '1' };
  return text.replace(/<aws\.scheduler\.([a-z-]+)>/g, (whole, name: string) => values[name] ?? whole);
}

/** The schedule a backfill follows: named directly, or the one schedule that starts the workflow. */
function scheduleFor(project: Project, target: string): ScheduleArtifact {
  const named = project.schedules.find((s) => s.name === target);
  if (named) return named;
  const starting = project.schedules.filter((s) => s.spec.target.workflow === target);
  if (starting.length === 1) return starting[0]!;
  if (starting.length > 1) throw new StepwrightError({ workflow: target, message: `${starting.length} schedules start "${target}": ${starting.map((s) => s.name).join(', ')}`, fix: 'name the schedule to follow instead of the workflow' });
  const names = project.schedules.map((s) => `${s.name} (${s.spec.target.workflow})`);
  throw new StepwrightError({ message: `no schedule is named "${target}" or starts a workflow of that name`, fix: names.length > 0 ? `backfill one of: ${names.join(', ')}` : 'add a schedule in schedules/*.yaml first' });
}

/** A day (`YYYY-MM-DD`, whole, in the zone) or an ISO 8601 instant with its offset. */
function instant(text: string, timezone: string, edge: 'start' | 'end', where: Location): Date {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day && isTimeZone(timezone)) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    // The day's first instant, or the next day's for the end (the range includes the whole last day).
    const start = new Date(Date.UTC(year, month - 1, date + (edge === 'end' ? 1 : 0)));
    const wall = { year: start.getUTCFullYear(), month: start.getUTCMonth() + 1, day: start.getUTCDate(), hour: 0, minute: 0, second: 0 };
    // Midnight can fall in a daylight-saving gap in some zones; the day then starts at the first instant after it.
    for (let minutes = 0; minutes <= 120; minutes += 30) {
      const found = instantsOf({ ...wall, minute: minutes % 60, hour: Math.floor(minutes / 60) }, timezone)[0];
      if (found !== undefined) return new Date(edge === 'end' ? found - 1 : found);
    }
  }
  const parsed = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? new Date(text) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime())) {
    throw new StepwrightError({ ...where, field: edge === 'start' ? '--from' : '--to', message: `"${text}" is neither a day (2026-11-01) nor an instant with its zone (2026-11-01T02:00:00Z)`, fix: 'give a day in the schedule’s time zone, or an ISO 8601 instant' });
  }
  return parsed;
}
