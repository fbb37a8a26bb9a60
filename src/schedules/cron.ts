/**
 * AWS cron expressions (EventBridge Scheduler and EventBridge rules): parsing and matching days.
 *
 * Written by hand: npm cron libraries implement Unix or Quartz cron, whose field order, day-of-week
 * numbering (AWS: 1-7 = SUN-SAT), year field and `?` rule differ from AWS's, and none documents AWS's
 * time-zone behaviour (gaps skipped, repeated hours fired once; see `next.ts`).
 *
 * Six fields: minutes hours day-of-month month day-of-week year.
 *   minutes 0-59, hours 0-23, month 1-12 or JAN-DEC, year 1970-2199: `, - * /`
 *   day-of-month 1-31: `, - * ? / L W` (`L` last day, `LW` last weekday, `15W` weekday nearest the 15th)
 *   day-of-week 1-7 or SUN-SAT: `, - * ? / L #` (`L` Saturday, `6L` last Friday, `3#2` second Tuesday)
 * Exactly one of day-of-month and day-of-week is `?`.
 */
import { StepwrightError } from '../model/errors.js';

export interface CronExpression {
  minutes: Set<number>;
  hours: Set<number>;
  months: Set<number>;
  years: Set<number>;
  /** Day-of-month rule, or undefined when the field is `?`. */
  dayOfMonth?: DayOfMonth;
  /** Day-of-week rule, or undefined when the field is `?`. */
  dayOfWeek?: DayOfWeek;
}

type DayOfMonth = { kind: 'set'; days: Set<number> } | { kind: 'last' } | { kind: 'last-weekday' } | { kind: 'nearest-weekday'; day: number };
type DayOfWeek = { kind: 'set'; days: Set<number> } | { kind: 'last-of-month'; day: number } | { kind: 'nth'; day: number; nth: number };

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const FIELD_NAMES = ['minutes', 'hours', 'day-of-month', 'month', 'day-of-week', 'year'] as const;

export const CRON_FIX = 'Write cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 2 * * ? *), with ? in exactly one of day-of-month and day-of-week.';

function cronError(message: string): never {
  throw new StepwrightError({ field: 'ScheduleExpression', message, fix: CRON_FIX });
}

/** Parses the inside of `cron(...)`. Throws StepwrightError (field ScheduleExpression) when invalid. */
export function parseCron(body: string): CronExpression {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) cronError(`cron expression has ${fields.length} field${fields.length === 1 ? '' : 's'}; AWS cron needs exactly 6`);
  const [min, hour, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?')) {
    cronError(dom === '?' ? 'day-of-month and day-of-week are both "?"; exactly one must be "?"' : 'one of day-of-month and day-of-week must be "?" (AWS does not allow both)');
  }
  return {
    minutes: parseSet(min, 0, 0, 59),
    hours: parseSet(hour, 1, 0, 23),
    months: parseSet(month, 3, 1, 12, MONTHS),
    years: parseSet(year, 5, 1970, 2199),
    ...(dom === '?' ? {} : { dayOfMonth: parseDayOfMonth(dom) }),
    ...(dow === '?' ? {} : { dayOfWeek: parseDayOfWeek(dow) }),
  };
}

function parseNumber(text: string, field: number, min: number, max: number, names?: string[]): number {
  const named = names?.indexOf(text.toUpperCase()) ?? -1;
  const value = named >= 0 ? named + min : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    const hint = names ? ` or ${names[0]}-${names[names.length - 1]}` : '';
    cronError(`"${text}" is not a valid ${FIELD_NAMES[field]} value (${min}-${max}${hint})`);
  }
  return value;
}

