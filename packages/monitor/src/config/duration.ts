import { MonitorConfigError } from '../errors.js';

const UNITS: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/;

/**
 * Seconds from a duration: a number (seconds) or a string such as `500ms`, `30s`, `5m`, `1h`, `7d`
 * (a bare number string is seconds). Throws a {@link MonitorConfigError} naming `key` otherwise.
 */
export function parseDuration(key: string, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  if (typeof value === 'string') {
    const match = DURATION.exec(value.trim());
    if (match !== null) {
      const seconds = Number(match[1]) * UNITS[match[2] ?? 's']!;
      if (seconds > 0) return seconds;
    }
  }
  throw new MonitorConfigError(key, `must be a positive duration such as 30, "30s", "500ms", "5m", "1h" or "7d", got ${JSON.stringify(value)}`);
}
