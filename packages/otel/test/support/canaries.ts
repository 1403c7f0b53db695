/** Strings that must never reach telemetry; each test writes them as ids or values, then searches every export. */
export const CANARY_ENTITY = 'entity-CANARY-7f3a';
export const CANARY_VALUE = 987654.321;
export const CANARY_VALUE_TEXT = '987654.321';

/** Every string in an exported object (attribute values, names), bigint-safe. */
export function textOf(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? inner.toString() : inner instanceof Uint8Array ? Buffer.from(inner).toString('latin1') : inner));
}
