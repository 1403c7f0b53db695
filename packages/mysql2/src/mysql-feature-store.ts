import {
  CallDeadline,
  StoreCapabilityError,
  StoreTimeoutError,
  withRetry,
  withinLimit,
  StoreClosedError,
  validateLookupRequest,
  validateUpsertRequest,
  validateVectorSearchRequest,
  validateVectorUpsertRequest,
  type EnsureSchemaReport,
  type FeatureStore,
  type LookupRequest,
  type LookupResult,
  type StoreEndpoint,
  type StoredFeatureValue,
  type UpsertRequest,
  type UpsertResult,
  type VectorMatch,
  type VectorMetadata,
  type VectorSearchRequest,
  type VectorSearchResult,
  type VectorUpsertRequest,
  type VectorUpsertResult,
} from '@featurescope/core';
import type { MysqlPool, MysqlPoolConnection } from './driver-types.js';
import { isFatalConnectionError, type ConnectionSource } from './pool/connection-source.js';
import { readPoolEndpoint } from './pool/pool-internals.js';
import type { PoolMetrics } from './pool/pool-metrics.js';
import type { ResolvedStoreOptions } from './resolve-options.js';
import { isCleanStatementError, isRetryableError } from './retry/retry-policy.js';
import type { ServerInfo } from './server/detect-server.js';
import { featureTablesOf, unquote, verifyKeyTables } from './server/key-tables.js';
import { refusePaddedLookupKeys, refusePaddedUpsertKeys } from './server/key-collation.js';
import type { MysqlSystem } from './server/server-info.js';
import {
  STATEMENT_OVERHEAD_BYTES,
  buildLookupSql,
  buildUpsertSql,
  chunkBatch,
  featureRowBytes,
  type QuotedFeatureTable,
} from './sql/feature-sql.js';
import { buildFeatureTableDdl, type SchemaFlavor } from './sql/schema-sql.js';
import { buildVectorSearchSql, buildVectorTableDdl, buildVectorUpsertSql, vectorText } from './sql/vector-sql.js';

/** One statement of a write and its parameters. */
interface Statement {
  readonly sql: string;
  readonly values: unknown[];
}

/** Where the store's pool and server came from; built by `createMysqlFeatureStore`. */
export interface MysqlStoreParts {
  readonly options: ResolvedStoreOptions;
  readonly pool: MysqlPool;
  readonly ownsPool: boolean;
  readonly source: ConnectionSource;
  readonly server: ServerInfo;
  readonly poolMetrics: PoolMetrics | undefined;
  /** Feature tables (quoted names) whose key columns were verified NO PAD binary. */
  readonly exactTables: Set<string>;
}

/**
 * A {@link FeatureStore} over a MySQL, MariaDB or TiDB feature table through a mysql2 promise pool.
 * Create it with `createMysqlFeatureStore()`. Writes are multi-row `INSERT … ON DUPLICATE KEY UPDATE`
 * statements, all of one call in one transaction; transient failures are retried with full-jitter
 * backoff. Every SQL parameter is bound (`?`), so the statement text never contains values.
 */
export class MysqlFeatureStore implements FeatureStore {
  /** `db.system.name` of the server: `mysql`, `mariadb` or `tidb`, detected from `SELECT VERSION()`. */
  readonly system: MysqlSystem;
  /** What was detected about the server at creation. */
  readonly server: ServerInfo;
  /** Server host, port and database from the pool's configuration, for `server.*` and `db.namespace` on spans. */
  readonly endpoint: StoreEndpoint | undefined;
  readonly #options: ResolvedStoreOptions;
  readonly #pool: MysqlPool;
  readonly #ownsPool: boolean;
  readonly #source: ConnectionSource;
  readonly #poolMetrics: PoolMetrics | undefined;
  /** Bytes one statement may take: half of `max_allowed_packet`, a margin for protocol overhead. */
  readonly #maxStatementBytes: number;
  /** SQL per (table, row count): most batches reuse the same few statements. */
  readonly #sqlCache = new Map<string, string>();
  /** Quoted names of feature tables with exact (NO PAD binary) keys; others refuse keys ending in a space. */
  readonly #exactTables: Set<string>;
  #closed = false;
  #closing: Promise<void> | undefined;

