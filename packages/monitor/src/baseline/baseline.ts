import { parseBaseline, RankBinner, type Baseline, type BaselineFeature } from '@featurescope/quality';

/**
 * One feature of the quality baseline artifact, ready for the in-database count: the rank binner
 * (its B − 1 inner edges go to `StoreInspector.driftBins`; ties on an edge are ranked with it).
 * The artifact is the one every replica of the service loads, so the monitor's bins are theirs.
 */
export interface PreparedBaseline {
  readonly baselineId: string;
  /** ISO time the artifact was written. */
  readonly createdAt: string;
  readonly feature: BaselineFeature;
  readonly binner: RankBinner;
}

/**
 * Features of an artifact by feature name. The artifact keys features by (group, feature); the
 * monitor sees only feature names, so a name present in several groups takes the group equal to the
 * monitored table's name, else the first group in the artifact's order.
 */
export function prepareBaselines(document: unknown, table: string, bins: number): Map<string, PreparedBaseline> {
  const baseline: Baseline = parseBaseline(document);
  const out = new Map<string, PreparedBaseline>();
  for (const feature of baseline.features) {
    const existing = out.get(feature.feature);
    if (existing !== undefined && existing.feature.group === table) continue;
    if (existing !== undefined && feature.group !== table) continue;
    out.set(feature.feature, {
      baselineId: baseline.id,
      createdAt: baseline.document.createdAt,
      feature,
      binner: new RankBinner(feature.cdf, bins),
    });
  }
  return out;
}
