/**
 * Wall-clock time in an IANA time zone ↔ instants, with Node's built-in Intl (full ICU).
 * A wall time can map to no instant (spring-forward gap) or two (fall-back overlap); callers decide.
 */

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone (an IANA name such as `Europe/Berlin`, or `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall time at `instant` (ms since epoch) in `timeZone`. */
export function wallTimeAt(instant: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

function wallAsUtc(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** Offset of `timeZone` from UTC at `instant`, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const flooredInstant = Math.floor(instant / 1000) * 1000;
  return wallAsUtc(wallTimeAt(flooredInstant, timeZone)) - flooredInstant;
}

/** The instants (ascending) whose wall time in `timeZone` is `wall`: none in a gap, two in an overlap. */
export function instantsOf(wall: WallTime, timeZone: string): number[] {
  const naive = wallAsUtc(wall);
  const offsets = new Set([offsetAt(naive - 86_400_000, timeZone), offsetAt(naive, timeZone), offsetAt(naive + 86_400_000, timeZone)]);
  const found = new Set<number>();
  for (const offset of offsets) {
    const instant = naive - offset;
    if (wallAsUtc(wallTimeAt(instant, timeZone)) === naive) found.add(instant);
  }
  return [...found].sort((a, b) => a - b);
}