  /** @internal Use `createMysqlFeatureStore()`. */
  constructor(parts: MysqlStoreParts) {
    this.#options = parts.options;
    this.#pool = parts.pool;
    this.#ownsPool = parts.ownsPool;
    this.#source = parts.source;
    this.#poolMetrics = parts.poolMetrics;
    this.#exactTables = parts.exactTables;
    this.server = parts.server;
    this.system = parts.server.system;
    this.endpoint = readPoolEndpoint(parts.pool);
    this.#maxStatementBytes = Math.max(16 * 1024, Math.floor(parts.server.maxAllowedPacket / 2) - STATEMENT_OVERHEAD_BYTES);
  }

  async upsert(request: UpsertRequest): Promise<UpsertResult> {
    this.#assertOpen();
    validateUpsertRequest(request);
    const rows = request.rows;
    if (rows.length === 0) return { written: 0 };
    const table = this.#tableOf(request.group);
    if (!this.#exactTables.has(table.table)) refusePaddedUpsertKeys(rows);
    const chunks = chunkBatch(rows.length, this.#options.upsertChunkSize, this.#maxStatementBytes, (i) => featureRowBytes(rows[i]!.entityId, rows[i]!.feature));
    const statements = chunks.map(({ start, end }): Statement => {
      const values: unknown[] = new Array<unknown>((end - start) * 3);
      for (let i = start, j = 0; i < end; i++) {
        const row = rows[i]!;
        values[j++] = row.entityId;
        values[j++] = row.feature;
        values[j++] = row.value;
      }
      return { sql: this.#cachedSql(`u${table.table}:${end - start}`, () => buildUpsertSql(table, end - start, this.server.upsertSyntax)), values };
    });
    await this.#writeAtomically(statements);
    return { written: rows.length };
  }

  async lookup(request: LookupRequest): Promise<LookupResult> {
    this.#assertOpen();
    validateLookupRequest(request);
    const values = new Map<string, Map<string, StoredFeatureValue>>();
    const entityIds = [...new Set(request.entityIds)];
    const features = [...new Set(request.features)];
    if (entityIds.length === 0 || features.length === 0) return { values };
    const table = this.#tableOf(request.group);
    if (!this.#exactTables.has(table.table)) refusePaddedLookupKeys(entityIds, features);
    const max = this.#options.lookupChunkSize;
    const found = await this.#withConnection(async (connection) => {
      const byEntity = new Map<string, Map<string, StoredFeatureValue>>();
      for (let e = 0; e < entityIds.length; e += max) {
        const entityChunk = entityIds.slice(e, e + max);
        for (let f = 0; f < features.length; f += max) {
          const featureChunk = features.slice(f, f + max);
          const sql = this.#cachedSql(`l${table.table}:${entityChunk.length}:${featureChunk.length}`, () => buildLookupSql(table, entityChunk.length, featureChunk.length));
          const [rows] = await connection.query({ sql, rowsAsArray: true }, [...entityChunk, ...featureChunk]);
          for (const row of rows as unknown[][]) {
            const entityId = String(row[0]);
            let stored = byEntity.get(entityId);
            if (stored === undefined) byEntity.set(entityId, (stored = new Map<string, StoredFeatureValue>()));
            stored.set(String(row[1]), { value: toNumberOrNull(row[2]), updatedAt: new Date(Number(row[3]) / 1000) });
          }
        }
      }
      return byEntity;
    });
    // Request order, like the reference store, whatever order the server returned rows in.
    for (const entityId of entityIds) {
      const stored = found.get(entityId);
      if (stored === undefined) continue;
      let ordered: Map<string, StoredFeatureValue> | undefined;
      for (const feature of features) {
        const value = stored.get(feature);
        if (value === undefined) continue;
        ordered ??= new Map();
        ordered.set(feature, value);
      }
      if (ordered !== undefined) values.set(entityId, ordered);
    }
    return { values };
  }

  async upsertVectors(request: VectorUpsertRequest): Promise<VectorUpsertResult> {
    this.#assertOpen();
    const dialect = this.#vectorDialect();
    const dimension = this.#options.collections.dimensionOf(request?.collection);
    validateVectorUpsertRequest(request, dimension);
    const records = request.records;
    if (records.length === 0) return { written: 0 };
    const table = this.#options.vectorTables.get(request.collection)!;
    const texts = records.map((record) => vectorText(record.vector));
    const metadata = records.map((record) => (record.metadata === undefined ? null : JSON.stringify(record.metadata)));
    const chunks = chunkBatch(records.length, this.#options.upsertChunkSize, this.#maxStatementBytes, (i) => 3 * (records[i]!.id.length + (metadata[i]?.length ?? 4)) + texts[i]!.length + 64);
    const statements = chunks.map(({ start, end }): Statement => {
      const values: unknown[] = [];
      for (let i = start; i < end; i++) values.push(records[i]!.id, texts[i], metadata[i]);
      return { sql: buildVectorUpsertSql(table, end - start, dialect, this.server.upsertSyntax), values };
    });
    await this.#writeAtomically(statements);
    return { written: records.length };
  }

  async searchVectors(request: VectorSearchRequest): Promise<VectorSearchResult> {
    this.#assertOpen();
    const dialect = this.#vectorDialect();
    const dimension = this.#options.collections.dimensionOf(request?.collection);
    validateVectorSearchRequest(request, dimension);
    const table = this.#options.vectorTables.get(request.collection)!;
    const sql = buildVectorSearchSql(table, dialect);
    const rows = await this.#withConnection(async (connection) => (await connection.query({ sql, rowsAsArray: true }, [vectorText(request.vector), request.topK]))[0] as unknown[][]);
    const matches = rows.map((row): VectorMatch => {
      const score = 1 - Number(row[2]);
      const metadata = parseMetadata(row[1]);
      return metadata === undefined ? { id: String(row[0]), score } : { id: String(row[0]), score, metadata };
    });
    return { matches };
  }

  /**
   * Creates the feature tables (the default one and every `groupTables` table) and, on a server with
   * vectors, the collections' tables, if they do not exist. `flavor` picks the DDL: `tidb` (clustered
   * composite primary key) or `mysql` (InnoDB, also MariaDB). @default flavor: `tidb` on TiDB, else `mysql`
   */
  async ensureSchema(options: { readonly flavor?: SchemaFlavor } = {}): Promise<EnsureSchemaReport> {
    this.#assertOpen();
    const flavor = options.flavor ?? (this.system === 'tidb' ? 'tidb' : 'mysql');
    const tables = featureTablesOf(this.#options);
    const { keyCollation } = this.server;
    const ddl = tables.map((table) => buildFeatureTableDdl(table, flavor, keyCollation));
    const dialect = this.server.vectorDialect;
    const vectorTables: string[] = [];
    if (dialect !== undefined) {
      for (const { name, dimension } of this.#options.collections.list()) {
        const table = this.#options.vectorTables.get(name)!;
        ddl.push(buildVectorTableDdl(table, dimension, dialect, keyCollation));
        vectorTables.push(unquote(table.table));
      }
    }
    const notes = await this.#withConnection(async (connection) => {
      for (const sql of ddl) await connection.query({ sql });
      return verifyKeyTables(connection, tables, this.#exactTables);
    });
    if (dialect === undefined && this.#options.collections.list().length > 0) notes.push(`vector tables skipped: ${this.server.vectorUnavailableReason ?? 'no vector support'}`);
    if (!this.server.exactKeys) notes.push(`this server has no NO PAD binary collation; keys were created with ${keyCollation} and keys ending in a space are refused`);
    return {
      featureTables: tables.map((table) => unquote(table.table)),
      vectorTables,
      vector: { installed: dialect !== undefined, available: dialect !== undefined },
      notes,
    };
  }

  /** Stops the pool metrics and, when the store created the pool, ends it. Idempotent. */
  close(): Promise<void> {
    if (this.#closing !== undefined) return this.#closing;
    this.#closed = true;
    this.#poolMetrics?.shutdown();
    this.#closing = this.#ownsPool ? this.#pool.end() : Promise.resolve();
    return this.#closing;
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError();
  }

  #tableOf(group: string): QuotedFeatureTable {
    return this.#options.groupTables.get(group) ?? this.#options.defaultTable;
  }

  #vectorDialect(): NonNullable<ServerInfo['vectorDialect']> {
    const dialect = this.server.vectorDialect;
    if (dialect === undefined) throw new StoreCapabilityError('vector', `Vectors are not available: ${this.server.vectorUnavailableReason ?? 'unknown reason'}; nothing was sent`);
    return dialect;
  }

  #cachedSql(key: string, build: () => string): string {
    let sql = this.#sqlCache.get(key);
    if (sql === undefined) {
      sql = build();
      if (this.#sqlCache.size >= 256) this.#sqlCache.clear();
      this.#sqlCache.set(key, sql);
    }
    return sql;
  }

  /**
   * Runs the statements so that all or none apply: one statement is atomic by itself; several run in
   * one transaction, rolled back on any error. The whole unit is retried on transient failures.
   */
  #writeAtomically(statements: readonly Statement[]): Promise<void> {
    return this.#withConnection(async (connection) => {
      if (statements.length === 1) {
        await connection.query({ sql: statements[0]!.sql }, statements[0]!.values);
        return;
      }
      await connection.query({ sql: 'START TRANSACTION' });
      try {
        for (const statement of statements) await connection.query({ sql: statement.sql }, statement.values);
        await connection.query({ sql: 'COMMIT' });
      } catch (error) {
        // A lost connection rolls back by itself; otherwise undo explicitly (a lock-wait timeout only
        // rolls back its statement).
        if (!isFatalConnectionError(error)) {
          await connection.query({ sql: 'ROLLBACK' }).catch(() => {
            // The transaction's state is unknown: this session must never be reused.
            connection.destroy();
          });
        }
        throw error;
      }
    });
  }

