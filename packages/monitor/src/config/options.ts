import { DEFAULT_FEATURE_COLUMNS, DEFAULT_FEATURE_TABLE } from '@featurescope/core';
import type { MeterProvider } from '@opentelemetry/api';
import { MonitorConfigError } from '../errors.js';
import type { FeatureColumnNames, FeatureTable, SamplingPlan, StoreInspector, TableRef } from '@featurescope/core';
import { checkIdentifier, checkTableName } from './names.js';

/** Per-feature settings when features are listed explicitly. */
export interface MonitoredFeature {
  /** Feature name as stored in the feature column. */
  readonly name: string;
  /** Staleness (seconds) above which the feature counts as stale. @default the monitor's `maxAgeSeconds` */
  readonly maxAgeSeconds?: number;
}

/**
 * The binned drift rule of `@featurescope/quality` (testdata/binned-drift/README.md): `drift` when
 * the chi-square p-value is below `alpha` AND PSI ≥ `drift`; `warn` with PSI ≥ `warn`; fewer than
 * `minCount` finite values is `insufficient`, never drift.
 */
export interface DriftThresholds {
  /** Significance level of the chi-square test. @default 0.01 */
  readonly alpha?: number;
  /** PSI at or above which a significant difference is `warn`. @default 0.05 */
  readonly warn?: number;
  /** PSI at or above which a significant difference is `drift`. @default 0.1 */
  readonly drift?: number;
  /** Baseline-rank bins B (the engine's and the fleet rules' B). @default 20 */
  readonly bins?: number;
  /** Fewest finite window values for a verdict. @default 5 × bins */
  readonly minCount?: number;
}

/** How distribution queries sample (see README, "Sampling and timeouts"). */
export interface SamplingOptions {
  /** Most values one feature's distribution query reads (the newest first). @default 50000 */
  readonly maxRows?: number;
  /** Postgres: use TABLESAMPLE when the table's row estimate is above this. @default 1000000 */
  readonly tablesampleAboveRows?: number;
  /** Postgres: TABLESAMPLE method. @default 'system' */
  readonly tablesampleMethod?: 'system' | 'bernoulli';
  /** Postgres: TABLESAMPLE percentage (0–100]. @default 1 */
  readonly tablesamplePercent?: number;
  /** TiDB: read the window from TiFlash replicas (`READ_FROM_STORAGE(TIFLASH[t])`). @default false */
  readonly tiflash?: boolean;
}

/** Where baselines live. */
export type BaselineLocation =
  /** A table in the monitored database holding the artifact (created by `captureBaseline`). */
  | { readonly table: string }
  /**
   * The quality baseline artifact (`@featurescope/quality`) at a file path or an http(s)/file: URL:
   * the same file every replica of the service loads (reloaded every 5 minutes; `captureBaseline`
   * writes it to a path).
   */
  | { readonly file: string };

/** Options of `createStoreMonitor`. */
export interface StoreMonitorOptions {
  /**
   * The database, through its backend's inspector: `mysqlStoreInspector(pool)` (`@featurescope/mysql2`),
   * `postgresStoreInspector(pgPoolOrPglite)` (`@featurescope/postgres`) or `openMonitorSource(url)`.
   */
  readonly source: StoreInspector;
  /** Feature table; may be schema-qualified. Also the `db.collection.name` of every series. @default 'feature_values' */
  readonly table?: string;
  /** Column names. @default { entityId: 'entity_id', feature: 'feature_name', value: 'value', updatedAt: 'updated_at' } */
  readonly columns?: Partial<FeatureColumnNames>;
  /** Features to check; when absent they are discovered (`SELECT DISTINCT` by skip scan). @default undefined */
  readonly features?: readonly (string | MonitoredFeature)[];
  /** Most features discovered (and monitored). @default 1000 */
  readonly maxFeatures?: number;
  /** Seconds between cycle starts. @default 30 */
  readonly intervalSeconds?: number;
  /** Window (seconds) of the value statistics and drift. @default 3600 */
  readonly windowSeconds?: number;
  /** Window (seconds) of the volume check (rows updated in it). @default intervalSeconds */
  readonly volumeWindowSeconds?: number;
  /** Staleness (seconds) above which a feature counts as stale. @default 3600 */
  readonly maxAgeSeconds?: number;
  /** Server-side timeout (seconds) of every statement. @default 10 */
  readonly statementTimeoutSeconds?: number;
  /** Drift rule. @default { alpha: 0.01, warn: 0.05, drift: 0.1, bins: 20, minCount: 100 } */
  readonly drift?: DriftThresholds;
  /** Sampling of distribution queries. @default see {@link SamplingOptions} */
  readonly sampling?: SamplingOptions;
  /** Equal-width bins of the API's histogram. @default 20 */
  readonly histogramBins?: number;
  /** Where baselines are stored. @default { table: 'featurescope_baselines' } */
  readonly baselines?: BaselineLocation;
  /** Meter provider of the monitor's metrics. @default the global one */
  readonly meterProvider?: MeterProvider;
  /** Receives one readable line per cycle and each error. @default no logging */
  readonly log?: (line: string) => void;
}

