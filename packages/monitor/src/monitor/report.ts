import type { InspectedSystem, SamplingInfo } from '@featurescope/core';

/** Drift state, as the data-quality engine names it (exported as 0 / 1 / 2 / 3). */
export type DriftStateName = 'ok' | 'warn' | 'drift' | 'insufficient';

/** Which check a failure belongs to (the `featurescope.monitor.check` attribute). */
export type MonitorCheck = 'connect' | 'discovery' | 'baselines' | 'freshness' | 'statistics';

/**
 * One histogram bin of a feature's window: the baseline's rank bins (outer edges ±Infinity) when the
 * feature has a baseline, else equal-width bins of the distribution sample.
 */
export interface HistogramBin {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  /** Baseline values expected in the bin (N/B: the rank bins hold equal baseline mass); absent without a baseline. */
  readonly baselineCount?: number;
}

/** Quantiles of the window: p01, p25, p50, p75, p99. */
export interface WindowQuantiles {
  readonly p01: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p99: number;
}

/** Freshness and volume of one feature, measured in cycle `cycle`. */
export interface FreshnessReport {
  readonly cycle: number;
  /** Newest `updated_at` (unix seconds); null when the feature has no rows. */
  readonly lastWriteTime: number | null;
  /** Database clock minus `lastWriteTime` (seconds); null when the feature has no rows. */
  readonly stalenessSeconds: number | null;
  readonly maxAgeSeconds: number;
  /** `stalenessSeconds > maxAgeSeconds`, or no rows at all. */
  readonly stale: boolean;
  /** Rows written in the volume window. */
  readonly updatedRows: number;
  readonly volumeWindowSeconds: number;
}

/**
 * Drift of the window against the quality baseline artifact: the window's values counted in the
 * database by baseline-rank bin, judged with `@featurescope/quality`'s binned statistics and rule.
 */
export interface DriftReport {
  /** Content-hash id of the artifact (`featurescope.baseline.id`). */
  readonly baselineId: string;
  /** ISO time the artifact was written. */
  readonly baselineCapturedAt: string;
  /** The baseline's finite values N. */
  readonly baselineCount: number;
  /** Rank bins B. */
  readonly bins: number;
  /** Finite values of the window counted in the bins. */
  readonly count: number;
  /** NULL and NaN/±Infinity rows of the window: counted, excluded from the bins. */
  readonly nulls: number;
  readonly nonFinite: number;
  /** PSI with add-½ smoothing on the baseline's equal-mass bins. */
  readonly psi: number;
  readonly jsDistance: number;
  /** 2 × B chi-square against the baseline (its N), degrees of freedom and p-value. */
  readonly chiSquare: number;
  readonly chiSquareDf: number;
  readonly pValue: number;
  /** Binned KS statistic: the exact KS lies in [ksBinned, ksBinned + 1/B]. */
  readonly ksBinned: number;
  readonly state: DriftStateName;
}

/** Value statistics of one feature's window, measured in cycle `cycle`. */
export interface StatisticsReport {
  readonly cycle: number;
  readonly windowSeconds: number;
  /** Rows in the window (NULLs included). Exact. */
  readonly rows: number;
  /** Non-NULL values in the window. Exact. */
  readonly count: number;
  /** NULL rows / rows; null when the window is empty. Exact. */
  readonly nullRatio: number | null;
  /** Exact (SQL aggregates over the whole window). */
  readonly mean: number | null;
  /** Population standard deviation. Exact. */
  readonly std: number | null;
  readonly min: number | null;
  readonly max: number | null;
  /** From the distribution sample (exact when `sampling.sampled` is false); null when it is empty. */
  readonly quantiles: WindowQuantiles | null;
  readonly histogram: readonly HistogramBin[];
  readonly sampling: SamplingInfo;
  /** Null without a baseline for the feature (below `drift.minCount` values the state is `insufficient`). */
  readonly drift: DriftReport | null;
}

/** Everything known about one feature after a cycle. */
export interface FeatureReport {
  readonly name: string;
  readonly freshness: FreshnessReport | null;
  readonly statistics: StatisticsReport | null;
  readonly hasBaseline: boolean;
}

/** A failed check in one cycle. */
export interface CheckError {
  readonly check: MonitorCheck;
  /** Driver error code or class name (the `error.type` attribute). */
  readonly type: string;
  readonly message: string;
  /** The feature, when the failure concerned one. */
  readonly feature?: string;
}

/** Results of one cycle; what the HTTP API serves until the next cycle ends. */
export interface CycleSnapshot {
  readonly cycle: number;
  readonly system: InspectedSystem;
  readonly table: string;
  readonly startedAt: string;
  readonly durationSeconds: number;
  readonly features: ReadonlyMap<string, FeatureReport>;
  readonly errors: readonly CheckError[];
  /** Features discovered when the discovery cap cut the list. */
  readonly featuresTruncated: boolean;
}

/** What `runCycle()` resolved to. */
export type CycleOutcome =
  | { readonly outcome: 'ok' | 'error'; readonly snapshot: CycleSnapshot }
  /** The previous cycle was still running; nothing ran. */
  | { readonly outcome: 'skipped'; readonly runningCycle: number };

/** The monitor's own health, served at `/healthz`. */
export interface MonitorHealth {
  /** `starting` before the first cycle ends, `degraded` when the last cycle had errors. */
  readonly status: 'ok' | 'degraded' | 'starting';
  readonly cycles: number;
  readonly skippedCycles: number;
  /** Unix seconds of the end of the last cycle without errors; null if none yet. */
  readonly lastSuccessTime: number | null;
  readonly consecutiveFailedCycles: number;
  readonly lastErrors: readonly CheckError[];
}
