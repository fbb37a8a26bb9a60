/**
 * Records keyed by names the user chose (states, variables, mocks, payload keys). Those names
 * may be `__proto__`, `constructor` or `valueOf` like any other: a plain `record[name]` would
 * read Object.prototype, and `record[name] = value` would set the prototype.
 */

/** The record's own entry for `key`, never an inherited one. */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Sets an own entry, `__proto__` included. */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}
