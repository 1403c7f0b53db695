export { createQualityEngine } from './engine/create-quality-engine.js';
export { QualityEngine } from './engine/quality-engine.js';
export type { BaselineSummary } from './engine/baselines.js';
export type { BaselineSource, DriftOptions, QualityEngineOptions, WindowOptions } from './engine/options.js';
export type { FeatureSnapshot, FreshnessSummary, SnapshotOptions } from './engine/snapshot.js';
export type { ProfileSource, WindowSummary } from './profile/feature-profile.js';
export type {
  FeatureRegistry,
  FeatureSpec,
  FeatureValueType,
  RuleName,
  RulePolicy,
  ScalarFeatureSpec,
  VectorFeatureSpec,
} from './registry/types.js';
export { BaselineFormatError, QualityConfigError } from './errors.js';
export * as semconv from './semconv.js';
export { VERSION } from './version.js';

// The baseline artifact and the binned drift statistics, shared by the engine, the monitor and the CLI.
export { BASELINE_FORMAT, BASELINE_VERSION, baselineDocument, baselineId, parseBaseline } from './baseline/baseline-artifact.js';
export type { Baseline, BaselineDocument, BaselineFeature, BaselineFeatureDocument, BaselineVectorDocument } from './baseline/baseline-artifact.js';
export { readBaselineSource, writeBaselineFile } from './baseline/baseline-file.js';
export { BaselineSampler, DEFAULT_MAX_SAMPLE } from './baseline/baseline-sampler.js';
export { DEFAULT_CDF_RESOLUTION, EmpiricalCdf } from './baseline/empirical-cdf.js';
export type { EmpiricalCdfDocument } from './baseline/empirical-cdf.js';
export {
  DEFAULT_BINNED_RULE,
  STATE_DRIFT,
  STATE_INSUFFICIENT,
  STATE_NAMES,
  STATE_OK,
  STATE_WARN,
  binnedDrift,
  chiSquareCritical,
} from './binned/binned-drift.js';
export type { BinnedDrift, BinnedDriftRule, BinnedDriftState } from './binned/binned-drift.js';
export { RankBinner } from './binned/rank-binner.js';
export { CODE_NON_FINITE, CODE_NULL, foldDatabaseBins } from './binned/database-bins.js';
export type { DatabaseBins } from './binned/database-bins.js';

// Exact sample statistics (stats/), for users who compute drift on raw samples themselves.
export {
  DEFAULT_PSI_THRESHOLDS,
  assessDrift,
  chiSquareQuantile,
  chiSquareSurvival,
  driftState,
  histogramProportions,
  jensenShannonDistance,
  ksAsymptoticPValue,
  ksTwoSample,
  meanShiftSigma,
  normalizedWassersteinDistance,
  psi,
  quantileEdges,
  wassersteinDistance,
} from './stats/index.js';
export type { DriftDecisionOptions, DriftEvidence, DriftState, KsResult, PsiThresholds } from './stats/index.js';

// Batch commands (`featurescope profile` / `featurescope drift`), wired into the featurescope bin.
export { BATCH_USAGE, EXIT_DRIFT, isBatchCommand, runBatchCli } from './batch/batch-cli.js';
export { driftOfColumns, profileColumns } from './batch/batch-commands.js';
export type { DriftReport, FeatureDriftReport } from './batch/batch-commands.js';
export { ValuesFileError, readValuesCsv } from './batch/values-csv.js';