function parseSet(text: string, field: number, min: number, max: number, names?: string[]): Set<number> {
  const out = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') cronError(`empty item in the ${FIELD_NAMES[field]} field "${text}"`);
    const [range, stepText, extra] = item.split('/');
    if (extra !== undefined) cronError(`"${item}" has more than one "/" in the ${FIELD_NAMES[field]} field`);
    const step = stepText === undefined ? 1 : /^\d+$/.test(stepText) && Number(stepText) > 0 ? Number(stepText) : cronError(`"${stepText}" is not a valid step in the ${FIELD_NAMES[field]} field`);
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [min, max];
    else if (range!.includes('-')) {
      const [a, b, more] = range!.split('-');
      if (more !== undefined) cronError(`"${item}" is not a valid range in the ${FIELD_NAMES[field]} field`);
      from = parseNumber(a!, field, min, max, names);
      to = parseNumber(b!, field, min, max, names);
    } else {
      from = parseNumber(range!, field, min, max, names);
      to = stepText === undefined ? from : max;
    }
    // A range whose end is before its start wraps around (FRI-MON, 22-2), as in Quartz.
    const span = to >= from ? to - from : to + (max - min + 1) - from;
    for (let k = 0; k <= span; k += step) out.add(((from - min + k) % (max - min + 1)) + min);
  }
  return out;
}

function parseDayOfMonth(text: string): DayOfMonth {
  if (text === 'L') return { kind: 'last' };
  if (text === 'LW') return { kind: 'last-weekday' };
  const w = /^(\d+)W$/.exec(text);
  if (w) return { kind: 'nearest-weekday', day: parseNumber(w[1]!, 2, 1, 31) };
  if (/[LW]/.test(text)) cronError(`"${text}": in day-of-month, L, LW and nW stand alone (not in lists or ranges)`);
  return { kind: 'set', days: parseSet(text, 2, 1, 31) };
}

function parseDayOfWeek(text: string): DayOfWeek {
  if (text === 'L') return { kind: 'set', days: new Set([7]) };
  const last = /^(\w+)L$/.exec(text);
  if (last) return { kind: 'last-of-month', day: parseNumber(last[1]!, 4, 1, 7, DAYS) };
  const nth = /^(\w+)#(\d+)$/.exec(text);
  if (nth) {
    const n = Number(nth[2]);
    if (n < 1 || n > 5) cronError(`"${text}": the number after # must be 1-5`);
    return { kind: 'nth', day: parseNumber(nth[1]!, 4, 1, 7, DAYS), nth: n };
  }
  if (/#|L$/.test(text)) cronError(`"${text}": in day-of-week, nL and n#k stand alone (not in lists or ranges)`);
  return { kind: 'set', days: parseSet(text, 4, 1, 7, DAYS) };
}

/** Days in `month` (1-12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** AWS day of week of a calendar date: 1 = Sunday … 7 = Saturday. */
export function dayOfWeek(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

/** Does the calendar date (in the schedule's zone) satisfy the day, month and year fields? */
export function cronMatchesDate(cron: CronExpression, year: number, month: number, day: number): boolean {
  if (!cron.years.has(year) || !cron.months.has(month)) return false;
  const last = daysInMonth(year, month);
  const dom = cron.dayOfMonth;
  if (dom) {
    switch (dom.kind) {
      case 'set':
        return dom.days.has(day);
      case 'last':
        return day === last;
      case 'last-weekday':
        return day === nearestWeekday(year, month, last);
      case 'nearest-weekday':
        return dom.day <= last && day === nearestWeekday(year, month, dom.day);
    }
  }
  const dow = cron.dayOfWeek!;
  const weekday = dayOfWeek(year, month, day);
  switch (dow.kind) {
    case 'set':
      return dow.days.has(weekday);
    case 'last-of-month':
      return weekday === dow.day && day + 7 > last;
    case 'nth':
      return weekday === dow.day && Math.ceil(day / 7) === dow.nth;
  }
}

/** The weekday (Mon-Fri) nearest to `target` without leaving the month, as Quartz's `W` defines it. */
function nearestWeekday(year: number, month: number, target: number): number {
  const weekday = dayOfWeek(year, month, target);
  const last = daysInMonth(year, month);
  if (weekday === 7) return target === 1 ? 3 : target - 1; // Saturday → Friday (or Monday the 3rd)
  if (weekday === 1) return target === last ? target - 2 : target + 1; // Sunday → Monday (or Friday)
  return target;
}
