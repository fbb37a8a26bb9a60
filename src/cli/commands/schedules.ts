/** `stepwright schedules next`: the next fire times of every schedule, in its own time zone. */
import { parseArgs } from 'node:util';
import { StepwrightError } from '../../model/errors.js';
import { nextFireTimes } from '../../schedules/index.js';
import type { Io } from '../io.js';
import { loadProjectSchedules } from '../../project/schedules.js';
import { table } from '../../model/table.js';

export const usage = `stepwright schedules next [NAME...] [--count N] [--from ISO] [--json]

Lists the next fire times of the schedules (and scheduled rules) in schedules/*.yaml, each in its
own time zone, with the UTC instant beside it; --json prints them as JSON.`;

export async function run(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'next') throw new StepwrightError({ message: `unknown subcommand "${sub ?? ''}"`, fix: 'stepwright schedules next --count 5' });
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { count: { type: 'string', default: '5' }, from: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw new StepwrightError({ field: '--count', message: `"${values.count}" is not a count from 1 to 1000`, fix: '--count 5' });
  const from = values.from ? new Date(values.from) : new Date();
  if (Number.isNaN(from.getTime())) throw new StepwrightError({ field: '--from', message: `"${values.from}" is not a date-time`, fix: '--from 2026-11-22T00:00:00Z' });

  const { schedules, rules } = loadProjectSchedules();
  const entries = [
    ...schedules.map((s) => ({ name: s.name, expression: s.expression, timezone: s.timezone ?? 'UTC', dialect: 'scheduler' as const, startDate: s.startDate, endDate: s.endDate })),
    ...rules.filter((r) => r.expression).map((r) => ({ name: r.name, expression: r.expression!, timezone: 'UTC', dialect: 'rule' as const, startDate: undefined, endDate: undefined })),
  ].filter((e) => positionals.length === 0 || positionals.includes(e.name));
  if (entries.length === 0) throw new StepwrightError({ file: 'schedules/', message: positionals.length ? `no schedule named ${positionals.join(', ')}` : 'no schedules found', fix: 'define schedules in schedules/*.yaml' });

  const rows: string[][] = [];
  const json: { name: string; expression: string; timezone: string; times: string[] }[] = [];
  for (const e of entries) {
    const times = nextFireTimes(e.expression, {
      timezone: e.timezone,
      from,
      count,
      dialect: e.dialect,
      ...(e.startDate ? { startDate: new Date(e.startDate) } : {}),
      ...(e.endDate ? { endDate: new Date(e.endDate) } : {}),
    });
    json.push({ name: e.name, expression: e.expression, timezone: e.timezone, times: times.map((t) => t.toISOString()) });
    if (times.length === 0) rows.push([e.name, e.expression, e.timezone, '(never again)', '']);
    times.forEach((t, i) => rows.push(i === 0 ? [e.name, e.expression, e.timezone, localTime(t, e.timezone), t.toISOString()] : ['', '', '', localTime(t, e.timezone), t.toISOString()]));
  }
  if (values.json) io.out(JSON.stringify(json, null, 2));
  else io.out(table(['schedule', 'expression', 'time zone', 'local time', 'UTC'], rows));
  return 0;
}

/** `2026-11-23 02:00 CET`: the wall-clock time in the schedule's zone. */
function localTime(instant: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${get('timeZoneName')}`;
}
