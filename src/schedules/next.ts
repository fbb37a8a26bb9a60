/**
 * Next fire times of a schedule expression, as EventBridge Scheduler documents them:
 * - cron and at() are evaluated in the schedule's IANA time zone. When clocks spring forward, a time
 *   that does not exist that day is skipped (not moved); when they fall back, a repeated wall time
 *   fires once (at its first occurrence).
 * - rate() counts fixed durations from the start date (or from `from` when there is none): a day is
 *   24 hours, whatever the zone's clocks do.
 * - StartDate is inclusive, EndDate exclusive ("before which the schedule can invoke its target").
 */
import { StepwrightError } from '../model/errors.js';
import { cronMatchesDate, daysInMonth } from './cron.js';
import { parseScheduleExpression, type ExpressionDialect, type ScheduleExpression } from './expression.js';
import { instantsOf, isTimeZone, wallTimeAt } from './zone.js';

export interface NextFireOptions {
  /** IANA time zone the expression is evaluated in (ScheduleExpressionTimezone); default UTC. */
  timezone?: string;
  /** Times at or after this instant; default now. */
  from?: Date;
  /** How many times to return; default 10. */
  count?: number;
  startDate?: Date;
  endDate?: Date;
  /** `rule` evaluates as an EventBridge rule would (UTC, no at()). */
  dialect?: ExpressionDialect;
}

const LAST_YEAR = 2199;

/** The next `count` fire times of `expression` (text or parsed), ascending. */
export function nextFireTimes(expression: string | ScheduleExpression, options: NextFireOptions = {}): Date[] {
  const dialect = options.dialect ?? 'scheduler';
  const parsed = typeof expression === 'string' ? parseScheduleExpression(expression, dialect) : expression;
  const timezone = dialect === 'rule' ? 'UTC' : (options.timezone ?? 'UTC');
  if (!isTimeZone(timezone)) {
    throw new StepwrightError({ field: 'ScheduleExpressionTimezone', message: `"${timezone}" is not a known time zone`, fix: 'Use an IANA time zone name such as Europe/Berlin or America/New_York.' });
  }
  const from = (options.from ?? new Date()).getTime();
  const count = options.count ?? 10;
  const lower = Math.max(from, options.startDate?.getTime() ?? -Infinity);
  const end = options.endDate?.getTime() ?? Infinity;
  const out: number[] = [];
  if (count <= 0) return [];

  if (parsed.kind === 'at') {
    // One-time schedules fire once at the wall time; a wall time inside a DST gap never occurs.
    const first = instantsOf(parsed.wall, timezone)[0];
    if (first !== undefined && first >= from) out.push(first);
  } else if (parsed.kind === 'rate') {
    const anchor = options.startDate?.getTime() ?? from;
    const k = Math.max(0, Math.ceil((lower - anchor) / parsed.ms));
    for (let t = anchor + k * parsed.ms; t < end && out.length < count; t += parsed.ms) out.push(t);
  } else {
    const { cron } = parsed;
    const hours = [...cron.hours].sort((a, b) => a - b);
    const minutes = [...cron.minutes].sort((a, b) => a - b);
    let { year, month, day } = wallTimeAt(lower, timezone);
    while (year <= LAST_YEAR && out.length < count) {
      if (!cron.years.has(year)) {
        [year, month, day] = [year + 1, 1, 1];
        continue;
      }
      if (!cron.months.has(month)) {
        [year, month, day] = month === 12 ? [year + 1, 1, 1] : [year, month + 1, 1];
        continue;
      }
      if (cronMatchesDate(cron, year, month, day)) {
        for (const hour of hours) {
          for (const minute of minutes) {
            const instant = instantsOf({ year, month, day, hour, minute, second: 0 }, timezone)[0];
            if (instant !== undefined && instant >= lower && instant < end && out.length < count) out.push(instant);
          }
        }
        if (end !== Infinity && Date.UTC(year, month - 1, day) > end + 2 * 86_400_000) break;
      }
      if (day < daysInMonth(year, month)) day += 1;
      else [year, month, day] = month === 12 ? [year + 1, 1, 1] : [year, month + 1, 1];
      if (end !== Infinity && Date.UTC(year, month - 1, day) > end + 2 * 86_400_000) break;
    }
  }
  return out.map((t) => new Date(t));
}
