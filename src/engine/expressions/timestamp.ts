/**
 * RFC 3339 timestamps as Step Functions reads them (Choice Timestamp* rules, IsTimestamp, Wait
 * Timestamp): `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`. A missing offset, a space for `T` or an
 * impossible date or time is not a timestamp (recorded: "2016-12-05T21:29:29" and "2016-13-05..." fail).
 */

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** Nanoseconds since the epoch, or undefined when `text` is not an RFC 3339 timestamp. */
export function parseTimestamp(text: unknown): bigint | undefined {
  if (typeof text !== 'string') return undefined;
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year); // Date.UTC maps years 0-99 to 1900-1999
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return undefined;
  let offsetMinutes = 0;
  if (m[8] !== 'Z') {
    const oh = Number(m[8].slice(1, 3));
    const om = Number(m[8].slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[8][0] === '+' ? 1 : -1) * (oh * 60 + om);
  }
  const nanos = BigInt((m[7] ?? '').padEnd(9, '0'));
  return (BigInt(date.getTime()) - BigInt(offsetMinutes) * 60_000n) * 1_000_000n + nanos;
}

/** Epoch milliseconds of an RFC 3339 timestamp (for Wait), or undefined when invalid. */
export function timestampToEpochMillis(text: unknown): number | undefined {
  const nanos = parseTimestamp(text);
  return nanos === undefined ? undefined : Number(nanos / 1_000_000n);
}
