import { MonitorConfigError } from '../errors.js';

/** An origin as browsers send it: scheme, host and optional port, nothing else. */
const ORIGIN = /^https?:\/\/[A-Za-z0-9.\-[\]:]+$/;

/**
 * Validates an allow-list of origins (`https://dash.example.com`, `http://localhost:3000`); each
 * must be exactly what a browser sends in `Origin` (no path, no trailing slash, no wildcard).
 * Throws {@link MonitorConfigError} naming the entry.
 */
export function corsAllowList(origins: readonly string[] | undefined, key = 'corsOrigins'): ReadonlySet<string> {
  const allowed = new Set<string>();
  (origins ?? []).forEach((origin, i) => {
    if (typeof origin !== 'string' || !ORIGIN.test(origin)) {
      throw new MonitorConfigError(`${key}[${i}]`, `must be an origin like https://dash.example.com (scheme, host, port; no path or wildcard), got ${JSON.stringify(origin)}`);
    }
    allowed.add(origin.toLowerCase());
  });
  return allowed;
}

/**
 * CORS response headers for a request's `Origin`: the origin echoed back only when it is on the
 * allow-list; none at all when the list is empty (CORS off, the default).
 */
export function corsHeaders(allowed: ReadonlySet<string>, origin: string | undefined): Record<string, string> {
  if (allowed.size === 0) return {};
  if (origin === undefined || !allowed.has(origin.toLowerCase())) return { vary: 'Origin' };
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}

/** Headers of a successful preflight (`OPTIONS`) for an allowed origin. */
export const PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-methods': 'GET, HEAD',
  'access-control-allow-headers': 'Last-Event-ID, Cache-Control',
  'access-control-max-age': '600',
};
