import {
  metrics,
  ValueType,
  type Attributes,
  type BatchObservableResult,
  type Counter,
  type Histogram,
  type MeterProvider,
  type Observable,
} from '@opentelemetry/api';
import type { CheckError, CycleSnapshot, DriftStateName, FeatureReport } from '../monitor/report.js';
import * as semconv from '../semconv.js';
import type { DriftBinTotals } from './drift-bin-totals.js';
import { VERSION } from '../version.js';

const DRIFT_STATE_VALUE: Readonly<Record<DriftStateName, number>> = { ok: 0, warn: 1, drift: 2, insufficient: 3 };
const QUANTILE_KEYS = ['p01', 'p25', 'p50', 'p75', 'p99'] as const;

/**
 * The monitor's instruments. Per-feature values are observable gauges read from the last cycle's
 * snapshot at collection time (one cycle, one set of values, no per-value `record()`); cycle
 * health uses a histogram and counters updated once per cycle.
 */
export class MonitorTelemetry {
  readonly #duration: Histogram;
  readonly #cycles: Counter;
  readonly #errors: Counter;
  readonly #featureAttributes = new Map<string, Attributes>();
  readonly #quantileAttributes = new Map<string, readonly Attributes[]>();
  readonly #outcomeAttributes = new Map<string, Attributes>();
  readonly #errorAttributes = new Map<string, Attributes>();
  private system: string;
  #snapshot: CycleSnapshot | undefined;
  #lastSuccessTime: number | undefined;

