/** Durations as users write them: a number of seconds, or `'90s'`, `'5m'`, `'2h'`, `'1d'`, `'1h30m'`. */
export type Duration = number | `${number}${'s' | 'm' | 'h' | 'd'}${string}`;

/** The fix to print with any duration problem. */
export const DURATION_FIX = "write seconds as a number (30), or text such as '30s', '5m', '2h', '1d', '1h30m'";

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
const PART = /(\d+(?:\.\d+)?)([smhd])/g;

/** Seconds in a duration; throws a plain Error with a readable message when the text is not one. */
export function toSeconds(duration: Duration | string): number {
  if (typeof duration === 'number') {
    if (!Number.isFinite(duration) || duration < 0) throw new Error(`expected a duration in seconds, got ${duration}`);
    return duration;
  }
  const text = duration.replace(/\s+/g, '');
  let total = 0;
  let consumed = '';
  for (const match of text.matchAll(PART)) {
    total += Number(match[1]) * UNIT_SECONDS[match[2]!]!;
    consumed += match[0];
  }
  if (text === '' || consumed !== text) {
    throw new Error(`"${duration}" is not a duration`);
  }
  return total;
}
