/**
 * Feature values as Redis strings. `String(number)` is the shortest decimal that parses back to the
 * same double, so every finite double round-trips exactly; `null` ("known to be missing") is the
 * empty string, which no number encodes to, so it stays distinct from an absent field.
 */
export function encodeValue(value: number | null): string {
  return value === null ? '' : String(value);
}

/** The stored string back to a value; `undefined` when the field is absent. */
export function decodeValue(stored: unknown): number | null | undefined {
  if (stored === null || stored === undefined) return undefined;
  // ioredis replies are strings; a Buffer appears only with *Buffer commands.
  const text = typeof stored === 'string' ? stored : Buffer.isBuffer(stored) ? stored.toString('utf8') : JSON.stringify(stored);
  return text === '' ? null : Number(text);
}

/** A write time field (integer ms) back to a Date; the epoch when it is missing (written by another tool). */
export function decodeTime(stored: unknown): Date {
  const ms = stored === null || stored === undefined ? 0 : Number(stored);
  return new Date(Number.isFinite(ms) ? ms : 0);
}
