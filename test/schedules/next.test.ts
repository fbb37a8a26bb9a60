import { StepwrightError } from '../../src/model/errors.js';
import { nextFireTimes } from '../../src/schedules/index.js';

/** Fire times as ISO strings, to compare against hand-worked dates. */
function fires(expression: string, timezone: string, from: string, count = 4, extra: { startDate?: string; endDate?: string } = {}): string[] {
  return nextFireTimes(expression, {
    timezone,
    from: new Date(from),
    count,
    ...(extra.startDate ? { startDate: new Date(extra.startDate) } : {}),
    ...(extra.endDate ? { endDate: new Date(extra.endDate) } : {}),
  }).map((d) => d.toISOString().replace('.000', ''));
}

describe('cron next fire times', () => {
  test('daily at 02:00 in Berlin is 01:00Z in winter and 00:00Z in summer', () => {
    expect(fires('cron(0 2 * * ? *)', 'Europe/Berlin', '2025-01-01T00:00:00Z', 2)).toEqual(['2025-01-01T01:00:00Z', '2025-01-02T01:00:00Z']);
    expect(fires('cron(0 2 * * ? *)', 'Europe/Berlin', '2025-07-01T00:00:00Z', 1)).toEqual(['2025-07-01T00:00:00Z']);
  });

  test('Berlin spring forward (30 Mar 2025, 02:00→03:00): 02:30 does not exist that day and is skipped', () => {
    expect(fires('cron(30 2 * * ? *)', 'Europe/Berlin', '2025-03-29T00:00:00Z', 3)).toEqual([
      '2025-03-29T01:30:00Z',
      '2025-03-31T00:30:00Z',
      '2025-04-01T00:30:00Z',
    ]);
  });

  test('Berlin fall back (26 Oct 2025, 03:00→02:00): 02:30 happens twice and fires once, at the first', () => {
    expect(fires('cron(30 2 * * ? *)', 'Europe/Berlin', '2025-10-25T00:00:00Z', 3)).toEqual([
      '2025-10-25T00:30:00Z',
      '2025-10-26T00:30:00Z',
      '2025-10-27T01:30:00Z',
    ]);
  });

  test('New York spring forward (9 Mar 2025): 02:30 is skipped', () => {
    expect(fires('cron(30 2 * * ? *)', 'America/New_York', '2025-03-08T00:00:00Z', 2)).toEqual(['2025-03-08T07:30:00Z', '2025-03-10T06:30:00Z']);
  });

  test('New York fall back (2 Nov 2025): the repeated 01:00-01:59 fires once', () => {
    expect(fires('cron(30 1 * * ? *)', 'America/New_York', '2025-11-01T00:00:00Z', 3)).toEqual([
      '2025-11-01T05:30:00Z',
      '2025-11-02T05:30:00Z',
      '2025-11-03T06:30:00Z',
    ]);
    expect(fires('cron(0/30 * * * ? *)', 'America/New_York', '2025-11-02T04:50:00Z', 4)).toEqual([
      '2025-11-02T05:00:00Z', // 01:00 EDT
      '2025-11-02T05:30:00Z', // 01:30 EDT; 01:00 and 01:30 EST do not fire again
      '2025-11-02T07:00:00Z', // 02:00 EST
      '2025-11-02T07:30:00Z',
    ]);
  });

  test('L: last day of the month, leap years included', () => {
    expect(fires('cron(0 12 L * ? *)', 'UTC', '2024-01-15T00:00:00Z')).toEqual([
      '2024-01-31T12:00:00Z',
      '2024-02-29T12:00:00Z',
      '2024-03-31T12:00:00Z',
      '2024-04-30T12:00:00Z',
    ]);
  });

  test('LW: last weekday of the month', () => {
    // 31 May 2025 is a Saturday, 30 Jun a Monday, 31 Aug a Sunday.
    expect(fires('cron(0 12 LW 5-8 ? 2025)', 'UTC', '2025-05-01T00:00:00Z')).toEqual([
      '2025-05-30T12:00:00Z',
      '2025-06-30T12:00:00Z',
      '2025-07-31T12:00:00Z',
      '2025-08-29T12:00:00Z',
    ]);
  });

  test('W: the weekday nearest a day, never leaving the month', () => {
    // 15 Feb 2025 is a Saturday (→ Fri 14th); 15 Jun 2025 a Sunday (→ Mon 16th).
    expect(fires('cron(0 9 15W 2,6 ? 2025)', 'UTC', '2025-01-01T00:00:00Z', 2)).toEqual(['2025-02-14T09:00:00Z', '2025-06-16T09:00:00Z']);
    // 1 Mar 2025 is a Saturday: the nearest weekday inside March is Monday the 3rd.
    expect(fires('cron(0 9 1W 3 ? 2025)', 'UTC', '2025-01-01T00:00:00Z', 1)).toEqual(['2025-03-03T09:00:00Z']);
  });

  test('#: the nth weekday of the month (3#2 = second Tuesday)', () => {
    expect(fires('cron(0 10 ? * 3#2 *)', 'UTC', '2025-01-01T00:00:00Z', 3)).toEqual(['2025-01-14T10:00:00Z', '2025-02-11T10:00:00Z', '2025-03-11T10:00:00Z']);
    expect(fires('cron(0 10 ? * TUE#2 *)', 'UTC', '2025-01-01T00:00:00Z', 1)).toEqual(['2025-01-14T10:00:00Z']);
  });

  test('nL: the last given weekday of the month (6L = last Friday)', () => {
    expect(fires('cron(0 10 ? * 6L *)', 'UTC', '2025-01-01T00:00:00Z', 3)).toEqual(['2025-01-31T10:00:00Z', '2025-02-28T10:00:00Z', '2025-03-28T10:00:00Z']);
  });

  test('year field: fires only in the listed years, then stops', () => {
    expect(fires('cron(0 0 1 1 ? 2030-2031)', 'UTC', '2025-06-01T00:00:00Z', 5)).toEqual(['2030-01-01T00:00:00Z', '2031-01-01T00:00:00Z']);
  });

  test('names, lists, ranges and steps; day-of-week 1 = Sunday', () => {
    expect(fires('cron(0 22 ? * SUN *)', 'Europe/Berlin', '2025-06-01T00:00:00Z', 2)).toEqual(['2025-06-01T20:00:00Z', '2025-06-08T20:00:00Z']);
    expect(fires('cron(0 22 ? * 1 *)', 'Europe/Berlin', '2025-06-01T00:00:00Z', 1)).toEqual(['2025-06-01T20:00:00Z']);
    // Friday 6 June 2025, then Monday 9 June.
    expect(fires('cron(15,45 8-9 ? * MON-FRI *)', 'UTC', '2025-06-06T09:00:00Z', 4)).toEqual([
      '2025-06-06T09:15:00Z',
      '2025-06-06T09:45:00Z',
      '2025-06-09T08:15:00Z',
      '2025-06-09T08:45:00Z',
    ]);
    expect(fires('cron(5/20 0 1 JAN ? 2026)', 'UTC', '2025-01-01T00:00:00Z', 5)).toEqual(['2026-01-01T00:05:00Z', '2026-01-01T00:25:00Z', '2026-01-01T00:45:00Z']);
  });

  test('start date is inclusive, end date exclusive', () => {
    expect(fires('cron(0 2 * * ? *)', 'UTC', '2025-01-01T00:00:00Z', 5, { startDate: '2025-01-03T02:00:00Z', endDate: '2025-01-05T02:00:00Z' })).toEqual([
      '2025-01-03T02:00:00Z',
      '2025-01-04T02:00:00Z',
    ]);
  });
});

