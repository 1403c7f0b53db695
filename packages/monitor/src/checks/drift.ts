import { binnedDrift, foldDatabaseBins, STATE_NAMES, type BinnedDriftRule } from '@featurescope/quality';
import type { DriftBinRow } from '@featurescope/core';
import type { PreparedBaseline } from '../baseline/baseline.js';
import type { DriftReport, HistogramBin } from '../monitor/report.js';

/** What the drift check made of one window's in-database bin counts. */
export interface WindowDrift {
  readonly drift: DriftReport;
  /** The rank bins with their value edges, for the API's histogram. */
  readonly histogram: HistogramBin[];
}

/**
 * Drift of a window whose baseline-rank bins were counted in the database (`StoreInspector.driftBins`):
 * folded with the engine's tie rule (`foldDatabaseBins`), judged with the one binned implementation
 * and rule of `@featurescope/quality` (testdata/binned-drift/README.md). NULL and non-finite rows are
 * counted and excluded.
 */
export function windowDrift(prepared: PreparedBaseline, rows: readonly DriftBinRow[], rule: BinnedDriftRule): WindowDrift {
  const folded = foldDatabaseBins(rows, prepared.binner);
  const stats = binnedDrift(folded.counts, prepared.feature.count, rule);
  const drift: DriftReport = {
    baselineId: prepared.baselineId,
    baselineCapturedAt: prepared.createdAt,
    baselineCount: prepared.feature.count,
    bins: stats.bins,
    count: stats.count,
    nulls: folded.nulls,
    nonFinite: folded.nonFinite,
    psi: stats.psi,
    jsDistance: stats.jsDistance,
    chiSquare: stats.chiSquare,
    chiSquareDf: stats.chiSquareDf,
    pValue: stats.chiSquarePValue,
    ksBinned: stats.ksBinned,
    state: STATE_NAMES[stats.state]!,
  };
  return { drift, histogram: rankHistogram(prepared, folded.counts) };
}

/** Rank bins as value ranges: bin i spans the baseline's quantiles i/B … (i+1)/B (outer edges open). */
export function rankHistogram(prepared: PreparedBaseline, counts: ArrayLike<number>): HistogramBin[] {
  const edges = prepared.binner.edges;
  const b = prepared.binner.bins;
  const expected = prepared.feature.count / b;
  return Array.from({ length: b }, (_, i) => ({
    lower: i === 0 ? Number.NEGATIVE_INFINITY : edges[i - 1]!,
    upper: i === b - 1 ? Number.POSITIVE_INFINITY : edges[i]!,
    count: counts[i]!,
    baselineCount: expected,
  }));
}
