export { createQualityEngine } from './engine/create-quality-engine.js';
export { QualityEngine } from './engine/quality-engine.js';
export type { BaselineSummary } from './engine/quality-engine.js';
export type { DriftOptions, QualityEngineOptions, WindowOptions } from './engine/options.js';
export type { FeatureSnapshot, FreshnessSummary, SnapshotOptions } from './engine/snapshot.js';
export type { ProfileSource, WindowSummary } from './profile/feature-profile.js';
export type { DriftResult } from './drift/evaluate-drift.js';
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
export { BASELINE_FORMAT, BASELINE_VERSION } from './baseline/baseline-document.js';
export type { BaselineDocument, BaselineProfileDocument, BaselineVectorDocument } from './baseline/baseline-document.js';
export * as semconv from './semconv.js';
export { VERSION } from './version.js';

// Statistics and sketches (stats/ and sketch/), for users who compute drift themselves.
export { QuantileSketch, RunningMoments, SketchFormatError, proportionsForEdges, sketchCdf, sketchQuantileEdges } from './sketch/index.js';
export type { QuantileSketchOptions, SerializedQuantileSketch, SerializedRunningMoments } from './sketch/index.js';
export {
  DEFAULT_PSI_THRESHOLDS,
  SeededRandom,
  assessDrift,
  driftState,
  histogramProportions,
  jensenShannonDistance,
  jsFromSketches,
  ksAsymptoticPValue,
  ksFromSketches,
  ksTwoSample,
  meanShiftSigma,
  normalizedWassersteinDistance,
  psi,
  psiFromSketches,
  quantileEdges,
  wassersteinDistance,
  wassersteinFromSketches,
} from './stats/index.js';
export type { DriftDecisionOptions, DriftEvidence, DriftState, KsResult, PsiThresholds } from './stats/index.js';
