import { foldDatabaseBins } from '@featurescope/quality';
import type { Attributes } from '@opentelemetry/api';
import type { DriftBinRow } from '@featurescope/core';
import type { PreparedBaseline } from '../baseline/baseline.js';
import * as semconv from '../semconv.js';

/** One feature's running totals against one baseline artifact. */
interface FeatureTotals {
  readonly baselineId: string;
  readonly counts: Float64Array;
  readonly binAttributes: readonly Attributes[];
  readonly baselineAttributes: Attributes;
  readonly baselineCount: number;
  /** performance.now() when the last counted window began its statement. */
  countedAt: number;
}

/**
 * The monitor's `featurescope.drift.bin.values{featurescope.source="monitor"}`: per feature, the
 * running totals of the rank-bin counts of NON-OVERLAPPING windows: each cycle counts (in the
 * database) the rows written since the feature's previous count started, so a row write is counted
 * once and `increase(...[w])` in PromQL is the bin counts of the writes in w, exactly as the
 * engine's inline counters. The boundary between two counts is placed with the monitor's clock on
 * the database's `now()`, so a write within one statement's latency of the boundary can be counted
 * twice or missed. Totals restart (a new series) when the artifact's id changes.
 */
export class DriftBinTotals {
  readonly #features = new Map<string, FeatureTotals>();

  constructor(private readonly table: string) {}

  /** Seconds since the feature's previous count against this baseline began; undefined for a first count. */
  secondsSince(feature: string, baseline: PreparedBaseline, now: number): number | undefined {
    const totals = this.#features.get(feature);
    return totals === undefined || totals.baselineId !== baseline.baselineId ? undefined : (now - totals.countedAt) / 1000;
  }

  /** Adds the folded counts of a window whose statement started at `startedAt` (performance.now()). */
  add(feature: string, baseline: PreparedBaseline, rows: readonly DriftBinRow[], startedAt: number): void {
    let totals = this.#features.get(feature);
    if (totals === undefined || totals.baselineId !== baseline.baselineId) {
      totals = this.#create(feature, baseline, startedAt);
      this.#features.set(feature, totals);
    }
    const folded = foldDatabaseBins(rows, baseline.binner);
    for (let i = 0; i < totals.counts.length; i++) totals.counts[i]! += folded.counts[i]!;
    totals.countedAt = startedAt;
  }

  /** Forgets features no longer monitored (bounded memory under discovery churn). */
  retain(features: ReadonlySet<string> | ReadonlyMap<string, unknown>): void {
    for (const name of this.#features.keys()) if (!features.has(name)) this.#features.delete(name);
  }

  /** Calls `observe` with each bin total and attributes, and `gauge` with each baseline's N. */
  forEach(observe: (count: number, attributes: Attributes) => void, gauge: (count: number, attributes: Attributes) => void): void {
    for (const totals of this.#features.values()) {
      totals.counts.forEach((count, i) => observe(count, totals.binAttributes[i]!));
      gauge(totals.baselineCount, totals.baselineAttributes);
    }
  }

  #create(feature: string, baseline: PreparedBaseline, startedAt: number): FeatureTotals {
    const baselineAttributes = Object.freeze({
      [semconv.ATTR_DB_COLLECTION_NAME]: this.table,
      [semconv.ATTR_FEATURE_NAME]: feature,
      [semconv.ATTR_BASELINE_ID]: baseline.baselineId,
    });
    const bins = baseline.binner.bins;
    const width = Math.max(2, String(bins - 1).length);
    const binAttributes = Array.from({ length: bins }, (_, i) =>
      Object.freeze({ ...baselineAttributes, [semconv.ATTR_SOURCE]: semconv.SOURCE_MONITOR, [semconv.ATTR_DRIFT_BIN]: String(i).padStart(width, '0') }),
    );
    return { baselineId: baseline.baselineId, counts: new Float64Array(bins), binAttributes, baselineAttributes, baselineCount: baseline.feature.count, countedAt: startedAt };
  }
}
