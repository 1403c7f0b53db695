import { diag, type BatchObservableResult, type Meter, type MeterProvider, type Observable, type ObservableCounter, type ObservableGauge } from '@opentelemetry/api';
import { exportSlotHistograms } from '@featurescope/core';
import type { QualityEngine } from '../engine/quality-engine.js';
import type { FeatureState } from '../profile/feature-state.js';
import type { FeatureTable } from '../profile/feature-table.js';
import {
  ATTR_QUANTILE,
  INSTRUMENTATION_SCOPE,
  METRIC_CARDINALITY_OVERFLOW,
  METRIC_DRIFT_JS_DISTANCE,
  METRIC_DRIFT_KS_PVALUE,
  METRIC_DRIFT_KS_STATISTIC,
  METRIC_DRIFT_MEAN_SHIFT,
  METRIC_DRIFT_PSI,
  METRIC_DRIFT_STATE,
  METRIC_DRIFT_WASSERSTEIN,
  METRIC_FEATURE_MAX,
  METRIC_FEATURE_MEAN,
  METRIC_FEATURE_MIN,
  METRIC_FEATURE_NON_FINITE,
  METRIC_FEATURE_NULLS,
  METRIC_FEATURE_QUANTILE,
  METRIC_FEATURE_STDDEV,
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

  constructor(meterProvider: MeterProvider, engine: QualityEngine, table: FeatureTable<FeatureState>, vectors: VectorQuality) {
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
      mean: gauge(METRIC_FEATURE_MEAN, 'Mean of the last completed window', ''),
      stddev: gauge(METRIC_FEATURE_STDDEV, 'Sample standard deviation of the last completed window', ''),
      min: gauge(METRIC_FEATURE_MIN, 'Smallest value of the last completed window', ''),
      max: gauge(METRIC_FEATURE_MAX, 'Largest value of the last completed window', ''),
      quantile: gauge(METRIC_FEATURE_QUANTILE, 'Quantiles of the last completed window (sketch, 1 % relative accuracy)', ''),
      lastWrite: gauge(METRIC_LAST_WRITE_TIME, 'Unix time of the last successful write of the feature', 's'),
      psi: gauge(METRIC_DRIFT_PSI, 'Population Stability Index of the last window against the baseline', ''),
      ks: gauge(METRIC_DRIFT_KS_STATISTIC, 'Kolmogorov–Smirnov statistic of the last window against the baseline', ''),
      ksP: gauge(METRIC_DRIFT_KS_PVALUE, 'Asymptotic KS p-value of the last window against the baseline', ''),
      js: gauge(METRIC_DRIFT_JS_DISTANCE, 'Jensen–Shannon distance (base 2) of the last window against the baseline', ''),
      wasserstein: gauge(METRIC_DRIFT_WASSERSTEIN, 'Wasserstein-1 distance of the last window to the baseline, in baseline standard deviations', '{sigma}'),
      meanShift: gauge(METRIC_DRIFT_MEAN_SHIFT, 'Mean of the last window minus the baseline mean, in baseline standard deviations', '{sigma}'),
      state: gauge(METRIC_DRIFT_STATE, 'Drift state from PSI: 0 ok, 1 warn, 2 drift', ''),
      violations: counter(METRIC_VALIDATION_VIOLATIONS, 'Values (or vectors) that violated a registry rule', '{value}'),
      vectorInvalid: counter(METRIC_VECTOR_INVALID, 'Vectors with a wrong dimension, a non-finite component or zero norm', '{vector}'),
      centroid: gauge(METRIC_VECTOR_CENTROID_DRIFT, 'Cosine distance of the last window\'s centroid to the baseline centroid', ''),
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

type Instruments = Record<
  'values' | 'nulls' | 'nonFinite' | 'mean' | 'stddev' | 'min' | 'max' | 'quantile' | 'lastWrite' | 'psi' | 'ks' | 'ksP' | 'js' | 'wasserstein' | 'meanShift' | 'state' | 'violations',
  Observable
>;

/** Observes one (group, feature): counters per source, last window, drift, last write, violations. */
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
    const last = p.last;
    if (last !== undefined) {
      result.observe(i.mean, last.mean, a);
      if (!Number.isNaN(last.stddev)) result.observe(i.stddev, last.stddev, a);
      result.observe(i.min, last.min, a);
      result.observe(i.max, last.max, a);
      // Built per collection rather than kept: three objects per profile would cost ~10 % of its memory.
      result.observe(i.quantile, last.p50, { ...a, [ATTR_QUANTILE]: 0.5 });
      result.observe(i.quantile, last.p90, { ...a, [ATTR_QUANTILE]: 0.9 });
      result.observe(i.quantile, last.p99, { ...a, [ATTR_QUANTILE]: 0.99 });
    }
    const d = p.drift;
    if (d !== undefined) {
      result.observe(i.state, d.state, a);
      if (Number.isFinite(d.psi)) result.observe(i.psi, d.psi, a);
      if (Number.isFinite(d.ksStatistic)) result.observe(i.ks, d.ksStatistic, a);
      if (Number.isFinite(d.ksPValue)) result.observe(i.ksP, d.ksPValue, a);
      if (Number.isFinite(d.jsDistance)) result.observe(i.js, d.jsDistance, a);
      if (Number.isFinite(d.wasserstein)) result.observe(i.wasserstein, d.wasserstein, a);
      if (Number.isFinite(d.meanShift)) result.observe(i.meanShift, d.meanShift, a);
    }
  }
}
