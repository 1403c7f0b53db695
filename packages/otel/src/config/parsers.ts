/** Pure parsers for `OTEL_*` values. Each returns `undefined` for a value it cannot accept. */

/** A comma-separated list of names, each from `accepted`; `none` must stand alone. */
export function parseNameList<T extends string>(raw: string, accepted: readonly T[]): T[] | undefined {
  const names = raw.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
  if (names.length === 0) return undefined;
  if (!names.every((name) => (accepted as readonly string[]).includes(name))) return undefined;
  if (names.includes('none') && names.length > 1) return undefined;
  return [...new Set(names)] as T[];
}

/** One name from `accepted` (case-insensitive). */
export function parseName<T extends string>(raw: string, accepted: readonly T[]): T | undefined {
  const name = raw.trim().toLowerCase();
  return (accepted as readonly string[]).includes(name) ? (name as T) : undefined;
}

/** A decimal integer in [min, max]. */
export function parseInteger(raw: string, min: number, max: number): number | undefined {
  const text = raw.trim();
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

/** A number in [0, 1] (a sampling ratio). */
export function parseRatio(raw: string): number | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : undefined;
}

export function parseBoolean(raw: string): boolean | undefined {
  const text = raw.trim().toLowerCase();
  if (text === 'true') return true;
  if (text === 'false') return false;
  return undefined;
}

/** An absolute http(s) URL: the OTLP exporters send nothing anywhere else. */
export function isHttpUrl(raw: string): boolean {
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A host name or address to listen on: no scheme, path or whitespace. */
export function isListenHost(raw: string): boolean {
  return /^[A-Za-z0-9.:\-_[\]%]+$/.test(raw.trim());
}

/** How strict {@link parseKeyValueList} is; the two variables using the format differ. */
export interface KeyValueRules {
  /** Split at the first `=` only, so values may hold `=` (base64 tokens in headers). */
  readonly equalsInValue: boolean;
  /** Reject entries whose value is empty. */
  readonly requireValue: boolean;
  /** Longest decoded key or value. */
  readonly maxLength: number;
}

/** `OTEL_RESOURCE_ATTRIBUTES`: the SDK's env detector discards the whole value on any bad entry. */
export const RESOURCE_ATTRIBUTE_RULES: KeyValueRules = { equalsInValue: false, requireValue: false, maxLength: 255 };
/** `OTEL_EXPORTER_OTLP_*HEADERS`: W3C-baggage-like; the exporters drop just the bad entries. */
export const HEADER_RULES: KeyValueRules = { equalsInValue: true, requireValue: true, maxLength: Infinity };

/**
 * `key=value,key=value` with percent-encoded keys and values. Returns the decoded pairs, or
 * `undefined` if any entry is malformed.
 */
export function parseKeyValueList(raw: string, rules: KeyValueRules): Record<string, string> | undefined {
  const result: Record<string, string> = {};
  for (const entry of raw.split(',')) {
    if (entry.trim() === '') continue;
    const separator = entry.indexOf('=');
    if (separator <= 0) return undefined;
    if (!rules.equalsInValue && entry.indexOf('=', separator + 1) !== -1) return undefined;
    const key = decode(entry.slice(0, separator).trim());
    const value = decode(entry.slice(separator + 1).trim());
    if (key === undefined || value === undefined || key === '') return undefined;
    if (rules.requireValue && value === '') return undefined;
    if (key.length > rules.maxLength || value.length > rules.maxLength) return undefined;
    result[key] = value;
  }
  return result;
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** `key=value,…` with every value (and every entry without a key) replaced by `***`. */
export function redactHeaderValues(raw: string): string {
  return raw
    .split(',')
    .map((entry) => {
      const separator = entry.indexOf('=');
      return separator > 0 ? `${entry.slice(0, separator).trim()}=***` : '***';
    })
    .join(',');
}
