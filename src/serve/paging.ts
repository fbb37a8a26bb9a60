/**
 * Paging as the API does it: `maxResults` (0 or absent: 100, at most 1000) and an opaque
 * `nextToken` that only continues the listing it came from (anything else is InvalidToken).
 */
import { errors } from './errors.js';

const DEFAULT_PAGE = 100;

export function pageSize(maxResults: unknown): number {
  return typeof maxResults === 'number' && maxResults > 0 ? maxResults : DEFAULT_PAGE;
}

/** A token naming the listing (`key`) and where the next page starts. */
export function makeToken(key: string, position: number): string {
  return Buffer.from(JSON.stringify({ k: key, p: position })).toString('base64url');
}

export function readToken(token: unknown, key: string): number | undefined {
  if (token === undefined || token === null) return undefined;
  try {
    const { k, p } = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8')) as { k?: unknown; p?: unknown };
    if (k === key && typeof p === 'number' && Number.isInteger(p) && p >= 0) return p;
  } catch {
    // fall through
  }
  throw errors.invalidToken(String(token));
}

/** One page of `items` starting at the token's position. */
export function page<T>(items: readonly T[], key: string, body: { maxResults?: unknown; nextToken?: unknown }): { items: T[]; nextToken?: string } {
  const from = readToken(body.nextToken, key) ?? 0;
  const size = pageSize(body.maxResults);
  const slice = items.slice(from, from + size);
  return from + size < items.length ? { items: slice, nextToken: makeToken(key, from + size) } : { items: slice };
}
