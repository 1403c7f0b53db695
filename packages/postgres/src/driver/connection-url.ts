import { resolve } from 'node:path';
import { InvalidOptionError, redactUrl } from '@featurescope/core';

/** Where the store connects, parsed from `options.url`. */
export type ConnectionTarget =
  | { readonly kind: 'pglite'; readonly dataDir: string | undefined }
  | { readonly kind: 'pg'; readonly connectionString: string };

export const DEFAULT_URL = 'pglite://memory';
const PGLITE = 'pglite://';

/**
 * `pglite://memory` → in-memory PGlite; `pglite:///abs/dir` → absolute data dir; `pglite://rel/dir` →
 * a data dir relative to the working directory; `postgres://…` / `postgresql://…` → a pg Pool.
 * Anything else raises an {@link InvalidOptionError} for option `url` (credentials redacted).
 */
export function parseConnectionUrl(url: unknown): ConnectionTarget {
  if (typeof url !== 'string') throw new InvalidOptionError('url', `must be a string, got ${typeof url}`);
  if (url.startsWith(PGLITE)) {
    const rest = url.slice(PGLITE.length);
    if (rest === 'memory' || rest === 'memory/') return { kind: 'pglite', dataDir: undefined };
    if (rest === '' || rest === '/') throw new InvalidOptionError('url', `"${url}" names no data directory; use pglite://memory or pglite:///abs/dir`);
    let path: string;
    try {
      path = decodeURIComponent(rest);
    } catch (error) {
      throw new InvalidOptionError('url', `"${url}" has a malformed percent-encoding`, { cause: error });
    }
    return { kind: 'pglite', dataDir: resolve(path) };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    try {
      new URL(url);
    } catch (error) {
      throw new InvalidOptionError('url', `"${redactUrl(url)}" is not a valid URL`, { cause: error });
    }
    return { kind: 'pg', connectionString: url };
  }
  throw new InvalidOptionError('url', `must start with pglite://, postgres:// or postgresql://, got "${redactUrl(url)}"`);
}
