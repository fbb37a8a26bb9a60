/**
 * EventBridge Scheduler schedules → a DAG's schedule, and EventBridge rules → the trigger a DAG
 * would need (documented, never dropped).
 *
 * AWS cron has six fields (minutes hours day-of-month month day-of-week year), `?` in one of the
 * day fields, and numbers days of the week 1-7 from Sunday. Airflow's cron (croniter) has five
 * fields and numbers them 0-6 from Sunday. The schedule's zone goes to CronTriggerTimetable, which
 * fires at the cron times in that zone (airflow.timetables.trigger, Airflow 2.x and 3.x); rate()
 * becomes a timedelta schedule and at() a single run (@once at the start date).
 */
import type { JsonValue } from '../model/asl.js';
import type { RuleSpec, ScheduleSpec } from '../schedules/index.js';
import { parseScheduleExpression } from '../schedules/index.js';
import type { DagTarget, Fidelity, TriggerNote } from './model.js';

/** A start date safely in the past, fixed so output is byte-identical from build to build. */
export const START_DATE = '2024-01-01';

export interface DagSchedule {
  settings: Record<string, JsonValue>;
  note: TriggerNote;
}

const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** AWS's six-field cron → five fields, or why not. */
export function toFiveFieldCron(body: string): { cron: string; notes: string[]; yearBounds?: [number, number] } | { error: string } {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) return { error: 'not a six-field AWS cron expression' };
  const [min, hour, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  const notes: string[] = [];
  if (/W/.test(dom)) return { error: `day-of-month "${dom}" (nearest weekday, W) has no Airflow cron equivalent` };
  let day = dow;
  if (dow !== '?' && dow !== '*') {
    if (/L/.test(dow) && dow !== 'L') return { error: `day-of-week "${dow}" (last given weekday of the month) has no Airflow cron equivalent` };
    day = dow === 'L' ? '6' : dow.replace(/\d+/g, (n, offset: number, all: string) => (all[offset - 1] === '#' ? n : String(Number(n) - 1)));
    if (day !== dow) notes.push(`day-of-week ${dow} (AWS numbers Sunday 1) is ${day} in Airflow (Sunday 0)`);
    if (/[A-Za-z]/.test(day) && !DAYS.some((d) => day.toUpperCase().includes(d))) return { error: `day-of-week "${dow}" is not understood` };
  }
  let yearBounds: [number, number] | undefined;
  if (year !== '*') {
    const range = /^(\d{4})(?:-(\d{4}))?$/.exec(year);
    if (!range) return { error: `the year field "${year}" has no Airflow cron equivalent (only a single year or a range can become start and end dates)` };
    yearBounds = [Number(range[1]), Number(range[2] ?? range[1])];
    notes.push(`the year field ${year} becomes the DAG's start and end dates`);
  }
  const cron = [min, hour, dom === '?' ? '*' : dom, month, dow === '?' ? '*' : day].join(' ');
  return { cron, notes, ...(yearBounds ? { yearBounds } : {}) };
}