/** Options after defaults and validation. */
export interface ResolvedMonitorOptions {
  readonly source: StoreInspector;
  readonly featureTable: FeatureTable;
  readonly features: readonly MonitoredFeature[] | undefined;
  readonly maxFeatures: number;
  readonly intervalSeconds: number;
  readonly windowSeconds: number;
  readonly volumeWindowSeconds: number;
  readonly maxAgeSeconds: number;
  readonly statementTimeoutMs: number;
  readonly drift: Required<DriftThresholds>;
  readonly sampling: SamplingPlan;
  readonly histogramBins: number;
  readonly baselines: { readonly table: TableRef } | { readonly file: string };
  readonly meterProvider: MeterProvider | undefined;
  readonly log: (line: string) => void;
}

/** Feature names the monitor accepts: also the API's path pattern. */
export const FEATURE_NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,254}$/;

export const DEFAULT_COLUMNS: Readonly<FeatureColumnNames> = DEFAULT_FEATURE_COLUMNS;

/** Applies defaults and validates; throws {@link MonitorConfigError} naming the option. */
export function resolveMonitorOptions(options: StoreMonitorOptions): ResolvedMonitorOptions {
  if (options === null || typeof options !== 'object') throw new MonitorConfigError('options', 'must be an object');
  const source = options.source;
  if (source === null || typeof source !== 'object' || typeof source.freshness !== 'function') {
    throw new MonitorConfigError('source', 'must be a StoreInspector (mysqlStoreInspector, postgresStoreInspector or openMonitorSource)');
  }
  const columns = { ...DEFAULT_COLUMNS, ...(options.columns ?? {}) };
  for (const key of Object.keys(DEFAULT_COLUMNS) as (keyof FeatureColumnNames)[]) checkIdentifier(`columns.${key}`, columns[key]);
  const intervalSeconds = positive('intervalSeconds', options.intervalSeconds, 30);
  const maxAgeSeconds = positive('maxAgeSeconds', options.maxAgeSeconds, 3600);
  const drift = options.drift ?? {};
  const warn = nonNegative('drift.warn', drift.warn, 0.05);
  const driftAt = nonNegative('drift.drift', drift.drift, 0.1);
  const alpha = positive('drift.alpha', drift.alpha, 0.01);
  if (alpha >= 1) throw new MonitorConfigError('drift.alpha', `must be below 1, got ${alpha}`);
  const bins = integer('drift.bins', drift.bins, 20);
  if (bins < 2 || bins > 100) throw new MonitorConfigError('drift.bins', `must be between 2 and 100, got ${bins}`);
  if (driftAt < warn) throw new MonitorConfigError('drift.drift', `must be at least drift.warn (${warn}), got ${driftAt}`);
  const sampling = options.sampling ?? {};
  const method = sampling.tablesampleMethod ?? 'system';
  if (method !== 'system' && method !== 'bernoulli') {
    throw new MonitorConfigError('sampling.tablesampleMethod', `must be "system" or "bernoulli", got ${JSON.stringify(method)}`);
  }
  const percent = positive('sampling.tablesamplePercent', sampling.tablesamplePercent, 1);
  if (percent > 100) throw new MonitorConfigError('sampling.tablesamplePercent', `must be at most 100, got ${percent}`);
  return Object.freeze({
    source,
    featureTable: Object.freeze({ table: checkTableName('table', options.table ?? DEFAULT_FEATURE_TABLE), columns: Object.freeze(columns) }),
    features: options.features === undefined ? undefined : resolveFeatures(options.features),
    maxFeatures: integer('maxFeatures', options.maxFeatures, 1000),
    intervalSeconds,
    windowSeconds: positive('windowSeconds', options.windowSeconds, 3600),
    volumeWindowSeconds: positive('volumeWindowSeconds', options.volumeWindowSeconds, intervalSeconds),
    maxAgeSeconds,
    statementTimeoutMs: positive('statementTimeoutSeconds', options.statementTimeoutSeconds, 10) * 1000,
    drift: Object.freeze({ alpha, warn, drift: driftAt, bins, minCount: integer('drift.minCount', drift.minCount, 5 * bins) }),
    sampling: Object.freeze({
      maxRows: integer('sampling.maxRows', sampling.maxRows, 50_000),
      tablesampleAboveRows: nonNegative('sampling.tablesampleAboveRows', sampling.tablesampleAboveRows, 1_000_000),
      tablesampleMethod: method,
      tablesamplePercent: percent,
      tiflash: boolean('sampling.tiflash', sampling.tiflash, false),
    }),
    histogramBins: integer('histogramBins', options.histogramBins, 20),
    baselines: resolveBaselines(options.baselines),
    meterProvider: options.meterProvider,
    log: options.log ?? (() => undefined),
  });
}

