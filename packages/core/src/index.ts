export type {
  FeatureRow,
  FeatureStore,
  FeatureStoreOperation,
  LookupRequest,
  LookupResult,
  StoreEndpoint,
  StoredFeatureValue,
  UpsertRequest,
  UpsertResult,
  VectorCollectionSpec,
  VectorMatch,
  VectorMetadata,
  VectorRecord,
  VectorSearchRequest,
  VectorSearchResult,
  VectorUpsertRequest,
  VectorUpsertResult,
} from './store/types.js';
export { MAX_TOP_K } from './store/types.js';
export type { EnsureSchemaReport, VectorSupport } from './store/schema-report.js';
export { InMemoryFeatureStore } from './store/in-memory-store.js';
export { CAPABILITY_NAMES, CAPABILITY_TITLES, IN_MEMORY_CAPABILITIES, defineCapabilities, renderCapabilityTable } from './store/capabilities.js';
export type { Capability, CapabilityLevel, CapabilityName, StoreCapabilities } from './store/capabilities.js';
export type { InMemoryFeatureStoreOptions } from './store/in-memory-store.js';
export {
  FeatureStoreError,
  InvalidInputError,
  InvalidOptionError,
  MAX_REPORTED_PROBLEMS,
  StoreCapabilityError,
  StoreClosedError,
  UnknownCollectionError,
} from './errors.js';
export type { InputProblem, InputProblemCode } from './errors.js';
export {
  validateLookupRequest,
  validateUpsertRequest,
  validateVectorSearchRequest,
  validateVectorUpsertRequest,
} from './validation/validate-requests.js';
export { ProblemCollector } from './validation/problem-collector.js';
export { VectorCollections } from './vector/collections.js';
export { cosineSimilarity } from './vector/cosine.js';
export { instrumentFeatureStore } from './instrument/instrument-feature-store.js';
export { BoundedNames, SlotCounts } from './instrument/bounded-names.js';
export { RecentNameLists } from './instrument/recent-name-lists.js';
export type { ResolvedNameList } from './instrument/recent-name-lists.js';
export { errorTypeOf } from './instrument/error-type.js';
export { FEATURE_SERIES_LIMIT } from './instrument/options.js';
export type {
  EntityIdMode,
  InstrumentationHooks,
  InstrumentFeatureStoreOptions,
  RequestHookInfo,
  ResponseHookInfo,
} from './instrument/options.js';
export type { FeatureStoreObserver } from './instrument/observer.js';
export { ServedValuesBuffer } from './instrument/served-values.js';
export type { ServedValues } from './instrument/served-values.js';
export * as semconv from './semconv.js';
export { VERSION } from './version.js';
export { attachHistogramExport, HistogramExport, histogramExportOf } from './bridge/histogram-export.js';
export type { HistogramPoint, HistogramSnapshot, HistogramSource } from './bridge/histogram-export.js';
export { exportSlotHistograms } from './bridge/export-slot-histograms.js';
export type { SlotHistogramBinding } from './bridge/export-slot-histograms.js';
export { SlotHistograms } from './bridge/slot-histograms.js';
export {
  DEFAULT_FEATURE_COLUMNS,
  DEFAULT_FEATURE_TABLE,
  MAX_KEY_LENGTH,
  MAX_SQL_IDENTIFIER_LENGTH,
  SQL_IDENTIFIER_PATTERN,
  isSqlIdentifier,
} from './table/feature-table-layout.js';
export type { FeatureColumnNames } from './table/feature-table-layout.js';
export { DEFAULT_RETRY, backoffCeilingMs, backoffDelayMs, resolveRetryPolicy } from './retry/retry-policy.js';
export type { RetryOptions, RetryPolicy } from './retry/retry-policy.js';
export { RETRYABLE_NETWORK_CODES, withRetry } from './retry/with-retry.js';
export type { RetryRun } from './retry/with-retry.js';
export { CallDeadline, DEFAULT_TIMEOUTS, resolveTimeoutPolicy, withinLimit } from './retry/deadline.js';
export type { StepLimit, TimeoutOptions, TimeoutPolicy } from './retry/deadline.js';
export { PoolQueueFullError, RetryExhaustedError, StoreTimeoutError, errorCodeOf } from './retry/retry-errors.js';
export type { TimeoutPhase } from './retry/retry-errors.js';
export { PoolMetrics } from './pool/pool-metrics.js';
export type { PoolMetricsSource, PoolSnapshot } from './pool/pool-metrics.js';
export type {
  FeatureTable,
  FreshnessRow,
  InspectedSystem,
  SamplingInfo,
  SamplingPlan,
  DriftBinRow,
  StoreInspector,
  StoredBaselineRow,
  WindowAggregates,
  WindowSample,
} from './inspect/store-inspector.js';
export { checkIdentifier, checkTableName, quoteIdentifier, quoteTable } from './inspect/table-names.js';
export type { TableRef } from './inspect/table-names.js';
export { toNumber, toOptionalNumber, windowAggregatesFromRow } from './inspect/sql-numbers.js';
export { describeUrl, redactUrl } from './inspect/url-text.js';
export { SQL_STORE_DEFAULTS, resolveSqlSizes } from './store/sql-store-options.js';
export type { SqlStoreOptions } from './store/sql-store-options.js';