describe('rate and at', () => {
  test('rate counts fixed durations from the start date', () => {
    expect(fires('rate(5 minutes)', 'UTC', '2025-01-01T00:12:00Z', 3, { startDate: '2025-01-01T00:01:00Z' })).toEqual([
      '2025-01-01T00:16:00Z',
      '2025-01-01T00:21:00Z',
      '2025-01-01T00:26:00Z',
    ]);
  });

  test('rate(1 day) is 24 hours, even across a DST change', () => {
    expect(fires('rate(1 day)', 'Europe/Berlin', '2025-03-29T12:00:00Z', 2, { startDate: '2025-03-29T12:00:00Z' })).toEqual(['2025-03-29T12:00:00Z', '2025-03-30T12:00:00Z']);
  });

  test('at() is a wall time in the schedule zone; one inside a DST gap never fires', () => {
    expect(fires('at(2025-06-01T12:00:00)', 'Europe/Berlin', '2025-01-01T00:00:00Z')).toEqual(['2025-06-01T10:00:00Z']);
    expect(fires('at(2025-03-30T02:30:00)', 'Europe/Berlin', '2025-01-01T00:00:00Z')).toEqual([]);
    expect(fires('at(2024-06-01T12:00:00)', 'UTC', '2025-01-01T00:00:00Z')).toEqual([]);
  });
});

describe('invalid expressions', () => {
  test.each([
    ['cron(0 2 * * *)', /exactly 6/],
    ['cron(0 2 * * * *)', /must be "\?"/],
    ['cron(0 2 ? * ? *)', /both "\?"/],
    ['cron(60 2 * * ? *)', /minutes value/],
    ['cron(0 2 ? * FUNDAY *)', /day-of-week value/],
    ['cron(0 2 * * ? 2300)', /year value/],
    ['cron(0 2 ? * 3#6 *)', /1-5/],
    ['rate(0 minutes)', /at least 1/],
    ['rate(5 weeks)', /unit/],
    ['at(2025-02-30T00:00:00)', /not a real date/],
    ['every day', /not a schedule expression/],
  ])('%s', (expression, message) => {
    expect(() => nextFireTimes(expression, { from: new Date('2025-01-01T00:00:00Z') })).toThrow(message);
    try {
      nextFireTimes(expression);
    } catch (error) {
      expect(error).toBeInstanceOf(StepwrightError);
      expect((error as StepwrightError).problems[0]!.field).toBe('ScheduleExpression');
    }
  });

  test('an unknown time zone names ScheduleExpressionTimezone', () => {
    expect(() => nextFireTimes('cron(0 2 * * ? *)', { timezone: 'Europe/Atlantis' })).toThrow(/not a known time zone/);
  });

  test('rules want singular units for 1 and plural otherwise, and no at()', () => {
    expect(() => nextFireTimes('rate(1 hours)', { dialect: 'rule' })).toThrow(/singular/);
    expect(() => nextFireTimes('rate(5 hour)', { dialect: 'rule' })).toThrow(/singular/);
    expect(() => nextFireTimes('at(2030-01-01T00:00:00)', { dialect: 'rule' })).toThrow(/do not accept at/);
  });
});
