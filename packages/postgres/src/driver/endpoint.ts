import type { StoreEndpoint } from '@featurescope/core';
import type { ConnectionTarget } from './connection-url.js';

/** PGlite's database: it runs in this process, so there is no server address or port. */
const PGLITE_ENDPOINT: StoreEndpoint = Object.freeze({ namespace: 'postgres' });

/** pg's defaults for parts a connection string or pool config leaves out. */
const PG_DEFAULT_HOST = 'localhost';
const PG_DEFAULT_PORT = 5432;

interface PgPoolOptionsLike {
  readonly options?: { readonly host?: unknown; readonly port?: unknown; readonly database?: unknown; readonly user?: unknown; readonly connectionString?: unknown };
}

/**
 * Host, port and database of the store's server, for `server.address`, `server.port` and
 * `db.namespace` on spans: parsed from the URL, or read from a pg Pool's options (a connection string
 * there, else `host`/`port`/`database`). Unknown parts are left out rather than guessed.
 */
export function endpointOf(target: ConnectionTarget | undefined, client: unknown, pglite: boolean): StoreEndpoint | undefined {
  if (pglite) return PGLITE_ENDPOINT;
  if (target?.kind === 'pg') return fromConnectionString(target.connectionString);
  const options = (client as PgPoolOptionsLike | null)?.options;
  if (options === undefined || options === null || typeof options !== 'object') return undefined;
  if (typeof options.connectionString === 'string') return fromConnectionString(options.connectionString);
  const port = typeof options.port === 'number' ? options.port : typeof options.port === 'string' ? Number(options.port) : PG_DEFAULT_PORT;
  return {
    address: typeof options.host === 'string' && options.host !== '' ? options.host : PG_DEFAULT_HOST,
    port: Number.isInteger(port) ? port : undefined,
    namespace: typeof options.database === 'string' && options.database !== '' ? options.database : undefined,
  };
}

function fromConnectionString(connectionString: string): StoreEndpoint | undefined {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    return undefined;
  }
  // `?host=/var/run/postgresql` selects a unix socket directory, as libpq and pg allow.
  const socket = url.searchParams.get('host');
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  return {
    address: socket ?? (url.hostname.replace(/^\[|\]$/g, '') || PG_DEFAULT_HOST),
    port: socket !== null ? undefined : url.port === '' ? PG_DEFAULT_PORT : Number(url.port),
    namespace: database === '' ? undefined : database,
  };
}
