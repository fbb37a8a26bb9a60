/**
 * Text for failure messages: the path a run took (one line per state, nested states indented,
 * retries and catches marked), and a line diff of two JSON values for use outside Jest.
 */
import type { Visit } from './trace.js';

export interface PathSource {
  visits: Visit[];
  status: string;
  error?: string;
  cause?: string;
  failedAt?: Visit;
}

const MAX_LINES = 40;

export function formatRunPath(run: PathSource): string {
  const lines = run.visits.map((v) => `${'  '.repeat(v.depth + 1)}${v.name}${notes(v, run.failedAt === v)}`);
  const shown = lines.length > MAX_LINES ? [...lines.slice(0, 10), `  … ${lines.length - MAX_LINES + 10} more …`, ...lines.slice(-(MAX_LINES - 10))] : lines;
  const end = run.status === 'SUCCEEDED' ? '  ✓ SUCCEEDED' : `  ✗ ${run.status}${run.error ? ` ${run.error}` : ''}${run.cause ? `: ${truncate(run.cause, 160)}` : ''}`;
  return [...shown, end].join('\n');
}

function notes(v: Visit, failedHere: boolean): string {
  const parts: string[] = [];
  for (const f of v.failures) {
    if (f.retried) parts.push(`${f.error} → retried after ${round(f.retried.delaySeconds)}s`);
    else if (f.caught) parts.push(`${f.error} → caught → ${f.caught.next}`);
  }
  if (failedHere) {
    const last = v.failures[v.failures.length - 1];
    parts.push(v.type === 'Fail' ? 'Fail state' : `failed${last?.error ? `: ${last.error}` : ''}`);
  }
  return parts.length > 0 ? `  (${parts.join('; ')})` : '';
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A minimal line diff of two values as pretty JSON ("- expected", "+ received"), for the CLI. */
export function jsonDiff(expected: unknown, received: unknown): string {
  const a = pretty(expected).split('\n');
  const b = pretty(received).split('\n');
  // Longest common subsequence on lines; outputs here are small.
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: string[] = ['- expected', '+ received', ''];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) out.push(`  ${a[i++]}`), j++;
    else if (j < b.length && (i === a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) out.push(`+ ${b[j++]}`);
    else out.push(`- ${a[i++]}`);
  }
  return out.join('\n');
}

export function pretty(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value, null, 2);
}