function resolveFeatures(features: readonly (string | MonitoredFeature)[]): MonitoredFeature[] {
  if (!Array.isArray(features)) throw new MonitorConfigError('features', 'must be an array of names or { name, maxAgeSeconds }');
  const seen = new Set<string>();
  return features.map((entry: string | MonitoredFeature, i) => {
    const feature = typeof entry === 'string' ? { name: entry } : entry;
    if (feature === null || typeof feature !== 'object') throw new MonitorConfigError(`features[${i}]`, 'must be a name or { name, maxAgeSeconds }');
    if (typeof feature.name !== 'string' || !FEATURE_NAME_PATTERN.test(feature.name)) {
      throw new MonitorConfigError(`features[${i}].name`, `must match ${String(FEATURE_NAME_PATTERN)}, got ${JSON.stringify(feature.name)}`);
    }
    if (seen.has(feature.name)) throw new MonitorConfigError(`features[${i}].name`, `"${feature.name}" is listed twice`);
    seen.add(feature.name);
    return Object.freeze({
      name: feature.name,
      ...(feature.maxAgeSeconds === undefined ? {} : { maxAgeSeconds: positive(`features[${i}].maxAgeSeconds`, feature.maxAgeSeconds, 0) }),
    });
  });
}

function resolveBaselines(location: BaselineLocation | undefined): ResolvedMonitorOptions['baselines'] {
  if (location === undefined) return { table: checkTableName('baselines.table', 'featurescope_baselines') };
  if ('file' in location) {
    if (typeof location.file !== 'string' || location.file === '') throw new MonitorConfigError('baselines.file', 'must be a file path');
    return { file: location.file };
  }
  return { table: checkTableName('baselines.table', (location as { table?: unknown }).table) };
}

function positive(key: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new MonitorConfigError(key, `must be a positive number, got ${JSON.stringify(value)}`);
  }
  return value;
}

function nonNegative(key: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new MonitorConfigError(key, `must be a number ≥ 0, got ${JSON.stringify(value)}`);
  }
  return value;
}

function integer(key: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new MonitorConfigError(key, `must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

function boolean(key: string, value: boolean | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new MonitorConfigError(key, `must be true or false, got ${JSON.stringify(value)}`);
  return value;
}