export function dagSchedule(spec: ScheduleSpec, target: DagTarget): DagSchedule | { blocker: string; note: TriggerNote } {
  const zone = spec.timezone ?? 'UTC';
  const expression = parseScheduleExpression(spec.expression);
  const base = { kind: 'schedule' as const, name: spec.name, aws: `${spec.expression} ${zone}` };
  const notes: string[] = ['catchup is false: runs missed while the DAG was paused or absent are not made up (Scheduler does not make them up either)'];
  let fidelity: Fidelity = 'exact';
  if (spec.flexibleTimeWindow?.mode === 'FLEXIBLE') {
    notes.push(`Scheduler's flexible window (${spec.flexibleTimeWindow.maximumWindowInMinutes} min) has no Airflow equivalent: Airflow starts on time`);
    fidelity = 'approximated';
  }
  if (expression.kind === 'cron') {
    const converted = toFiveFieldCron(spec.expression.slice(5, -1));
    if ('error' in converted) return { blocker: `schedule ${spec.name}: ${converted.error}`, note: { ...base, airflow: '(none)', fidelity: 'not expressible', notes: [converted.error] } };
    notes.push(...converted.notes);
    if (converted.yearBounds) fidelity = 'approximated';
    const bounds: Record<string, JsonValue> = converted.yearBounds ? { start_date: `${converted.yearBounds[0]}-01-01`, end_date: `${converted.yearBounds[1]}-12-31` } : { start_date: START_DATE };
    if (target === 'mwaa-serverless') {
      if (zone !== 'UTC') notes.push(`MWAA Serverless takes a plain cron expression, evaluated in UTC: ${zone}'s offset and daylight saving are not applied`);
      return { settings: { schedule: converted.cron, ...(converted.yearBounds ? bounds : {}) }, note: { ...base, airflow: `schedule "${converted.cron}" (UTC)`, fidelity: zone === 'UTC' ? fidelity : 'approximated', notes } };
    }
    return {
      settings: {
        schedule: { __type__: 'airflow.timetables.trigger.CronTriggerTimetable', cron: converted.cron, timezone: zone },
        ...bounds,
        timezone: zone,
        catchup: false,
      },
      note: { ...base, airflow: `CronTriggerTimetable("${converted.cron}", timezone="${zone}")`, fidelity, notes },
    };
  }
  if (expression.kind === 'rate') {
    const unit = `${expression.unit}s`;
    if (target === 'mwaa-serverless') return { blocker: `schedule ${spec.name}: MWAA Serverless takes cron schedules only, not ${spec.expression}`, note: { ...base, airflow: '(none)', fidelity: 'not expressible', notes: ['MWAA Serverless schedules are cron expressions'] } };
    notes.push(`runs every ${expression.value} ${unit} from the start date; Scheduler counts from when the schedule was created`);
    return {
      settings: { schedule: { __type__: 'datetime.timedelta', [unit]: expression.value }, start_date: START_DATE, timezone: zone, catchup: false },
      note: { ...base, airflow: `timedelta(${unit}=${expression.value})`, fidelity: 'approximated', notes },
    };
  }
  const w = expression.wall;
  const pad = (n: number) => String(n).padStart(2, '0');
  const at = `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
  if (target === 'mwaa-serverless') return { blocker: `schedule ${spec.name}: MWAA Serverless takes cron schedules only, not ${spec.expression}`, note: { ...base, airflow: '(none)', fidelity: 'not expressible', notes: ['MWAA Serverless schedules are cron expressions'] } };
  notes.push('a single run at the start date, in the schedule\'s zone');
  return { settings: { schedule: '@once', start_date: at, timezone: zone, catchup: false }, note: { ...base, airflow: `@once at ${at} ${zone}`, fidelity, notes } };
}

/** An event rule that starts the workflow: what Airflow would need to be started the same way. */
export function ruleTrigger(rule: RuleSpec, dagId: string): TriggerNote {
  const pattern = rule.eventPattern ?? {};
  const source = JSON.stringify((pattern as Record<string, JsonValue>).source ?? rule.expression ?? '');
  const s3 = JSON.stringify(pattern).includes('aws.s3');
  const options = s3
    ? [
        `an Airflow 3 asset on the objects with an AssetWatcher on an SQS queue fed by this rule (event-driven scheduling), or`,
        `this rule with an EventBridge target that calls MWAA's InvokeRestApi to trigger DAG "${dagId}" with the transformed input as conf`,
      ]
    : [`this rule with an EventBridge target that calls MWAA's InvokeRestApi to trigger DAG "${dagId}" with the transformed input as conf`];
  return {
    kind: 'rule',
    name: rule.name,
    aws: rule.expression ?? `event pattern on ${source}`,
    airflow: 'an external trigger (not generated)',
    fidelity: 'not expressible',
    notes: [`Airflow has no EventBridge rule target; to start this DAG on the same events use ${options.join(' ')}`],
  };
}
