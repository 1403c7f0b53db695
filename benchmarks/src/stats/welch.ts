import { mean, variance } from './descriptive.js';
import { studentTQuantile, studentTTwoSidedP } from './student-t.js';

/** Welch's unequal-variance t-test of mean(b) − mean(a), with a confidence interval for that difference. */
export interface WelchResult {
  /** mean(b) − mean(a). */
  readonly difference: number;
  readonly t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  readonly df: number;
  /** Two-sided p-value. */
  readonly p: number;
  /** Confidence interval of the difference at `confidence`. */
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly confidence: number;
}

/**
 * Compares two independent samples (repetition means of a baseline `a` and a variant `b`).
 * Needs at least two values in each; returns NaNs otherwise. When both variances are zero the
 * difference is exact: p is 0 (or 1 for equal means) and the interval collapses to a point.
 * @param confidence level of the interval. @default 0.95
 */
export function welchTTest(a: readonly number[], b: readonly number[], confidence = 0.95): WelchResult {
  const difference = mean(b) - mean(a);
  if (a.length < 2 || b.length < 2) {
    return { difference, t: Number.NaN, df: Number.NaN, p: Number.NaN, ciLow: Number.NaN, ciHigh: Number.NaN, confidence };
  }
  const va = variance(a) / a.length;
  const vb = variance(b) / b.length;
  const se2 = va + vb;
  if (se2 === 0) {
    return { difference, t: difference === 0 ? 0 : Math.sign(difference) * Infinity, df: a.length + b.length - 2, p: difference === 0 ? 1 : 0, ciLow: difference, ciHigh: difference, confidence };
  }
  const se = Math.sqrt(se2);
  const t = difference / se;
  const df = (se2 * se2) / ((va * va) / (a.length - 1) + (vb * vb) / (b.length - 1));
  const p = studentTTwoSidedP(t, df);
  const half = studentTQuantile(1 - (1 - confidence) / 2, df) * se;
  return { difference, t, df, p, ciLow: difference - half, ciHigh: difference + half, confidence };
}

/** Mean and its t-based confidence interval for one sample. */
export function meanConfidenceInterval(values: readonly number[], confidence = 0.95): { mean: number; low: number; high: number } {
  const m = mean(values);
  if (values.length < 2) return { mean: m, low: Number.NaN, high: Number.NaN };
  const half = studentTQuantile(1 - (1 - confidence) / 2, values.length - 1) * Math.sqrt(variance(values) / values.length);
  return { mean: m, low: m - half, high: m + half };
}
