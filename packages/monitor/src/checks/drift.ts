import {
  driftState,
  histogramProportions,
  jensenShannonDistance,
  ksTwoSample,
  meanShiftSigma,
  normalizedWassersteinDistance,
  psi,
  quantileEdges,
  wassersteinDistance,
} from './quality-stats.js';
import type { FeatureBaseline } from '../baseline/baseline.js';
import type { DriftReport } from '../monitor/report.js';

/** A baseline prepared once per load: sample and decile edges. */
export interface PreparedBaseline {
  readonly baseline: FeatureBaseline;
  readonly sample: Float64Array;
  readonly edges: Float64Array;
  readonly proportions: Float64Array;
}

/** PSI and Jensen–Shannon bins: the baseline's deciles, as in the data-quality engine. */
const DRIFT_BINS = 10;

export function prepareBaseline(baseline: FeatureBaseline): PreparedBaseline {
  const sample = Float64Array.from(baseline.values);
  const edges = quantileEdges(sample, DRIFT_BINS);
  return { baseline, sample, edges, proportions: histogramProportions(sample, edges) };
}

/**
 * Drift of a window sample against a baseline with the data-quality engine's exact sample
 * statistics (`@featurescope/quality`): PSI on baseline decile edges with 1e-4 clipping,
 * two-sample KS statistic and p-value, Jensen–Shannon distance (base 2) on the same bins,
 * Wasserstein-1 (raw and in baseline σ), mean shift in baseline σ, and the engine's PSI state.
 */
export function computeDrift(prepared: PreparedBaseline, window: Float64Array, thresholds: { warn: number; drift: number }): DriftReport {
  const current = histogramProportions(window, prepared.edges);
  const psiValue = psi(prepared.proportions, current);
  const ks = ksTwoSample(prepared.sample, window);
  return {
    baselineCapturedAt: prepared.baseline.capturedAt,
    baselineCount: prepared.baseline.count,
    psi: psiValue,
    ksStatistic: ks.statistic,
    ksPValue: ks.pValue,
    jsDistance: jensenShannonDistance(prepared.proportions, current),
    wasserstein: wassersteinDistance(prepared.sample, window),
    wassersteinNormalized: normalizedWassersteinDistance(prepared.sample, window),
    meanShift: meanShiftSigma(prepared.sample, window),
    state: driftState(psiValue, thresholds),
  };
}
