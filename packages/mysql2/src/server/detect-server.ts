import { codeOf } from '../errors.js';
import type { MysqlPoolConnection } from '../driver-types.js';
import { isRetryableError } from '../retry/retry-policy.js';
import { buildVectorProbeSql } from '../sql/vector-sql.js';
import { FALLBACK_KEY_COLLATION, probeExactCollation } from './key-collation.js';
import {
  candidateVectorDialect,
  parseServerVersion,
  upsertSyntaxFor,
  type MysqlSystem,
  type ServerVersion,
  type UpsertSyntax,
  type VectorDialect,
} from './server-info.js';

/** What the store learned about its server, once, at creation. */
export interface ServerInfo {
  /** `db.system.name`: `mysql`, `mariadb` or `tidb`. */
  readonly system: MysqlSystem;
  readonly version: ServerVersion;
  readonly upsertSyntax: UpsertSyntax;
  /** The server's vector SQL, or `undefined` when it has none. */
  readonly vectorDialect: VectorDialect | undefined;
  /** Why vectors are unavailable (for the `StoreCapabilityError` message), or `undefined`. */
  readonly vectorUnavailableReason: string | undefined;
  /** `@@max_allowed_packet`, bytes. */
  readonly maxAllowedPacket: number;
  /** Collation of the key columns `ensureSchema()` creates: NO PAD binary when the server has one. */
  readonly keyCollation: string;
  /** Whether `keyCollation` compares keys exactly (NO PAD); otherwise keys ending in a space are refused. */
  readonly exactKeys: boolean;
}

/** One `SELECT VERSION(), @@max_allowed_packet`, plus one vector probe on a server that may have vectors. */
export async function detectServer(connection: MysqlPoolConnection): Promise<ServerInfo> {
  const [rows] = await connection.query({ sql: 'SELECT VERSION(), @@max_allowed_packet', rowsAsArray: true });
  const row = (rows as unknown[][])[0] ?? [];
  const version = parseServerVersion(String(row[0]));
  const packet = Number(row[1]);
  const maxAllowedPacket = Number.isFinite(packet) && packet > 0 ? packet : 4 * 1024 * 1024;
  const candidate = candidateVectorDialect(version);
  let vectorDialect: VectorDialect | undefined;
  let vectorUnavailableReason: string | undefined;
  if (candidate === undefined) {
    vectorUnavailableReason = `vector search needs TiDB ≥ 8.4, MySQL ≥ 9.0 or MariaDB ≥ 11.7; this server is ${version.system} ${version.major}.${version.minor}.${version.patch}`;
  } else {
    try {
      await connection.query({ sql: buildVectorProbeSql(candidate), rowsAsArray: true });
      vectorDialect = candidate;
    } catch (error) {
      // A lost connection says nothing about the server's functions: let the caller retry.
      if (isRetryableError(error)) throw error;
      vectorUnavailableReason = `this ${version.system} server has no usable vector functions (probe failed: ${codeOf(error)})`;
    }
  }
  const exact = await probeExactCollation(connection, isRetryableError);
  const keyCollation = exact ?? FALLBACK_KEY_COLLATION;
  return Object.freeze({ system: version.system, version, upsertSyntax: upsertSyntaxFor(version), vectorDialect, vectorUnavailableReason, maxAllowedPacket, keyCollation, exactKeys: exact !== undefined });
}
