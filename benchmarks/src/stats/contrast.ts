import { mean, variance } from './descriptive.js';
import { studentTQuantile } from './student-t.js';

/** One independent sample in a linear combination of means. */
export interface ContrastTerm {
  readonly coefficient: number;
  readonly values: readonly number[];
}

/** Σ cₖ·mean(xₖ) + constant, with a t interval (Welch–Satterthwaite degrees of freedom). */
export interface ContrastEstimate {
  readonly estimate: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly df: number;
  readonly confidence: number;
}

/**
 * Estimates a linear combination of independent sample means plus a constant, e.g. a goal's margin
 * `0.97·mean(raw) − mean(metrics)` or `0.25·(upstream − raw) − (traces+driver − upstream)`. Its
 * standard error is √Σ cₖ²sₖ²/nₖ and its degrees of freedom the Welch–Satterthwaite
 * approximation (Σ vₖ)² / Σ vₖ²/(nₖ − 1), vₖ = cₖ²sₖ²/nₖ; with two terms (+1, −1) this is exactly
 * Welch's interval of a difference. Each sample needs two values for an interval (else NaN bounds).
 */
export function linearContrast(terms: readonly ContrastTerm[], constant = 0, confidence = 0.95): ContrastEstimate {
  let estimate = constant;
  let se2 = 0;
  let denominator = 0;
  let intervalPossible = true;
  for (const { coefficient, values } of terms) {
    estimate += coefficient * mean(values);
    if (coefficient === 0) continue;
    if (values.length < 2) {
      intervalPossible = false;
      continue;
    }
    const v = (coefficient * coefficient * variance(values)) / values.length;
    se2 += v;
    denominator += (v * v) / (values.length - 1);
  }
  if (!intervalPossible) return { estimate, ciLow: Number.NaN, ciHigh: Number.NaN, df: Number.NaN, confidence };
  if (se2 === 0) return { estimate, ciLow: estimate, ciHigh: estimate, df: Number.POSITIVE_INFINITY, confidence };
  const df = (se2 * se2) / denominator;
  const half = studentTQuantile(1 - (1 - confidence) / 2, df) * Math.sqrt(se2);
  return { estimate, ciLow: estimate - half, ciHigh: estimate + half, df, confidence };
}
