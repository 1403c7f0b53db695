/**
 * Every metric and attribute name the store monitor emits. docs/telemetry.md lists the same names.
 *
 * Where a value means the same as the inline data-quality engine's (`@featurescope/quality`), the
 * monitor uses the same metric name, and its series carry `featurescope.source="monitor"` (the
 * engine uses `upsert` / `lookup` on that attribute), under the instrumentation scope
 * `@featurescope/monitor`. Values only the monitor computes are named `featurescope.monitor.*`.
 */

import { semconv as core } from '@featurescope/core';
import { semconv as quality } from '@featurescope/quality';

// Names shared with core and the quality engine: defined there once, re-exported here.
export const ATTR_DB_SYSTEM_NAME = core.ATTR_DB_SYSTEM_NAME;
export const ATTR_DB_COLLECTION_NAME = core.ATTR_DB_COLLECTION_NAME;
export const ATTR_FEATURE_NAME = core.ATTR_FEATURE_NAME;
export const ATTR_ERROR_TYPE = core.ATTR_ERROR_TYPE;
/** Where the values came from; always {@link SOURCE_MONITOR} on the monitor's series. */
export const ATTR_SOURCE = quality.ATTR_SOURCE;
/** Quantile of `featurescope.feature.quantile`. */
export const ATTR_QUANTILE = quality.ATTR_QUANTILE;
export const METRIC_LAST_WRITE_TIME = quality.METRIC_LAST_WRITE_TIME;
export const METRIC_FEATURE_MEAN = quality.METRIC_FEATURE_MEAN;
export const METRIC_FEATURE_STDDEV = quality.METRIC_FEATURE_STDDEV;
export const METRIC_FEATURE_MIN = quality.METRIC_FEATURE_MIN;
export const METRIC_FEATURE_MAX = quality.METRIC_FEATURE_MAX;
export const METRIC_FEATURE_QUANTILE = quality.METRIC_FEATURE_QUANTILE;
export const METRIC_DRIFT_STATE = quality.METRIC_DRIFT_STATE;
/** The fleet-drift instruments, shared with the engine (DRIFT-METRICS: source `monitor` here). */
export const METRIC_DRIFT_BIN_VALUES = quality.METRIC_DRIFT_BIN_VALUES;
export const METRIC_BASELINE_VALUES = quality.METRIC_BASELINE_VALUES;
export const ATTR_BASELINE_ID = quality.ATTR_BASELINE_ID;
export const ATTR_DRIFT_BIN = quality.ATTR_DRIFT_BIN;


/** The `featurescope.source` value of every per-feature series the monitor exports. */
export const SOURCE_MONITOR = 'monitor';

// Monitor-only attributes.
/** Which check failed: `discovery`, `freshness`, `statistics`, `baselines`. */
export const ATTR_MONITOR_CHECK = 'featurescope.monitor.check';
/** How a cycle ended: `ok`, `error` (at least one check failed) or `skipped` (previous cycle still running). */
export const ATTR_MONITOR_OUTCOME = 'featurescope.monitor.outcome';

// Monitor-only per-feature metrics.
/** Seconds between the database's clock and the feature's newest `updated_at`, at check time. */
export const METRIC_MONITOR_STALENESS = 'featurescope.monitor.feature.staleness';
/** 1 when the staleness exceeds the feature's `maxAge`, else 0. */
export const METRIC_MONITOR_STALE = 'featurescope.monitor.feature.stale';
/** Rows whose `updated_at` falls in the last volume window (default: one interval). */
export const METRIC_MONITOR_UPDATED_ROWS = 'featurescope.monitor.feature.updated_rows';
/** Rows (values and NULLs) in the statistics window. */
export const METRIC_MONITOR_WINDOW_ROWS = 'featurescope.monitor.feature.window_rows';
/** NULL values / rows in the statistics window. */
export const METRIC_MONITOR_NULL_RATIO = 'featurescope.monitor.feature.null_ratio';
/** 1 when the distribution (quantiles, histogram, drift) was computed on a sample, else 0. */
export const METRIC_MONITOR_SAMPLED = 'featurescope.monitor.sampled';

// Monitor health.
export const METRIC_MONITOR_CYCLE_DURATION = 'featurescope.monitor.cycle.duration';
export const METRIC_MONITOR_CYCLES = 'featurescope.monitor.cycles';
export const METRIC_MONITOR_ERRORS = 'featurescope.monitor.errors';
export const METRIC_MONITOR_LAST_SUCCESS_TIME = 'featurescope.monitor.last_success_time';
export const METRIC_MONITOR_FEATURES = 'featurescope.monitor.features';

/** Quantiles the monitor exports on `featurescope.feature.quantile` and serves from the API. */
export const MONITOR_QUANTILES: readonly number[] = [0.01, 0.25, 0.5, 0.75, 0.99];

/** Bucket bounds (seconds) of `featurescope.monitor.cycle.duration`. */
export const CYCLE_DURATION_BUCKETS: readonly number[] = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/** Instrumentation scope of the monitor's meter. */
export const INSTRUMENTATION_SCOPE = '@featurescope/monitor';
