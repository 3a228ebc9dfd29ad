/**
 * Records keyed by names a user wrote. A plain `{}` answers `"toString" in o` and `o.constructor`
 * from Object.prototype and turns `o.__proto__ = x` into a prototype change, so every record the
 * readers build from user keys has no prototype, and every lookup by a user key is an own-property
 * check.
 */

/** An empty record with no prototype: `toString`, `constructor` or `__proto__` are ordinary keys. */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Whether `o` itself (not its prototype) has the key `k`; false for `undefined`. */
export function has(o: object | undefined | null, k: string): boolean {
  return o !== undefined && o !== null && Object.hasOwn(o, k);
}

/** `o[k]` if `o` itself has the key `k`, else `undefined` (never a value from Object.prototype). */
export function own<T>(o: Readonly<Record<string, T>> | undefined, k: string): T | undefined {
  return o !== undefined && Object.hasOwn(o, k) ? o[k] : undefined;
}
