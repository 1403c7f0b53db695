/** Parses `X/Y` (hex) into a bigint. */
export function parseLsn(lsn: string): bigint {
  const [high, low] = lsn.split('/');
  return (BigInt(`0x${high ?? '0'}`) << 32n) | BigInt(`0x${low ?? '0'}`);
}

export function formatLsn(value: bigint): string {
  return `${(value >> 32n).toString(16).toUpperCase()}/${(value & 0xffffffffn).toString(16).toUpperCase()}`;
}

/** `lsn` − 1 (not below 0). */
export function previousLsn(lsn: string): string {
  const value = parseLsn(lsn);
  return formatLsn(value > 0n ? value - 1n : 0n);
}
