/** `db.system.name` values (OpenTelemetry semantic conventions) for the servers this store speaks to. */
export type MysqlSystem = 'mysql' | 'mariadb' | 'tidb';

/** How `INSERT … ON DUPLICATE KEY UPDATE` refers to the incoming row. */
export type UpsertSyntax =
  /** `col = VALUES(col)`: MariaDB (all versions), TiDB, MySQL before 8.0.19. */
  | 'values-function'
  /** `INSERT … AS incoming … col = incoming.col`: MySQL 8.0.19+, where `VALUES()` is deprecated. */
  | 'row-alias';

/** Which vector SQL a server speaks; `undefined` when it has none. */
export type VectorDialect =
  /** TiDB ≥ 8.4: `VECTOR(n)`, `VEC_FROM_TEXT`, `VEC_COSINE_DISTANCE`. */
  | 'tidb'
  /** MySQL ≥ 9.0: `VECTOR(n)`, `STRING_TO_VECTOR`, `DISTANCE(a, b, 'COSINE')`. */
  | 'mysql'
  /** MariaDB ≥ 11.7: `VECTOR(n)`, `VEC_FromText`, `VEC_DISTANCE_COSINE`, `VECTOR INDEX … DISTANCE=cosine`. */
  | 'mariadb';

/** What `SELECT VERSION()` says about the server. */
export interface ServerVersion {
  readonly system: MysqlSystem;
  /** Product version: TiDB's own (`8.5.0` from `8.0.11-TiDB-v8.5.0`), else the server's. */
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** The raw `VERSION()` string. */
  readonly raw: string;
}

/** Parses `SELECT VERSION()`: `8.0.36`, `10.11.19-MariaDB-0+deb12u1`, `5.5.5-10.11.6-MariaDB`, `8.0.11-TiDB-v8.5.0`. */
export function parseServerVersion(raw: string): ServerVersion {
  const tidb = /TiDB-v?(\d+)\.(\d+)\.(\d+)/i.exec(raw);
  if (tidb !== null) return { system: 'tidb', ...numbers(tidb), raw };
  if (/mariadb/i.test(raw)) {
    // Some proxies prefix MariaDB's version with the MySQL 5.5.5 compatibility marker.
    const version = /(?:^5\.5\.5-)?(\d+)\.(\d+)\.(\d+)/.exec(raw);
    return { system: 'mariadb', ...numbers(version), raw };
  }
  return { system: 'mysql', ...numbers(/(\d+)\.(\d+)\.(\d+)/.exec(raw)), raw };
}

function numbers(match: RegExpExecArray | null): { major: number; minor: number; patch: number } {
  return { major: Number(match?.[1] ?? 0), minor: Number(match?.[2] ?? 0), patch: Number(match?.[3] ?? 0) };
}

const atLeast = (v: ServerVersion, major: number, minor: number, patch = 0): boolean =>
  v.major !== major ? v.major > major : v.minor !== minor ? v.minor > minor : v.patch >= patch;

/** MySQL 8.0.19+ gets the row-alias form; everything else `VALUES()`, which MariaDB requires. */
export function upsertSyntaxFor(version: ServerVersion): UpsertSyntax {
  return version.system === 'mysql' && atLeast(version, 8, 0, 19) ? 'row-alias' : 'values-function';
}

/**
 * The vector dialect a server of this version may speak, before probing it (the functions can still
 * be missing, e.g. a MySQL build without `DISTANCE()`; the store probes once).
 */
export function candidateVectorDialect(version: ServerVersion): VectorDialect | undefined {
  switch (version.system) {
    case 'tidb':
      return atLeast(version, 8, 4) ? 'tidb' : undefined;
    case 'mysql':
      return atLeast(version, 9, 0) ? 'mysql' : undefined;
    case 'mariadb':
      return atLeast(version, 11, 7) ? 'mariadb' : undefined;
  }
}
