/** Options of {@link psi}. */
export interface PsiOptions {
  /**
   * Proportions below this are raised to it before the formula (clipping, not renormalising), so an
   * empty bin gives a large finite term instead of infinity. Same as `np.clip(p, 1e-4, None)`.
   * @default 1e-4
   */
  epsilon?: number;
}

/** Default PSI clipping floor. */
export const DEFAULT_PSI_EPSILON = 1e-4;

/**
 * Population Stability Index of `actual` bin proportions against `expected` (baseline) ones:
 * `Σ (a_k - e_k) ln(a_k / e_k)` over proportions clipped from below at `epsilon`. Symmetric in its
 * arguments; 0 for identical distributions. Conventional reading: < 0.1 stable, 0.1–0.2 moderate
 * shift, >= 0.2 significant shift.
 */
export function psi(expected: ArrayLike<number>, actual: ArrayLike<number>, options: PsiOptions = {}): number {
  const epsilon = options.epsilon ?? DEFAULT_PSI_EPSILON;
  if (!(epsilon > 0)) throw new RangeError(`epsilon must be > 0, got ${epsilon}`);
  if (expected.length !== actual.length || expected.length === 0) {
    throw new RangeError(`proportion arrays must be non-empty and equally long (${expected.length} vs ${actual.length})`);
  }
  let sum = 0;
  for (let k = 0; k < expected.length; k++) {
    const e = Math.max(expected[k]!, epsilon);
    const a = Math.max(actual[k]!, epsilon);
    sum += (a - e) * Math.log(a / e);
  }
  return sum;
}
