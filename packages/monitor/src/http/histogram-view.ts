import type { DriftReport, FeatureReport } from '../monitor/report.js';

/** A bin as a distribution check produces it: edges, the window's count and the baseline's. */
export interface SourceHistogramBin {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  /** Absent or null without a baseline. */
  readonly baselineCount?: number | null;
}

/** One bin as the API serves it: counts and shares of the window and of its baseline counterpart. */
export interface HistogramViewBin {
  /** Lower edge; null for an open (−∞) edge. */
  readonly lower: number | null;
  /** Upper edge; null for an open (+∞) edge. */
  readonly upper: number | null;
  readonly count: number;
  /** count / total, 0 when the window is empty. */
  readonly share: number;
  readonly baselineCount: number | null;
  readonly baselineShare: number | null;
}

/** The histogram part of `GET /api/v1/features/{name}/histogram`. */
export interface HistogramView {
  /** Window values counted in the bins. */
  readonly total: number;
  /** Baseline values counted in the bins; null without a baseline. */
  readonly baselineTotal: number | null;
  readonly bins: readonly HistogramViewBin[];
}

/**
 * The bins of the feature's current distribution check. The one place that knows where the
 * check keeps them: re-point it here when the check changes.
 */
export function featureBins(feature: FeatureReport): readonly SourceHistogramBin[] {
  return feature.statistics?.histogram ?? [];
}

/** The drift test's p-value: the binned 2 × B chi-square's (testdata/binned-drift/README.md). */
export function driftPValue(drift: DriftReport | null | undefined): number | null {
  return drift?.pValue ?? null;
}

/** Shares and baseline shares of a check's bins; infinite edges become null (JSON has no ∞). */
export function histogramView(bins: readonly SourceHistogramBin[]): HistogramView {
  const total = bins.reduce((sum, b) => sum + b.count, 0);
  const hasBaseline = bins.length > 0 && bins.every((b) => typeof b.baselineCount === 'number');
  const baselineTotal = hasBaseline ? bins.reduce((sum, b) => sum + b.baselineCount!, 0) : null;
  return {
    total,
    baselineTotal,
    bins: bins.map((b) => ({
      lower: Number.isFinite(b.lower) ? b.lower : null,
      upper: Number.isFinite(b.upper) ? b.upper : null,
      count: b.count,
      share: total === 0 ? 0 : b.count / total,
      baselineCount: hasBaseline ? b.baselineCount! : null,
      baselineShare: hasBaseline ? (baselineTotal === 0 ? 0 : b.baselineCount! / baselineTotal!) : null,
    })),
  };
}
