import type { FeatureColumnNames } from '../table/feature-table-layout.js';
import type { TableRef } from './table-names.js';

/** Database family an inspector talks to; the value of `db.system.name`. */
export type InspectedSystem = 'mysql' | 'mariadb' | 'tidb' | 'postgresql';

/** The feature table one inspection reads: checked names, ready to quote. */
export interface FeatureTable {
  readonly table: TableRef;
  readonly columns: FeatureColumnNames;
}

/** Freshness and volume of one feature, measured on the database's own clock. */
export interface FreshnessRow {
  readonly feature: string;
  /** Newest `updated_at` as unix seconds; `undefined` when the feature has no rows. */
  readonly lastWriteTime: number | undefined;
  /** The database's clock (unix seconds) when the statement ran. */
  readonly databaseTime: number;
  /** Rows with `updated_at` inside the volume window. */
  readonly updatedRows: number;
}

/** Exact aggregates of one feature over the statistics window. */
export interface WindowAggregates {
  /** Rows in the window, NULL values included. */
  readonly rows: number;
  /** Non-NULL values in the window. */
  readonly values: number;
  readonly mean: number | undefined;
  /** Population standard deviation. */
  readonly stddev: number | undefined;
  readonly min: number | undefined;
  readonly max: number | undefined;
}

/** How the distribution (quantiles, histogram, drift) of a window was read. */
export interface SamplingInfo {
  /** `true` when the distribution was computed on part of the window. */
  readonly sampled: boolean;
  /**
   * `none` (every value), `limit` (the newest `limit` values: MySQL/MariaDB/TiDB, and Postgres on
   * small tables), `tablesample_system` / `tablesample_bernoulli` (Postgres on large tables).
   */
  readonly method: 'none' | 'limit' | 'tablesample_system' | 'tablesample_bernoulli';
  /** The row cap of the distribution query. */
  readonly limit: number;
  /** TABLESAMPLE percentage, when a table sample was taken. */
  readonly percent?: number;
  /** `tiflash` when TiDB read the window from TiFlash replicas. */
  readonly storage?: 'tiflash';
  /** Values the distribution was computed on. */
  readonly values: number;
}

/** The distribution of one feature's window: values (not sorted) and how they were read. */
export interface WindowSample {
  readonly values: Float64Array;
  readonly sampling: Omit<SamplingInfo, 'values'>;
}

/** How distribution queries may sample (see README, "Sampling and timeouts"). */
export interface SamplingPlan {
  /** Most values one distribution query returns. */
  readonly maxRows: number;
  /** Postgres: take a TABLESAMPLE when the table's row estimate is above this. */
  readonly tablesampleAboveRows: number;
  /** Postgres: TABLESAMPLE method. */
  readonly tablesampleMethod: 'system' | 'bernoulli';
  /** Postgres: TABLESAMPLE percentage. */
  readonly tablesamplePercent: number;
  /** TiDB: read window queries from TiFlash replicas (`READ_FROM_STORAGE(TIFLASH[t])`). */
  readonly tiflash: boolean;
}

/** One row of {@link StoreInspector.driftBins}: a bin code and how many rows of the window have it. */
export type DriftBinRow = readonly [code: number, count: number];

/** One stored baseline document. */
export interface StoredBaselineRow {
  readonly feature: string;
  readonly body: string;
}

/**
 * Read-only queries against a feature table (plus the baseline table it writes), the contract
 * between the store monitor and the backends: each backend package implements it in its own
 * dialect (`@featurescope/mysql2`, `@featurescope/postgres`), so all SQL lives with its backend.
 * Every statement runs under `timeoutMs` (server-side statement timeout).
 */
export interface StoreInspector {
  /** `db.system.name`; known after the first successful {@link StoreInspector.prepare}. */
  readonly system: InspectedSystem;
  /** A description without credentials, for logs (e.g. `mariadb 127.0.0.1:3306/test`). */
  readonly description: string;
  /** Detects the server flavour; called before each cycle until it succeeds once. */
  prepare(timeoutMs: number): Promise<void>;
  /** Distinct feature names, in name order, at most `limit`. */
  discoverFeatures(table: FeatureTable, limit: number, timeoutMs: number): Promise<string[]>;
  /** Newest write and rows written in the last `volumeWindowSeconds`, per feature, in input order. */
  freshness(table: FeatureTable, features: readonly string[], volumeWindowSeconds: number, timeoutMs: number): Promise<FreshnessRow[]>;
  /** Exact aggregates over the last `windowSeconds`, per feature (features without rows are absent). */
  windowAggregates(
    table: FeatureTable,
    features: readonly string[],
    windowSeconds: number,
    timeoutMs: number,
  ): Promise<Map<string, WindowAggregates>>;
  /** The non-NULL values of the window (possibly sampled, see {@link SamplingPlan}). */
  windowSample(table: FeatureTable, feature: string, windowSeconds: number, plan: SamplingPlan, timeoutMs: number): Promise<WindowSample>;
  /**
   * Baseline-rank bin counts of the whole window, counted inside the database (no rows pulled, no
   * sampling): `[code, count]` rows where code ≥ 0 is the bin (inner edges ≤ value), −1 NULL,
   * −2 NaN/±Infinity, ≤ −3 a value equal to edge k = −code − 3 (ranked by the caller,
   * `foldDatabaseBins` of @featurescope/quality). `edges` are the baseline's B − 1 inner bin edges.
   */
  driftBins(table: FeatureTable, feature: string, edges: ArrayLike<number>, windowSeconds: number, timeoutMs: number): Promise<DriftBinRow[]>;
  /** Called once per cycle before {@link StoreInspector.windowSample}, so per-table facts (row estimates) are read once. */
  beginCycle(table: FeatureTable, plan: SamplingPlan, timeoutMs: number): Promise<void>;
  /** Creates the baseline table when missing. */
  ensureBaselineTable(baselineTable: TableRef, timeoutMs: number): Promise<void>;
  /** Baselines stored for `featureTable` (by its display name); empty when the baseline table does not exist. */
  loadBaselines(baselineTable: TableRef, featureTable: string, timeoutMs: number): Promise<StoredBaselineRow[]>;
  /** Inserts or replaces one baseline. */
  saveBaseline(baselineTable: TableRef, featureTable: string, row: StoredBaselineRow, timeoutMs: number): Promise<void>;
  /** Ends connections the source opened itself; a pool or instance passed in by the caller stays open. */
  close(): Promise<void>;
}
