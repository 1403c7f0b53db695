import type { InspectedSystem, SamplingInfo } from '@featurescope/core';

/** Drift state, as the data-quality engine names it (exported as 0 / 1 / 2). */
export type DriftStateName = 'ok' | 'warn' | 'drift';

/** Which check a failure belongs to (the `featurescope.monitor.check` attribute). */
export type MonitorCheck = 'connect' | 'discovery' | 'baselines' | 'freshness' | 'statistics';

/** One equal-width histogram bin of a feature's window. */
export interface HistogramBin {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  /** Baseline values in the same bin; absent without a baseline. */
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

/** Drift of the window against the stored baseline. */
export interface DriftReport {
  readonly baselineCapturedAt: string;
  readonly baselineCount: number;
  readonly psi: number;
  readonly ksStatistic: number;
  readonly ksPValue: number;
  readonly jsDistance: number;
  /** Wasserstein-1 distance in the values' unit. */
  readonly wasserstein: number;
  /** Wasserstein-1 divided by the baseline's sample σ (ddof 1); the value of `featurescope.drift.wasserstein`. */
  readonly wassersteinNormalized: number;
  /** (window mean − baseline mean) / baseline sample σ (ddof 1), signed. */
  readonly meanShift: number;
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
  /** Null without a baseline, or with fewer than `drift.minCount` values in the window. */
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
