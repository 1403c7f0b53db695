import {
  StoreClosedError,
  validateLookupRequest,
  validateUpsertRequest,
  validateVectorSearchRequest,
  validateVectorUpsertRequest,
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
import type { QueryFn, SqlExecutor } from './driver/executor.js';
import { ensureSchema } from './ensure-schema.js';
import { checkLookupText, toFeatureColumns } from './feature-batch.js';
import type { ResolvedOptions } from './options.js';
import type { FeatureTableSql } from './sql/feature-table-sql.js';
import type { VectorTableSql } from './sql/vector-table-sql.js';
import type { EnsureSchemaReport, VectorSupport } from './types.js';
import { toVectorColumns, vectorText } from './vector-batch.js';
import { VectorCapability } from './vector-capability.js';

/** pgvector's default `hnsw.ef_search`: an HNSW scan returns at most this many rows unless raised. */
const DEFAULT_EF_SEARCH = 40;
/** pgvector's largest accepted `hnsw.ef_search`. */
const MAX_EF_SEARCH = 1000;
const SET_EF_SEARCH = `SELECT set_config('hnsw.ef_search', $1, true)`;
// Iterative scans (pgvector ≥ 0.8) keep scanning past ef_search, so topK up to MAX_TOP_K is honoured.
const SET_EF_SEARCH_ITERATIVE = `SELECT set_config('hnsw.ef_search', $1, true), set_config('hnsw.iterative_scan', 'strict_order', true)`;

/** What the factory hands the constructor. */
export interface PostgresFeatureStoreInternals {
  readonly executor: SqlExecutor;
  readonly options: ResolvedOptions;
  readonly isPGlite: boolean;
  readonly endpoint: StoreEndpoint | undefined;
}

/**
 * A featurescope store over PostgreSQL (`pg`) or embedded PGlite. Create it with
 * `createPostgresFeatureStore(options)`; create the schema with {@link ensureSchema}.
 */
export class PostgresFeatureStore implements FeatureStore {
  /** `db.system.name` for PostgreSQL and PGlite alike. */
  readonly system = 'postgresql';
  /** Server host, port and database (PGlite: database only), for `server.*` and `db.namespace` on spans. */
  readonly endpoint: StoreEndpoint | undefined;
  readonly #executor: SqlExecutor;
  readonly #options: ResolvedOptions;
  readonly #capability: VectorCapability;
  #closing: Promise<void> | undefined;

  /** @internal Use `createPostgresFeatureStore`. */
  constructor(internals: PostgresFeatureStoreInternals) {
    this.#executor = internals.executor;
    this.#options = internals.options;
    this.endpoint = internals.endpoint;
    this.#capability = new VectorCapability(internals.executor.query, internals.isPGlite);
  }

  /**
   * Creates missing tables and indexes (idempotent, in one transaction): the feature tables, then for
   * declared collections `CREATE EXTENSION IF NOT EXISTS vector`, vector tables and HNSW indexes.
   * Without pgvector it creates the feature tables and says what it skipped in `notes` (and via `diag`).
   */
  async ensureSchema(): Promise<EnsureSchemaReport> {
    this.#assertOpen();
    const report = await ensureSchema(this.#executor, this.#options);
    this.#capability.set(report.vector);
    return report;
  }

  /** Whether vectors work here (detected once with a catalogue query, then cached). */
  vectorSupport(): Promise<VectorSupport> {
    if (this.#closing !== undefined) return Promise.reject(new StoreClosedError());
    return this.#capability.get();
  }

  /** Writes the batch atomically (`INSERT … ON CONFLICT DO UPDATE`); a repeated (entity, feature) keeps the last row. */
  async upsert(request: UpsertRequest): Promise<UpsertResult> {
    this.#assertOpen();
    validateUpsertRequest(request);
    const rows = request.rows;
    if (rows.length === 0) return { written: 0 };
    const sql = this.#tableFor(request.group).upsert;
    const { entityIds, features, values } = toFeatureColumns(rows);
    const chunk = this.#options.upsertChunkSize;
    if (entityIds.length <= chunk) {
      await this.#executor.query(sql, [entityIds, features, values]);
    } else {
      await this.#executor.transaction(async (query) => {
        for (let i = 0; i < entityIds.length; i += chunk) {
          await query(sql, [entityIds.slice(i, i + chunk), features.slice(i, i + chunk), values.slice(i, i + chunk)]);
        }
      });
    }
    return { written: rows.length };
  }

  /** Reads `features` of `entityIds`; absent pairs are misses. `updatedAt` is truncated to milliseconds. */
  async lookup(request: LookupRequest): Promise<LookupResult> {
    this.#assertOpen();
    validateLookupRequest(request);
    checkLookupText(request);
    const values = new Map<string, Map<string, StoredFeatureValue>>();
    const { entityIds, features } = request;
    if (entityIds.length === 0 || features.length === 0) return { values };
    const sql = this.#tableFor(request.group).lookup;
    const chunk = this.#options.lookupChunkSize;
    if (entityIds.length <= chunk) {
      addLookupRows(values, await this.#executor.query(sql, [entityIds, features]));
    } else {
      for (let i = 0; i < entityIds.length; i += chunk) {
        addLookupRows(values, await this.#executor.query(sql, [entityIds.slice(i, i + chunk), features]));
      }
    }
    return { values };
  }

  /** Inserts or replaces vectors atomically. Fails with StoreCapabilityError (nothing sent) without pgvector. */
  async upsertVectors(request: VectorUpsertRequest): Promise<VectorUpsertResult> {
    const table = await this.#vectorTable(request?.collection);
    validateVectorUpsertRequest(request, table.dimension);
    const records = request.records;
    if (records.length === 0) return { written: 0 };
    const { ids, vectors, metadata } = toVectorColumns(records);
    const chunk = this.#options.upsertChunkSize;
    if (ids.length <= chunk) {
      await this.#executor.query(table.upsert, [ids, vectors, metadata]);
    } else {
      await this.#executor.transaction(async (query) => {
        for (let i = 0; i < ids.length; i += chunk) {
          await query(table.upsert, [ids.slice(i, i + chunk), vectors.slice(i, i + chunk), metadata.slice(i, i + chunk)]);
        }
      });
    }
    return { written: records.length };
  }

  /** Nearest neighbours by cosine similarity through the HNSW index (`ORDER BY <=> LIMIT topK`). */
  async searchVectors(request: VectorSearchRequest): Promise<VectorSearchResult> {
    const table = await this.#vectorTable(request?.collection);
    validateVectorSearchRequest(request, table.dimension);
    const params = [vectorText(request.vector), request.topK];
    const topK = request.topK;
    let rows: unknown[][];
    if (topK <= DEFAULT_EF_SEARCH) {
      rows = await this.#executor.query(table.search, params);
    } else {
      const setSql = iterativeScans(await this.#capability.get()) ? SET_EF_SEARCH_ITERATIVE : SET_EF_SEARCH;
      rows = await this.#executor.transaction(async (query: QueryFn) => {
        await query(setSql, [String(Math.min(topK, MAX_EF_SEARCH))]);
        return query(table.search, params);
      });
    }
    const matches = new Array<VectorMatch>(rows.length);
    for (let i = 0; i < rows.length; i++) matches[i] = toMatch(rows[i]!);
    return { matches };
  }

  /**
   * Ends the pool / closes PGlite when the store created it; a `client` passed in is left open.
   * Later calls reject with StoreClosedError. Idempotent.
   */
  close(): Promise<void> {
    this.#closing ??= this.#executor.close();
    return this.#closing;
  }

  #assertOpen(): void {
    if (this.#closing !== undefined) throw new StoreClosedError();
  }

  #tableFor(group: string): FeatureTableSql {
    return this.#options.groupTables.get(group) ?? this.#options.defaultTable;
  }

  /** Capability first (so a server without pgvector answers StoreCapabilityError for any collection), then the collection. */
  async #vectorTable(collection: string | undefined): Promise<VectorTableSql> {
    this.#assertOpen();
    const table = typeof collection === 'string' ? this.#options.vectorTables.get(collection) : undefined;
    const error = this.#capability.errorFor(await this.#capability.get(), table !== undefined);
    if (error !== undefined) throw error;
    this.#assertOpen();
    // Throws UnknownCollectionError for an undeclared collection.
    this.#options.collections.dimensionOf(collection as string);
    return table!;
  }
}

