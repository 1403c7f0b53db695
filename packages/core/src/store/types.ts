/**
 * The feature-store contract. Every backend (in-memory, Postgres/PGlite, MySQL/TiDB, …)
 * implements {@link FeatureStore}; `instrumentFeatureStore` wraps any of them.
 */

/** One feature value to write. */
export interface FeatureRow {
  /** The entity the feature describes (a user id, a card id, …). Non-empty string. */
  readonly entityId: string;
  /** Feature name, e.g. `txn_count_1h`. Non-empty string. */
  readonly feature: string;
  /** The value: a finite number, or `null` for "known to be missing". NaN and ±Infinity are rejected. */
  readonly value: number | null;
  /** When the value was true in the source system; used for ingest-lag metrics. Not stored. */
  readonly eventTime?: Date;
}

/** A batch of feature values in one feature group. The batch is written atomically. */
export interface UpsertRequest {
  /** Feature group (a logical table such as `user_transactions`). Low cardinality: it becomes a metric attribute. */
  readonly group: string;
  readonly rows: readonly FeatureRow[];
}

export interface UpsertResult {
  /** Rows the store accepted (equal to `rows.length` on success). */
  readonly written: number;
}

/** Read `features` for every id in `entityIds`. */
export interface LookupRequest {
  readonly group: string;
  readonly entityIds: readonly string[];
  readonly features: readonly string[];
}

/** A stored value and when the store last wrote it. */
export interface StoredFeatureValue {
  readonly value: number | null;
  readonly updatedAt: Date;
}

export interface LookupResult {
  /**
   * entity id → feature name → stored value. A requested (entity, feature) pair that is
   * absent is a miss; an entity with no stored feature at all is absent from the outer map.
   */
  readonly values: ReadonlyMap<string, ReadonlyMap<string, StoredFeatureValue>>;
}

/** Metadata kept beside a vector. Flat, JSON-compatible values only. */
export type VectorMetadata = Readonly<Record<string, string | number | boolean | null>>;

export interface VectorRecord {
  readonly id: string;
  /** Components; all finite; length equal to the collection's dimension. */
  readonly vector: readonly number[] | Float32Array;
  readonly metadata?: VectorMetadata;
}

export interface VectorUpsertRequest {
  /** Vector collection (e.g. `user_embeddings`), declared with its dimension when the store is created. */
  readonly collection: string;
  readonly records: readonly VectorRecord[];
}

export interface VectorUpsertResult {
  readonly written: number;
}

export interface VectorSearchRequest {
  readonly collection: string;
  readonly vector: readonly number[] | Float32Array;
  /** How many nearest neighbours to return: an integer from 1 to {@link MAX_TOP_K}. */
  readonly topK: number;
}

export interface VectorMatch {
  readonly id: string;
  /** Cosine similarity to the query, in [-1, 1]; higher is closer. */
  readonly score: number;
  readonly metadata?: VectorMetadata;
}

export interface VectorSearchResult {
  /** Best match first; at most `topK` entries. */
  readonly matches: readonly VectorMatch[];
}

/** Largest accepted `topK`. */
export const MAX_TOP_K = 10_000;

/** A vector collection and its fixed dimension. */
export interface VectorCollectionSpec {
  readonly name: string;
  readonly dimension: number;
}

/**
 * Where a store's server is. The instrumentation puts it on every span as `server.address`,
 * `server.port` and `db.namespace` (OpenTelemetry database conventions), so service maps work from
 * the store span itself when driver spans are off.
 */
export interface StoreEndpoint {
  /** Host name, IP address or unix socket path of the server. */
  readonly address?: string;
  /** TCP port; absent for a unix socket or an embedded database. */
  readonly port?: number;
  /** Database, schema or keyspace the store works in (`db.namespace`), e.g. `test` or Redis's `0`. */
  readonly namespace?: string;
}

/** The contract every featurescope store implements. */
export interface FeatureStore {
  /**
   * The database system, as the OpenTelemetry `db.system.name` attribute spells it
   * (`postgresql`, `mysql`, `mariadb`, `tidb`, or `other_sql`/a custom value for other stores).
   */
  readonly system: string;
  /** The server the store talks to; read once when the store is instrumented. @default none (in-process stores) */
  readonly endpoint?: StoreEndpoint;
  /** Write a batch atomically: on error nothing of the batch is stored. Validates first (typed errors). */
  upsert(request: UpsertRequest): Promise<UpsertResult>;
  /** Read features for entities. Never throws for missing data: absent pairs are misses. */
  lookup(request: LookupRequest): Promise<LookupResult>;
  /** Insert or replace vectors atomically. */
  upsertVectors(request: VectorUpsertRequest): Promise<VectorUpsertResult>;
  /** Nearest neighbours by cosine similarity. */
  searchVectors(request: VectorSearchRequest): Promise<VectorSearchResult>;
  /** Release connections. Idempotent. */
  close(): Promise<void>;
}

/** The four operations, as they appear in span names and in `db.operation.name`. */
export type FeatureStoreOperation = 'upsert' | 'lookup' | 'vector_upsert' | 'vector_search';
