import { diag, type BatchObservableResult, type Meter, type MeterProvider, type Observable, type ObservableCounter, type ObservableGauge } from '@opentelemetry/api';
import { exportSlotHistograms, type SlotHistograms } from '@featurescope/core';
import type { FeatureState } from '../profile/feature-state.js';
import type { FeatureTable } from '../profile/feature-table.js';
import {
  INSTRUMENTATION_SCOPE,
  METRIC_BASELINE_MEAN,
  METRIC_BASELINE_STDDEV,
  METRIC_BASELINE_VALUES,
  METRIC_CARDINALITY_OVERFLOW,
  METRIC_DRIFT_BIN_VALUES,
  METRIC_FEATURE_DEVIATION_NEGATIVE,
  METRIC_FEATURE_DEVIATION_POSITIVE,
  METRIC_FEATURE_DEVIATION_SQUARES,
  METRIC_FEATURE_NON_FINITE,
  METRIC_FEATURE_NULLS,
  METRIC_FEATURE_VALUES,
  METRIC_LAST_WRITE_TIME,
  METRIC_VALIDATION_VIOLATIONS,
  METRIC_VECTOR_CENTROID_DRIFT,
  METRIC_VECTOR_INVALID,
} from '../semconv.js';
import { VERSION } from '../version.js';
import type { VectorQuality } from '../vector/vector-quality.js';

/**
 * Exports the engine's state at collection time: one batch callback over observable counters and
 * gauges, plus a histogram source for core's bridge. Nothing here runs on the store call path.
 */
export class EngineMetrics {
  readonly #meter: Meter;
  readonly #observables: Observable[];
  readonly #callback: (result: BatchObservableResult) => void;
  readonly #unregister: () => void;

  constructor(meterProvider: MeterProvider, engine: EngineHistograms, table: FeatureTable<FeatureState>, vectors: VectorQuality) {
    this.#meter = meterProvider.getMeter(INSTRUMENTATION_SCOPE, VERSION);
    const m = this.#meter;
    const counter = (name: string, description: string, unit: string): ObservableCounter => m.createObservableCounter(name, { description, unit });
    // Feature values carry the feature's own (unknown) unit and drift statistics are pure numbers:
    // they get no unit at all, since '1' makes Prometheus exporters append `_ratio` to the name.
    const gauge = (name: string, description: string, unit: string): ObservableGauge => m.createObservableGauge(name, { description, unit });
    const i = {
      values: counter(METRIC_FEATURE_VALUES, 'Feature values profiled (written or served), nulls and non-finite included', '{value}'),
      nulls: counter(METRIC_FEATURE_NULLS, 'Null feature values profiled', '{value}'),
      nonFinite: counter(METRIC_FEATURE_NON_FINITE, 'NaN or ±Infinity feature values seen', '{value}'),
      lastWrite: gauge(METRIC_LAST_WRITE_TIME, 'Unix time of the last successful write of the feature', 's'),
      bins: counter(METRIC_DRIFT_BIN_VALUES, 'Values whose baseline rank u = F_baseline(x) fell in the bin [i/B, (i+1)/B)', '{value}'),
      baselineValues: gauge(METRIC_BASELINE_VALUES, 'Sample size N of the baseline the drift bins are ranked against', '{value}'),
      baselineMean: gauge(METRIC_BASELINE_MEAN, 'Mean of the baseline (the shift of the deviation sums)', ''),
      baselineStddev: gauge(METRIC_BASELINE_STDDEV, 'Sample standard deviation of the baseline', ''),
      positive: counter(METRIC_FEATURE_DEVIATION_POSITIVE, 'Sum of max(x − baseline mean, 0) over finite values', ''),
      negative: counter(METRIC_FEATURE_DEVIATION_NEGATIVE, 'Sum of max(baseline mean − x, 0) over finite values', ''),
      squares: counter(METRIC_FEATURE_DEVIATION_SQUARES, 'Sum of (x − baseline mean)² over finite values', ''),
      violations: counter(METRIC_VALIDATION_VIOLATIONS, 'Values (or vectors) that violated a registry rule', '{value}'),
      vectorInvalid: counter(METRIC_VECTOR_INVALID, 'Vectors with a wrong dimension, a non-finite component or zero norm', '{vector}'),
      centroid: gauge(METRIC_VECTOR_CENTROID_DRIFT, 'Squared centroid shift of the last window over its no-drift expectation (about 1 when nothing moved)', ''),
      overflow: counter(METRIC_CARDINALITY_OVERFLOW, 'Values of features past the cardinality cap, profiled under _other', '{value}'),
    };
    this.#observables = Object.values(i);
    this.#callback = (result) => {
      try {
        for (const state of table.entries) observeFeature(result, i, state);
        for (const quality of vectors.collections) {
          quality.invalid.forEach((count, problem) => {
            if (count > 0) result.observe(i.vectorInvalid, count, quality.problemAttributes[problem]);
          });
          if (quality.violationAttributes !== undefined) {
            quality.violations.forEach((count, problem) => {
              if (count > 0) result.observe(i.violations, count, quality.violationAttributes![problem]);
            });
          }
          if (!Number.isNaN(quality.centroidDrift)) result.observe(i.centroid, quality.centroidDrift, quality.attributes);
        }
        result.observe(i.overflow, engine.overflowValues);
      } catch (error) {
        diag.warn('featurescope/quality: exporting profiles failed', error);
      }
    };
    m.addBatchObservableCallback(this.#callback, this.#observables);
    // Through the engine's own meter provider: its attached HistogramExport, else its SDK histograms.
    const ofFeature = (slot: number) => table.entries[slot]?.attributes;
    const ofCollection = (slot: number) => vectors.collections[slot]?.attributes;
    this.#unregister = exportSlotHistograms(meterProvider, { name: INSTRUMENTATION_SCOPE, version: VERSION }, [
      { histograms: engine.ingestLag, attributesOf: ofFeature },
      { histograms: engine.staleness, attributesOf: ofFeature },
      { histograms: vectors.norms, attributesOf: ofCollection },
      { histograms: vectors.topScores, attributesOf: ofCollection },
      { histograms: vectors.resultCounts, attributesOf: ofCollection },
    ]);
  }

  shutdown(): void {
    this.#meter.removeBatchObservableCallback(this.#callback, this.#observables);
    this.#unregister();
  }
}