function addLookupRows(values: Map<string, Map<string, StoredFeatureValue>>, rows: readonly unknown[][]): void {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const entityId = row[0] as string;
    let entity = values.get(entityId);
    if (entity === undefined) values.set(entityId, (entity = new Map<string, StoredFeatureValue>()));
    entity.set(row[1] as string, { value: toNumber(row[2]), updatedAt: toDate(row[3]) });
  }
}

// pg and PGlite parse float8 and timestamptz already; a pool with custom type parsers (or a
// numeric/real column in an existing table) may hand over strings instead.
function toNumber(value: unknown): number | null {
  return typeof value === 'number' || value === null ? value : Number(value);
}

function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as string);
}

function toMatch(row: unknown[]): VectorMatch {
  const id = row[0] as string;
  const raw = toNumber(row[1]);
  // A stored zero vector has an undefined cosine (NaN in pgvector); the reference store says 0.
  const score = raw === null || Number.isNaN(raw) ? 0 : Math.max(-1, Math.min(1, raw));
  const metadata = row[2];
  if (metadata === null || metadata === undefined) return { id, score };
  return { id, score, metadata: (typeof metadata === 'string' ? JSON.parse(metadata) : metadata) as VectorMetadata };
}

function iterativeScans(support: VectorSupport): boolean {
  const [major = 0, minor = 0] = (support.version ?? '0.0').split('.').map(Number);
  return major > 0 || minor >= 8;
}
