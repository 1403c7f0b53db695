/**
 * The batch commands for pipelines (`featurescope profile`, `featurescope drift`): the same baseline
 * sampler, rank binner, accumulator and rule as the engine, on a CSV file of values.
 */
import { baselineDocument, parseBaseline, type Baseline, type BaselineDocument } from '../baseline/baseline-artifact.js';
import { BaselineSampler } from '../baseline/baseline-sampler.js';
import { DEFAULT_CDF_RESOLUTION } from '../baseline/empirical-cdf.js';
import { DEFAULT_BINNED_RULE, STATE_DRIFT, STATE_NAMES, type BinnedDriftRule, type BinnedDriftState } from '../binned/binned-drift.js';
import { FeatureDrift } from '../binned/feature-drift.js';
import { RankBinner } from '../binned/rank-binner.js';

/** One feature of a `drift` report (the JSON schema documented in docs/data-quality.md). */
export interface FeatureDriftReport {
  readonly group: string;
  readonly feature: string;
  /** Rows, nulls and non-finite values of the column; `count` finite values ranked. */
  readonly values: number;
  readonly nulls: number;
  readonly nonFinite: number;
  readonly count: number;
  /** Finite values per rank bin. */
  readonly bins: readonly number[];
  readonly psi: number;
  readonly jsDistance: number;
  readonly chiSquare: number;
  readonly chiSquareDf: number;
  readonly chiSquarePValue: number;
  readonly ksBinned: number;
  /** (mean − baseline mean) / baseline σ; null when σ is 0 or no value is finite. */
  readonly meanShiftSigma: number | null;
  readonly state: BinnedDriftState;
}

export interface DriftReport {
  readonly baselineId: string;
  readonly bins: number;
  readonly rule: Required<BinnedDriftRule>;
  readonly features: readonly FeatureDriftReport[];
  /** Columns of the file with no baseline feature (not judged). */
  readonly missingBaseline: readonly string[];
  /** True when any feature is in state `drift`. */
  readonly drift: boolean;
}

/** Profiles every column of a values file into a baseline artifact (all values kept: exact table up to the resolution). */
export function profileColumns(columns: ReadonlyMap<string, readonly (number | null)[]>, group: string, resolution = DEFAULT_CDF_RESOLUTION): BaselineDocument {
  const features = [];
  for (const [feature, values] of columns) {
    const sampler = new BaselineSampler(Math.max(1, values.length));
    for (const v of values) sampler.add(v);
    const doc = sampler.build(group, feature, resolution);
    if (doc !== undefined) features.push(doc);
  }
  const now = Date.now();
  return baselineDocument(features, [], { startMs: now, endMs: now });
}

/** Judges every column against its baseline feature (matched by name, in `group` when given). */
export function driftOfColumns(
  baselineDoc: unknown,
  columns: ReadonlyMap<string, readonly (number | null)[]>,
  options: { group?: string; bins?: number; rule?: Partial<BinnedDriftRule> } = {},
): DriftReport {
  const baseline: Baseline = parseBaseline(baselineDoc);
  const bins = options.bins ?? 20;
  const rule = { ...DEFAULT_BINNED_RULE, minCount: 5 * bins, ...options.rule };
  const features: FeatureDriftReport[] = [];
  const missingBaseline: string[] = [];
  for (const [name, values] of columns) {
    const f = baseline.features.find((b) => b.feature === name && (options.group === undefined || b.group === options.group));
    if (f === undefined) {
      missingBaseline.push(name);
      continue;
    }
    const drift = new FeatureDrift(f, baseline.id, new RankBinner(f.cdf, bins), {});
    let nulls = 0;
    let nonFinite = 0;
    for (const v of values) {
      if (v === null) nulls++;
      else if (!Number.isFinite(v)) nonFinite++;
      else drift.add(v);
    }
    const d = drift.closeWindow(rule);
    const n = d.count;
    const shift = n > 0 && f.stddev > 0 ? (drift.positive - drift.negative) / n / f.stddev : null;
    features.push({
      group: f.group,
      feature: name,
      values: values.length,
      nulls,
      nonFinite,
      count: n,
      bins: Array.from(drift.bins),
      psi: d.psi,
      jsDistance: d.jsDistance,
      chiSquare: d.chiSquare,
      chiSquareDf: d.chiSquareDf,
      chiSquarePValue: d.chiSquarePValue,
      ksBinned: d.ksBinned,
      meanShiftSigma: shift,
      state: STATE_NAMES[d.state]!,
    });
  }
  return { baselineId: baseline.id, bins, rule, features, missingBaseline, drift: features.some((f) => f.state === STATE_NAMES[STATE_DRIFT]) };
}
