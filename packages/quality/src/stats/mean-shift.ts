import { mean, sampleStd, type Sample } from './sample.js';

/**
 * Mean shift in baseline standard deviations: `(mean(current) - mean(baseline)) / std(baseline)` with
 * ddof = 1. Signed; `NaN` when the baseline has fewer than two values, `±Infinity` when it is constant.
 */
export function meanShiftSigma(baseline: Sample, current: Sample): number {
  if (baseline.length === 0 || current.length === 0) throw new RangeError('samples must not be empty');
  const diff = mean(current) - mean(baseline);
  return diff === 0 ? 0 : diff / sampleStd(baseline);
}
