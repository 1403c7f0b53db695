import { sortedCopy } from './quality-stats.js';
import type { ResolvedMonitorOptions } from '../config/options.js';
import type { CheckError, FeatureReport, FreshnessReport, MonitorCheck, StatisticsReport } from '../monitor/report.js';
import type { FreshnessRow, WindowAggregates } from '@featurescope/core';
import { equalWidthHistogram, windowQuantiles } from './distribution.js';
import { windowDrift } from './drift.js';
import type { PreparedBaseline } from '../baseline/baseline.js';
import type { DriftBinTotals } from '../telemetry/drift-bin-totals.js';
import { errorTypeOf } from '@featurescope/core';
import { errorMessageOf, isStatementTimeout } from './failure-text.js';

/** What one cycle's checks need besides the options. */
export interface CycleInput {
  readonly cycle: number;
  readonly features: readonly string[];
  readonly baselines: ReadonlyMap<string, PreparedBaseline>;
  /** The exported running totals of rank-bin counts (non-overlapping windows). */
  readonly binTotals: DriftBinTotals;
  /** Reports of the previous cycle: kept for a feature whose check failed this time. */
  readonly previous: ReadonlyMap<string, FeatureReport> | undefined;
  readonly errors: CheckError[];
}

/**
 * Runs freshness/volume and statistics/drift for every feature and returns the per-feature reports.
 * A failed check is recorded in `input.errors` and its previous results are kept; statistics stop at
 * the first failure that is not a single statement's timeout (the database is likely unreachable).
 */
export async function runFeatureChecks(options: ResolvedMonitorOptions, input: CycleInput): Promise<Map<string, FeatureReport>> {
  const { source, featureTable } = options;
  const timeout = options.statementTimeoutMs;
  const fail = (check: MonitorCheck, error: unknown, feature?: string): void => {
    input.errors.push({ check, type: errorTypeOf(error), message: errorMessageOf(error), ...(feature === undefined ? {} : { feature }) });
  };

  const freshness = new Map<string, FreshnessRow>();
  try {
    for (const row of await source.freshness(featureTable, input.features, options.volumeWindowSeconds, timeout)) freshness.set(row.feature, row);
  } catch (error) {
    fail('freshness', error);
  }

  const statistics = new Map<string, StatisticsReport>();
  try {
    await source.beginCycle(featureTable, options.sampling, timeout);
    const aggregates = await source.windowAggregates(featureTable, input.features, options.windowSeconds, timeout);
    for (const feature of input.features) {
      try {
        statistics.set(feature, await featureStatistics(options, input, feature, aggregates.get(feature)));
      } catch (error) {
        if (!isStatementTimeout(error)) throw error;
        fail('statistics', error, feature);
      }
    }
  } catch (error) {
    fail('statistics', error);
  }

  const maxAge = new Map((options.features ?? []).map((f) => [f.name, f.maxAgeSeconds ?? options.maxAgeSeconds]));
  const reports = new Map<string, FeatureReport>();
  for (const name of input.features) {
    const previous = input.previous?.get(name);
    const row = freshness.get(name);
    reports.set(name, {
      name,
      freshness: row === undefined ? (previous?.freshness ?? null) : freshnessReport(options, input.cycle, row, maxAge.get(name) ?? options.maxAgeSeconds),
      statistics: statistics.get(name) ?? previous?.statistics ?? null,
      hasBaseline: input.baselines.has(name),
    });
  }
  return reports;
}

function freshnessReport(options: ResolvedMonitorOptions, cycle: number, row: FreshnessRow, maxAgeSeconds: number): FreshnessReport {
  // Clock readings at microsecond precision can put a just-written row a hair in the future.
  const staleness = row.lastWriteTime === undefined ? null : Math.max(0, row.databaseTime - row.lastWriteTime);
  return {
    cycle,
    lastWriteTime: row.lastWriteTime ?? null,
    stalenessSeconds: staleness,
    maxAgeSeconds,
    stale: staleness === null || staleness > maxAgeSeconds,
    updatedRows: row.updatedRows,
    volumeWindowSeconds: options.volumeWindowSeconds,
  };
}

async function featureStatistics(
  options: ResolvedMonitorOptions,
  input: CycleInput,
  feature: string,
  aggregates: WindowAggregates | undefined,
): Promise<StatisticsReport> {
  const rows = aggregates?.rows ?? 0;
  const count = aggregates?.values ?? 0;
  const empty = { sampled: false, method: 'none' as const, limit: options.sampling.maxRows, values: 0 };
  let sorted: Float64Array = new Float64Array(0);
  let sampling = empty as StatisticsReport['sampling'];
  if (count > 0) {
    const sample = await options.source.windowSample(options.featureTable, feature, options.windowSeconds, options.sampling, options.statementTimeoutMs);
    // NaN / ±Infinity rows (Postgres allows them) are excluded from the distribution: one such row
    // must never break a cycle.
    sorted = sortedCopy(sample.values.filter(Number.isFinite));
    sampling = { ...sample.sampling, values: sorted.length };
  }
  const baseline = input.baselines.get(feature);
  let drift: StatisticsReport['drift'] = null;
  let histogram = equalWidthHistogram(sorted, options.histogramBins);
  if (baseline !== undefined) {
    // Every row of the window, counted in the database by the baseline's rank bins: no sampling.
    // The exported totals add only the rows written since the feature's previous count (counted
    // first, so its boundary is this statement's start); a first count adds the whole window.
    const rule = { alpha: options.drift.alpha, psiDrift: options.drift.drift, psiWarn: options.drift.warn, minCount: options.drift.minCount };
    const edges = baseline.binner.edges;
    const startedAt = performance.now();
    const since = input.binTotals.secondsSince(feature, baseline, startedAt);
    const fresh = since === undefined || since >= options.windowSeconds ? undefined : await options.source.driftBins(options.featureTable, feature, edges, since, options.statementTimeoutMs);
    const windowBins = await options.source.driftBins(options.featureTable, feature, edges, options.windowSeconds, options.statementTimeoutMs);
    ({ drift, histogram } = windowDrift(baseline, windowBins, rule));
    input.binTotals.add(feature, baseline, fresh ?? windowBins, startedAt);
  }
  return {
    cycle: input.cycle,
    windowSeconds: options.windowSeconds,
    rows,
    count,
    nullRatio: rows === 0 ? null : (rows - count) / rows,
    mean: finiteOrNull(aggregates?.mean),
    std: finiteOrNull(aggregates?.stddev),
    min: finiteOrNull(aggregates?.min),
    max: finiteOrNull(aggregates?.max),
    quantiles: windowQuantiles(sorted),
    histogram,
    sampling,
    drift,
  };
}

/** A database aggregate over a window holding NaN or ±Infinity is not a number to report. */
function finiteOrNull(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}
