/**
 * Schedule expressions: `cron(...)`, `rate(value unit)` and `at(yyyy-mm-ddThh:mm:ss)`.
 * EventBridge Scheduler accepts all three; EventBridge rules accept cron and rate (always in UTC),
 * and insist on `rate(1 hour)` / `rate(5 hours)` (singular for 1, plural otherwise).
 */
import { StepwrightError } from '../model/errors.js';
import { parseCron, type CronExpression } from './cron.js';

export type ScheduleExpression =
  | { kind: 'cron'; text: string; cron: CronExpression }
  | { kind: 'rate'; text: string; value: number; unit: 'minute' | 'hour' | 'day'; ms: number }
  | { kind: 'at'; text: string; wall: { year: number; month: number; day: number; hour: number; minute: number; second: number } };

export type ExpressionDialect = 'scheduler' | 'rule';

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

const FIX = {
  scheduler: 'Use cron(minutes hours day-of-month month day-of-week year), rate(value minutes|hours|days) or at(yyyy-mm-ddThh:mm:ss).',
  rule: 'Use cron(minutes hours day-of-month month day-of-week year) or rate(value unit), with the unit singular for 1 (rate(1 hour)) and plural otherwise (rate(5 hours)).',
};

function fail(message: string, dialect: ExpressionDialect): never {
  throw new StepwrightError({ field: 'ScheduleExpression', message, fix: FIX[dialect] });
}

/** Parses a schedule expression; throws StepwrightError (field ScheduleExpression) when invalid. */
export function parseScheduleExpression(text: string, dialect: ExpressionDialect = 'scheduler'): ScheduleExpression {
  const m = /^(cron|rate|at)\((.*)\)$/s.exec(text.trim());
  if (!m) fail(`"${text}" is not a schedule expression`, dialect);
  const [, kind, body] = m as unknown as [string, 'cron' | 'rate' | 'at', string];
  if (kind === 'cron') return { kind, text, cron: parseCron(body) };
  if (kind === 'rate') return parseRate(text, body, dialect);
  if (dialect === 'rule') fail('EventBridge rules do not accept at(...); use an EventBridge Scheduler schedule for a one-time run', dialect);
  const at = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!at) fail(`"${text}": at() takes a local date and time, yyyy-mm-ddThh:mm:ss (no zone; the schedule's time zone applies)`, dialect);
  const [year, month, day, hour, minute, second] = at.slice(1).map(Number) as [number, number, number, number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    fail(`"${text}" is not a real date and time`, dialect);
  }
  return { kind, text, wall: { year, month, day, hour, minute, second } };
}

function parseRate(text: string, body: string, dialect: ExpressionDialect): ScheduleExpression {
  const m = /^(\d+) (minute|minutes|hour|hours|day|days)$/.exec(body.trim());
  if (!m) fail(`"${text}": rate() takes a positive whole number and a unit (minutes, hours or days)`, dialect);
  const value = Number(m[1]);
  if (value < 1) fail(`"${text}": the rate value must be at least 1`, dialect);
  const plural = m[2]!.endsWith('s');
  if (dialect === 'rule' && plural !== value > 1) {
    fail(`"${text}": EventBridge rules need the singular unit for 1 and the plural otherwise`, dialect);
  }
  const unit = (plural ? m[2]!.slice(0, -1) : m[2]) as 'minute' | 'hour' | 'day';
  return { kind: 'rate', text, value, unit, ms: value * UNIT_MS[unit] };
}