/** The engine's freshness histograms and overflow count, read at collection. */
export interface EngineHistograms {
  readonly ingestLag: SlotHistograms;
  readonly staleness: SlotHistograms;
  readonly overflowValues: number;
}

type Instruments = Record<
  'values' | 'nulls' | 'nonFinite' | 'lastWrite' | 'bins' | 'baselineValues' | 'baselineMean' | 'baselineStddev' | 'positive' | 'negative' | 'squares' | 'violations',
  Observable
>;

/**
 * Observes one (group, feature): counters per source, last write, violations, and — against a
 * baseline — every rank bin (zeros included, from the first value on) and the deviation sums.
 * Only cumulative counters and baseline constants: everything sums across replicas.
 */
function observeFeature(result: BatchObservableResult, i: Instruments, state: FeatureState): void {
  if (!Number.isNaN(state.lastWriteMs)) result.observe(i.lastWrite, state.lastWriteMs / 1000, state.attributes);
  if (state.violations !== undefined) {
    state.violations.forEach((count, rule) => {
      if (count > 0) result.observe(i.violations, count, state.violationAttributes(rule));
    });
  }
  for (const p of [state.upsert, state.lookup]) {
    if (p === undefined) continue;
    const a = p.attributes;
    result.observe(i.values, p.values, a);
    result.observe(i.nulls, p.nulls, a);
    result.observe(i.nonFinite, p.nonFinite, a);
    const d = p.drift;
    if (d === undefined) continue;
    result.observe(i.baselineValues, d.baseline.count, d.baselineAttributes);
    result.observe(i.baselineMean, d.baseline.mean, d.baselineAttributes);
    result.observe(i.baselineStddev, d.baseline.stddev, d.baselineAttributes);
    // Before the first value, the series would only say "no traffic": they start with it.
    if (d.count === 0) continue;
    for (let bin = 0; bin < d.bins.length; bin++) result.observe(i.bins, d.bins[bin]!, d.binAttributes[bin]);
    // Finite by construction (see FeatureDrift.add); checked again so no export is ever Infinity.
    if (Number.isFinite(d.squares) && Number.isFinite(d.positive) && Number.isFinite(d.negative)) {
      result.observe(i.positive, d.positive, d.attributes);
      result.observe(i.negative, d.negative, d.attributes);
      result.observe(i.squares, d.squares, d.attributes);
    }
  }
}
