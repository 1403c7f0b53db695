/**
 * The data-quality engine's sample quantiles and histogram proportions, for the window's quantiles
 * and a feature's histogram without a baseline (drift uses the binned statistics, checks/drift.ts).
 */
export { histogramProportions, quantileEdges } from '@featurescope/quality';

/** Ascending copy of a sample (the input is left untouched). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}
