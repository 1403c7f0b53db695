/**
 * Every metric, attribute and span-event name the data-quality engine emits.
 * docs/telemetry.md lists the same names with their units.
 * Shared attributes (`db.collection.name`, `featurescope.feature.name`, `_other`) come from core.
 */
import { semconv as core } from '@featurescope/core';

export const ATTR_DB_COLLECTION_NAME = core.ATTR_DB_COLLECTION_NAME;
export const ATTR_FEATURE_NAME = core.ATTR_FEATURE_NAME;
/** The value names past the cardinality cap (and their group) are exported under. */
export const OVERFLOW_NAME = core.OVERFLOW_FEATURE_NAME;

// Attributes.
/** Where profiled values came from: `upsert` (written) or `lookup` (served to the model). */
export const ATTR_SOURCE = 'featurescope.source';
/** Quantile of the monitor's `featurescope.feature.quantile`: 0.5, 0.9 or 0.99. */
export const ATTR_QUANTILE = 'featurescope.quantile';
/** `featurescope.source` of the drift series: counted in the service (`inline`) or in the database (`monitor`). */
export const SOURCE_INLINE = 'inline';
export const SOURCE_MONITOR = 'monitor';
/** Short content-hash id of the baseline artifact the drift series are ranked against. */
export const ATTR_BASELINE_ID = 'featurescope.baseline.id';
/** Rank bin of `featurescope.drift.bin.values`: zero-padded index, "00".."19" for 20 bins. */
export const ATTR_DRIFT_BIN = 'featurescope.drift.bin';
/** Validation rule that was violated (see `RuleName`). */
export const ATTR_RULE = 'featurescope.rule';
/** Policy of the violated rule: `record` or `reject`. */
export const ATTR_POLICY = 'featurescope.policy';
/** Why a vector is invalid: `dimension`, `non_finite` or `zero`. */
export const ATTR_VECTOR_PROBLEM = 'featurescope.vector.problem';

// Span-event attributes (no feature values, only statistics).
export const ATTR_DRIFT_STATE = 'featurescope.drift.state';
export const ATTR_DRIFT_PSI = 'featurescope.drift.psi';
export const ATTR_DRIFT_CHI_SQUARE = 'featurescope.drift.chi_square';
export const ATTR_DRIFT_PVALUE = 'featurescope.drift.p_value';
export const ATTR_DRIFT_KS_BINNED = 'featurescope.drift.ks_binned';
export const ATTR_DRIFT_JS_DISTANCE = 'featurescope.drift.js_distance';
export const ATTR_DRIFT_MEAN_SHIFT = 'featurescope.drift.mean_shift';
/** Values in the window the drift statistics were computed on. */
export const ATTR_DRIFT_WINDOW_COUNT = 'featurescope.drift.window_count';
/** Values served older than the feature's `maxStalenessSeconds` in one lookup. */
export const ATTR_STALE_COUNT = 'featurescope.staleness.stale_count';
/** Age in seconds of the oldest value served in that lookup. */
export const ATTR_STALE_MAX_AGE = 'featurescope.staleness.max_age';
/** The feature's `maxStalenessSeconds`. */
export const ATTR_STALE_LIMIT = 'featurescope.staleness.limit';

// Span events.
/** On the upsert (or lookup) span during which a feature's window entered the drift state. */
export const EVENT_DRIFT = 'featurescope.drift';
/** On the lookup span that served values older than the feature's `maxStalenessSeconds`. */
export const EVENT_STALE = 'featurescope.stale_values';

// Metrics: profiles.
export const METRIC_FEATURE_VALUES = 'featurescope.feature.values';
export const METRIC_FEATURE_NULLS = 'featurescope.feature.nulls';
export const METRIC_FEATURE_NON_FINITE = 'featurescope.feature.non_finite';
/** Mergeable moments: Σ max(x − m, 0), Σ max(m − x, 0), Σ (x − m)², m the baseline mean. */
export const METRIC_FEATURE_DEVIATION_POSITIVE = 'featurescope.feature.deviation.positive';
export const METRIC_FEATURE_DEVIATION_NEGATIVE = 'featurescope.feature.deviation.negative';
export const METRIC_FEATURE_DEVIATION_SQUARES = 'featurescope.feature.deviation.squares';

// Metrics: fleet drift (the contract of testdata/binned-drift/README.md).
export const METRIC_DRIFT_BIN_VALUES = 'featurescope.drift.bin.values';
export const METRIC_BASELINE_VALUES = 'featurescope.baseline.values';
export const METRIC_BASELINE_MEAN = 'featurescope.baseline.mean';
export const METRIC_BASELINE_STDDEV = 'featurescope.baseline.stddev';

// Per-window gauges the store monitor (one process per store) still exports; the engine does not.
export const METRIC_FEATURE_MEAN = 'featurescope.feature.mean';
export const METRIC_FEATURE_STDDEV = 'featurescope.feature.stddev';
export const METRIC_FEATURE_MIN = 'featurescope.feature.min';
export const METRIC_FEATURE_MAX = 'featurescope.feature.max';
export const METRIC_FEATURE_QUANTILE = 'featurescope.feature.quantile';

// Metrics: freshness.
export const METRIC_INGEST_LAG = 'featurescope.feature.ingest_lag';
export const METRIC_STALENESS = 'featurescope.feature.staleness';
export const METRIC_LAST_WRITE_TIME = 'featurescope.feature.last_write_time';

// The monitor's drift state gauge (one monitor per store; the engine exports the bins only).
export const METRIC_DRIFT_STATE = 'featurescope.drift.state';

// Metrics: validation, vectors, cardinality.
export const METRIC_VALIDATION_VIOLATIONS = 'featurescope.validation.violations';
export const METRIC_VECTOR_INVALID = 'featurescope.vector.invalid';
export const METRIC_VECTOR_NORM = 'featurescope.vector.norm';
export const METRIC_VECTOR_SEARCH_TOP_SCORE = 'featurescope.vector_search.top_score';
export const METRIC_VECTOR_SEARCH_RESULTS = 'featurescope.vector_search.results';
export const METRIC_VECTOR_CENTROID_DRIFT = 'featurescope.vector.centroid_drift';
export const METRIC_CARDINALITY_OVERFLOW = 'featurescope.cardinality.overflow';

/**
 * Bucket upper bounds (seconds) of the ingest-lag and staleness histograms: 1 ms to 1 day,
 * roughly 1-2-5 steps below a minute and at the usual alerting marks (1 min, 5 min, 15 min,
 * 1 h, 6 h, 1 day) above it. Values past one day land in the +Inf bucket.
 */
export const FRESHNESS_BUCKETS: readonly number[] = [
  0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 1800, 3600, 21600, 43200, 86400,
];

/** Bucket upper bounds of `featurescope.vector.norm`: dense around 1 where normalised embeddings sit. */
export const VECTOR_NORM_BUCKETS: readonly number[] = [0.001, 0.01, 0.1, 0.5, 0.9, 0.99, 1.01, 1.1, 2, 10, 100, 1000];

/** Bucket upper bounds of `featurescope.vector_search.top_score` (cosine similarity in [-1, 1]). */
export const TOP_SCORE_BUCKETS: readonly number[] = [-0.5, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1];

/** Bucket upper bounds of `featurescope.vector_search.results` (matches returned per search). */
export const SEARCH_RESULT_BUCKETS: readonly number[] = [0, 1, 2, 5, 10, 20, 50, 100, 1000, 10000];

/** Instrumentation scope of the engine's meter and histogram sources. */
export const INSTRUMENTATION_SCOPE = '@featurescope/quality';