  /**
   * Checks out a connection, runs `body` with retries within the call's deadlines, and returns or
   * discards the connection. A connection whose query deadline ran out is destroyed (its session is
   * blocked or its transaction's outcome unknown), never returned to the pool.
   */
  #withConnection<T>(body: (connection: MysqlPoolConnection) => Promise<T>): Promise<T> {
    const deadline = new CallDeadline(this.#options.timeouts, this.#options.now);
    return withRetry(
      this.#options.retry,
      async () => {
        const connection = await this.#source.acquire(deadline.limitFor('connect'));
        try {
          const result = await withinLimit(body(connection), deadline.limitFor('query'), () => connection.destroy());
          this.#source.release(connection, false);
          return result;
        } catch (error) {
          this.#source.release(connection, error instanceof StoreTimeoutError || !isCleanStatementError(error));
          throw error;
        }
      },
      { isRetryable: isRetryableError, deadline, shouldStop: () => (this.#closed ? new StoreClosedError() : undefined) },
    );
  }
}

function toNumberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value : Number(value);
}

/** MySQL/TiDB return JSON columns parsed; MariaDB's JSON is LONGTEXT and arrives as a string. */
function parseMetadata(value: unknown): VectorMetadata | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return JSON.parse(value) as VectorMetadata;
  if (Buffer.isBuffer(value)) return JSON.parse(value.toString('utf8')) as VectorMetadata;
  return value as VectorMetadata;
}
