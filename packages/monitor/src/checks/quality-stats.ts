/**
 * The data-quality engine's exact sample statistics, the only statistics code the monitor uses
 * (so its drift scores and states equal the engine's for the same samples).
 */
export { histogramProportions, quantileEdges } from '@featurescope/quality';

/** Ascending copy of a sample (the input is left untouched). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}
