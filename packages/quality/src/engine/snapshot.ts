import type { BinnedDrift } from '../binned/binned-drift.js';
import type { ProfileSource, WindowSummary } from '../profile/feature-profile.js';
import type { FeatureState } from '../profile/feature-state.js';
import { RULE_NAMES } from '../registry/compiled-rules.js';
import type { RuleName } from '../registry/types.js';
import type { SlotHistograms } from '@featurescope/core';

/** Which profile {@link QualityEngine.snapshot} describes. */
export interface SnapshotOptions {
  /** Feature group. @default the first group the feature was seen in */
  readonly group?: string;
  /** @default 'upsert' */
  readonly source?: ProfileSource;
}

/** Count, sum, min and max of a freshness histogram (seconds); zeros when empty. */
export interface FreshnessSummary {
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
}

/** A plain-data copy of one feature's numbers at the moment it was taken. */
export interface FeatureSnapshot {
  readonly group: string;
  readonly feature: string;
  readonly source: ProfileSource;
  /** Values seen since the engine started (nulls and non-finite included), nulls, non-finite. */
  readonly values: number;
  readonly nulls: number;
  readonly nonFinite: number;
  /** The window in progress (`endMs` = now); undefined when it holds no finite value. */
  readonly window: WindowSummary | undefined;
  /** The last completed window (this process only; never exported). */
  readonly lastWindow: WindowSummary | undefined;
  /** The baseline of the drift source's profile: artifact id, N, mean and σ. */
  readonly baseline: { readonly id: string; readonly count: number; readonly mean: number; readonly stddev: number } | undefined;
  /** Cumulative rank-bin counts since the baseline was installed (what `featurescope.drift.bin.values` exports). */
  readonly bins: readonly number[] | undefined;
  /** Drift of this process's last window with the shared rule (what the span event reports). */
  readonly drift: BinnedDrift | undefined;
  /** Last successful write of the feature (any source), ms since the epoch. */
  readonly lastWriteTimeMs: number | undefined;
  readonly ingestLag: FreshnessSummary;
  readonly staleness: FreshnessSummary;
  /** Rule violations counted so far, by rule (rules with none are absent). */
  readonly violations: Readonly<Partial<Record<RuleName, number>>>;
}

/** The engine's freshness histograms, read by snapshots. */
export interface FreshnessHistograms {
  readonly ingestLag: SlotHistograms;
  readonly staleness: SlotHistograms;
}

export function snapshotOf(state: FeatureState, source: ProfileSource, engine: FreshnessHistograms, nowMs: number): FeatureSnapshot {
  const p = state.profile(source);
  const violations: Partial<Record<RuleName, number>> = {};
  state.violations?.forEach((count, rule) => {
    if (count > 0) violations[RULE_NAMES[rule]!] = count;
  });
  const drift = p?.drift;
  return {
    group: state.group,
    feature: state.feature,
    source,
    values: p?.values ?? 0,
    nulls: p?.nulls ?? 0,
    nonFinite: p?.nonFinite ?? 0,
    window: p?.window !== undefined && p.window.count > 0 ? p.window.summary(p.windowStartMs, nowMs) : undefined,
    lastWindow: p?.last,
    baseline: drift === undefined ? undefined : { id: drift.baselineId, count: drift.baseline.count, mean: drift.baseline.mean, stddev: drift.baseline.stddev },
    bins: drift === undefined ? undefined : Array.from(drift.bins),
    drift: drift?.last,
    lastWriteTimeMs: Number.isNaN(state.lastWriteMs) ? undefined : state.lastWriteMs,
    ingestLag: engine.ingestLag.summary(state.slot),
    staleness: engine.staleness.summary(state.slot),
    violations,
  };
}
