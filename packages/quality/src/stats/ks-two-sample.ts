import { kolmogorovSurvival } from './kolmogorov.js';
import { probOutsideBand, probOutsideSquare } from './ks-exact.js';
import { assertFiniteSample, sortedCopy, type Sample } from './sample.js';

/** How the KS p-value is computed. */
export type KsMethod = 'auto' | 'exact' | 'asymp';

/** Options of {@link ksTwoSample}. */
export interface KsOptions {
  /**
   * `'auto'` is exact when both samples have at most {@link KS_MAX_AUTO_EXACT_N} values, asymptotic
   * otherwise (scipy's rule); `'exact'` falls back to asymptotic if the exact sum is not a probability.
   * @default 'auto'
   */
  method?: KsMethod;
}

/** Result of {@link ksTwoSample}. */
export interface KsResult {
  /** `D = sup |F_a(x) - F_b(x)|` of the two empirical CDFs, in [0, 1]. */
  readonly statistic: number;
  /** Two-sided p-value of H0 "same continuous distribution". */
  readonly pValue: number;
  /** The method that produced `pValue`. */
  readonly method: 'exact' | 'asymp';
}

/** Largest sample size for which `method: 'auto'` computes the exact p-value (scipy's `MAX_AUTO_N`). */
export const KS_MAX_AUTO_EXACT_N = 10000;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Rounds half to even, like `numpy.round`. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Two-sample, two-sided Kolmogorov–Smirnov test, matching `scipy.stats.ks_2samp(a, b)` (default
 * `method='auto'`): exact p-value when max(n_a, n_b) <= 10,000 — counting lattice paths,
 * {@link probOutsideSquare} for equal sizes, {@link probOutsideBand} otherwise — else the asymptotic
 * `kstwo.sf(D, round(n_a n_b / (n_a + n_b)))`. Ties are handled as scipy does (ECDFs right-continuous).
 * O((n_a + n_b) log) for the statistic; the exact p-value costs O(n) for equal sizes and
 * O(max(n) · band) otherwise. Throws RangeError on an empty sample or a non-finite value.
 */
export function ksTwoSample(a: Sample, b: Sample, options: KsOptions = {}): KsResult {
  assertFiniteSample(a, 'a');
  assertFiniteSample(b, 'b');
  const x = sortedCopy(a);
  const y = sortedCopy(b);
  const n1 = x.length;
  const n2 = y.length;
  // Integer form of F_a - F_b scaled by n1 n2: exact comparisons, no rounding in the maximum.
  let maxDiff = 0;
  let minDiff = 0;
  let i = 0;
  let j = 0;
  let maxAt = [0, 0];
  let minAt = [0, 0];
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && x[i]! <= y[j]!) ? x[i]! : y[j]!;
    while (i < n1 && x[i] === v) i++;
    while (j < n2 && y[j] === v) j++;
    const diff = i * n2 - j * n1;
    if (diff > maxDiff) {
      maxDiff = diff;
      maxAt = [i, j];
    }
    if (diff < minDiff) {
      minDiff = diff;
      minAt = [i, j];
    }
  }
  const useMin = -minDiff > maxDiff;
  const h0 = useMin ? -minDiff : maxDiff;
  const at = useMin ? minAt : maxAt;
  // scipy's float value of the statistic at the same location
  let d = Math.abs(at[0]! / n1 - at[1]! / n2);
  let method: 'exact' | 'asymp' = (options.method ?? 'auto') === 'asymp' ? 'asymp' : 'exact';
  if ((options.method ?? 'auto') === 'auto' && Math.max(n1, n2) > KS_MAX_AUTO_EXACT_N) method = 'asymp';
  const g = gcd(n1, n2);
  if (method === 'exact' && n1 / g >= 2147483647 / (n2 / g)) method = 'asymp';
  let p = NaN;
  if (method === 'exact') {
    const lcm = (n1 / g) * n2;
    const h = h0 / g;
    d = h / lcm;
    if (h === 0) return { statistic: d, pValue: 1, method };
    p = n1 === n2 ? probOutsideSquare(n1, h) : probOutsideBand(n1, n2, g, h);
    if (!(p >= 0 && p <= 1)) method = 'asymp';
  }
  if (method === 'asymp') {
    const en = (n1 * n2) / (n1 + n2);
    p = kolmogorovSurvival(roundHalfEven(en), d);
  }
  return { statistic: d, pValue: Math.min(1, Math.max(0, p)), method };
}

/**
 * Asymptotic two-sided KS p-value for a statistic `d` between samples of sizes `n1` and `n2`
 * (`kstwo.sf(d, round(n1 n2 / (n1 + n2)))`), for when only the statistic and sizes are known (sketches).
 */
export function ksAsymptoticPValue(d: number, n1: number, n2: number): number {
  if (!(n1 > 0 && n2 > 0)) return NaN;
  return kolmogorovSurvival(Math.max(1, roundHalfEven((n1 * n2) / (n1 + n2))), d);
}
