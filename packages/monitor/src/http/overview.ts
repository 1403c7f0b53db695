import type { CycleSnapshot } from '../monitor/report.js';
import { driftPValue, featureBins, histogramView } from './histogram-view.js';

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

/**
 * `GET /api/v1/overview`: every feature's state and scores with its histogram shares (4 decimals),
 * in one body built once per cycle, for a list with inline mini-histograms.
 */
export function overviewBody(snapshot: CycleSnapshot): unknown {
  return {
    cycle: snapshot.cycle,
    cycleStartedAt: snapshot.startedAt,
    table: snapshot.table,
    system: snapshot.system,
    featuresTruncated: snapshot.featuresTruncated,
    features: [...snapshot.features.values()].map((f) => {
      const s = f.statistics;
      const view = histogramView(featureBins(f));
      return {
        name: f.name,
        driftState: s?.drift?.state ?? null,
        psi: s?.drift?.psi ?? null,
        pValue: driftPValue(s?.drift),
        stale: f.freshness?.stale ?? null,
        stalenessSeconds: f.freshness?.stalenessSeconds ?? null,
        count: s?.count ?? null,
        nullRatio: s?.nullRatio ?? null,
        hasBaseline: f.hasBaseline,
        shares: view.bins.map((b) => round(b.share)),
        baselineShares: view.baselineTotal === null ? null : view.bins.map((b) => round(b.baselineShare!)),
      };
    }),
  };
}