  constructor(
    provider: MeterProvider | undefined,
    readonly table: string,
    /** The source's `db.system.name`, known only after its first connection (MariaDB vs MySQL). */
    private readonly currentSystem: () => string,
    /** Running totals of the rank-bin counts: `featurescope.drift.bin.values{featurescope.source="monitor"}`. */
    private readonly binTotals?: DriftBinTotals,
  ) {
    this.system = currentSystem();
    const meter = (provider ?? metrics.getMeterProvider()).getMeter(semconv.INSTRUMENTATION_SCOPE, VERSION);
    this.#duration = meter.createHistogram(semconv.METRIC_MONITOR_CYCLE_DURATION, {
      description: 'Duration of one monitor cycle (every check of every feature)',
      unit: 's',
      advice: { explicitBucketBoundaries: [...semconv.CYCLE_DURATION_BUCKETS] },
    });
    this.#cycles = meter.createCounter(semconv.METRIC_MONITOR_CYCLES, {
      description: 'Monitor cycles by outcome: ok, error (a check failed), skipped (the previous cycle still ran)',
      unit: '{cycle}',
      valueType: ValueType.INT,
    });
    this.#errors = meter.createCounter(semconv.METRIC_MONITOR_ERRORS, {
      description: 'Failed monitor checks, by check and error type',
      unit: '{error}',
      valueType: ValueType.INT,
    });
    // Same units as the inline engine: none for feature values and drift statistics ('1' would make
    // Prometheus exporters append `_ratio`), so both sources share one metric name per backend.
    const gauge = (name: string, description: string, unit: string, valueType = ValueType.DOUBLE): Observable =>
      meter.createObservableGauge(name, { description, unit, valueType });
    const g = {
      lastWrite: gauge(semconv.METRIC_LAST_WRITE_TIME, 'Newest updated_at of the feature (unix seconds)', 's'),
      staleness: gauge(semconv.METRIC_MONITOR_STALENESS, 'Database clock minus the newest updated_at of the feature', 's'),
      stale: gauge(semconv.METRIC_MONITOR_STALE, '1 when the staleness exceeds the feature maxAge', '', ValueType.INT),
      updatedRows: gauge(semconv.METRIC_MONITOR_UPDATED_ROWS, 'Rows of the feature updated in the volume window', '{row}', ValueType.INT),
      windowRows: gauge(semconv.METRIC_MONITOR_WINDOW_ROWS, 'Rows of the feature in the statistics window (NULLs included)', '{row}', ValueType.INT),
      nullRatio: gauge(semconv.METRIC_MONITOR_NULL_RATIO, 'NULL values over rows in the statistics window', ''),
      sampled: gauge(semconv.METRIC_MONITOR_SAMPLED, '1 when the distribution was computed on a sample of the window', '', ValueType.INT),
      mean: gauge(semconv.METRIC_FEATURE_MEAN, 'Mean of the feature values in the statistics window', ''),
      stddev: gauge(semconv.METRIC_FEATURE_STDDEV, 'Population standard deviation of the window values', ''),
      min: gauge(semconv.METRIC_FEATURE_MIN, 'Smallest value in the statistics window', ''),
      max: gauge(semconv.METRIC_FEATURE_MAX, 'Largest value in the statistics window', ''),
      quantile: gauge(semconv.METRIC_FEATURE_QUANTILE, 'Quantiles of the window values', ''),
      state: gauge(semconv.METRIC_DRIFT_STATE, 'Drift state of the window (binned rule): 0 ok, 1 warn, 2 drift, 3 insufficient', '', ValueType.INT),
      bins: meter.createObservableCounter(semconv.METRIC_DRIFT_BIN_VALUES, {
        description: 'Values whose baseline rank u = F_baseline(x) fell in the bin [i/B, (i+1)/B), counted in the database',
        unit: '{value}',
      }),
      baselineValues: gauge(semconv.METRIC_BASELINE_VALUES, 'Sample size N of the baseline the drift bins are ranked against', '{value}'),
      features: gauge(semconv.METRIC_MONITOR_FEATURES, 'Features checked in the last cycle', '{feature}', ValueType.INT),
      lastSuccess: gauge(semconv.METRIC_MONITOR_LAST_SUCCESS_TIME, 'End of the last cycle without errors (unix seconds)', 's'),
    };
    meter.addBatchObservableCallback((result) => this.#observe(result, g), Object.values(g));
  }

  /** Publishes a finished cycle's snapshot (and its health figures). */
  cycleFinished(snapshot: CycleSnapshot, finishedAtSeconds: number): void {
    this.#syncSystem();
    // Keep attribute sets only for features still monitored, so churn in discovered names cannot grow memory.
    for (const name of this.#featureAttributes.keys()) {
      if (!snapshot.features.has(name)) {
        this.#featureAttributes.delete(name);
        this.#quantileAttributes.delete(name);
      }
    }
    this.#snapshot = snapshot;
    const ok = snapshot.errors.length === 0;
    if (ok) this.#lastSuccessTime = finishedAtSeconds;
    this.#duration.record(snapshot.durationSeconds, this.#outcome(ok ? 'ok' : 'error'));
    this.#cycles.add(1, this.#outcome(ok ? 'ok' : 'error'));
    for (const error of snapshot.errors) this.#errors.add(1, this.#errorAttrs(error));
  }

  /** Counts a cycle that did not start because the previous one still ran. */
  cycleSkipped(): void {
    this.#syncSystem();
    this.#cycles.add(1, this.#outcome('skipped'));
  }

  /**
   * Rebuilds the per-feature attribute sets once the flavour is known (the first connection tells
   * MariaDB from MySQL). Health series carry no `db.system.name`, so they never split.
   */
  #syncSystem(): void {
    const system = this.currentSystem();
    if (system === this.system) return;
    this.system = system;
    this.#featureAttributes.clear();
    this.#quantileAttributes.clear();
  }

  #observe(result: BatchObservableResult, g: Record<string, Observable>): void {
    this.#syncSystem();
    if (this.#lastSuccessTime !== undefined) result.observe(g.lastSuccess!, this.#lastSuccessTime, this.#base());
    this.binTotals?.forEach(
      (count, attributes) => result.observe(g.bins!, count, attributes),
      (count, attributes) => result.observe(g.baselineValues!, count, attributes),
    );
    const snapshot = this.#snapshot;
    if (snapshot === undefined) return;
    result.observe(g.features!, snapshot.features.size, this.#base());
    for (const feature of snapshot.features.values()) this.#observeFeature(result, g, feature);
  }

  #observeFeature(result: BatchObservableResult, g: Record<string, Observable>, feature: FeatureReport): void {
    const attrs = this.#featureAttrs(feature.name);
    const observe = (instrument: Observable | undefined, value: number | null | undefined): void => {
      if (value !== null && value !== undefined && Number.isFinite(value)) result.observe(instrument!, value, attrs);
    };
    const f = feature.freshness;
    if (f !== null) {
      observe(g.lastWrite, f.lastWriteTime);
      observe(g.staleness, f.stalenessSeconds);
      observe(g.stale, f.stale ? 1 : 0);
      observe(g.updatedRows, f.updatedRows);
    }
    const s = feature.statistics;
    if (s === null) return;
    observe(g.windowRows, s.rows);
    observe(g.nullRatio, s.nullRatio);
    observe(g.sampled, s.sampling.sampled ? 1 : 0);
    observe(g.mean, s.mean);
    observe(g.stddev, s.std);
    observe(g.min, s.min);
    observe(g.max, s.max);
    if (s.quantiles !== null) {
      const quantileAttrs = this.#quantileAttrs(feature.name);
      QUANTILE_KEYS.forEach((key, i) => result.observe(g.quantile!, s.quantiles![key], quantileAttrs[i]));
    }
    const d = s.drift;
    if (d === null) return;
    // One monitor per store: its window state is one answer (fleet statistics come from the bin counters).
    observe(g.state, DRIFT_STATE_VALUE[d.state]);
  }

  #base(): Attributes {
    return this.#cached(this.#outcomeAttributes, '', () => ({
      [semconv.ATTR_DB_COLLECTION_NAME]: this.table,
    }));
  }

  #outcome(outcome: string): Attributes {
    return this.#cached(this.#outcomeAttributes, outcome, () => ({
      [semconv.ATTR_DB_COLLECTION_NAME]: this.table,
      [semconv.ATTR_MONITOR_OUTCOME]: outcome,
    }));
  }

  #errorAttrs(error: CheckError): Attributes {
    return this.#cached(this.#errorAttributes, `${error.check}\u0000${error.type}`, () => ({
      [semconv.ATTR_DB_COLLECTION_NAME]: this.table,
      [semconv.ATTR_MONITOR_CHECK]: error.check,
      [semconv.ATTR_ERROR_TYPE]: error.type,
    }));
  }

  #featureAttrs(name: string): Attributes {
    return this.#cached(this.#featureAttributes, name, () => ({
      [semconv.ATTR_DB_SYSTEM_NAME]: this.system,
      [semconv.ATTR_DB_COLLECTION_NAME]: this.table,
      [semconv.ATTR_FEATURE_NAME]: name,
      [semconv.ATTR_SOURCE]: semconv.SOURCE_MONITOR,
    }));
  }

  #quantileAttrs(name: string): readonly Attributes[] {
    let attrs = this.#quantileAttributes.get(name);
    if (attrs === undefined) {
      const base = this.#featureAttrs(name);
      attrs = semconv.MONITOR_QUANTILES.map((q) => Object.freeze({ ...base, [semconv.ATTR_QUANTILE]: q }));
      this.#quantileAttributes.set(name, attrs);
    }
    return attrs;
  }

  #cached(map: Map<string, Attributes>, key: string, build: () => Attributes): Attributes {
    let attrs = map.get(key);
    if (attrs === undefined) {
      attrs = Object.freeze(build());
      map.set(key, attrs);
    }
    return attrs;
  }
}
