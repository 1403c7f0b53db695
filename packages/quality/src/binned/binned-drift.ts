/**
 * Drift statistics of one window of baseline-rank bin counts, as defined once for the library, the
 * Prometheus rules and the collector connector in testdata/binned-drift/README.md (and checked
 * against its scipy vectors to 1e-9). Bin i holds the values whose rank u = F_baseline(x) fell in
 * [i/B, (i+1)/B): under no drift every bin expects 1/B of the window.
 */
import { chiSquareQuantile, chiSquareSurvival } from '../stats/chi-square.js';

/** Numeric drift states, as in `featurescope.drift.state` and the span event. */
export const STATE_OK = 0;
export const STATE_WARN = 1;
export const STATE_DRIFT = 2;
export const STATE_INSUFFICIENT = 3;
export const STATE_NAMES = ['ok', 'warn', 'drift', 'insufficient'] as const;
export type BinnedDriftState = (typeof STATE_NAMES)[number];

/** The decision rule: significant (chi-square p < alpha) AND material (PSI ≥ psiDrift). */
export interface BinnedDriftRule {
  /** Significance level of the chi-square test. @default 0.01 */
  readonly alpha: number;
  /** PSI at or above which a significant difference is `drift`. @default 0.1 */
  readonly psiDrift: number;
  /** PSI at or above which a significant difference is `warn`. @default 0.05 */
  readonly psiWarn: number;
  /** Fewest values in the window for any verdict; fewer is `insufficient`. @default 5 × bins */
  readonly minCount?: number;
}

export const DEFAULT_BINNED_RULE: Readonly<Required<Omit<BinnedDriftRule, 'minCount'>>> = Object.freeze({ alpha: 0.01, psiDrift: 0.1, psiWarn: 0.05 });

/** Statistics of one window (all finite for any counts with n > 0). */
export interface BinnedDrift {
  readonly bins: number;
  /** Values in the window (Σ counts) and in the baseline. */
  readonly count: number;
  readonly baselineCount: number;
  /** PSI with add-½ smoothing: Σ (p_i − 1/B) ln(p_i B), p_i = (c_i + ½)/(n + B/2). */
  readonly psi: number;
  /** Jensen–Shannon distance (base 2) of the window's bin shares to the uniform shares. */
  readonly jsDistance: number;
  /** 2 × B homogeneity chi-square against the baseline (its N/B per bin), no continuity correction. */
  readonly chiSquare: number;
  readonly chiSquareDf: number;
  readonly chiSquarePValue: number;
  /** max_k |C_k/n − k/B|: the exact KS statistic lies in [ksBinned, ksBinned + 1/B]. */
  readonly ksBinned: number;
  /** 0 ok, 1 warn, 2 drift, 3 insufficient. */
  readonly state: number;
}

/** `chi2.ppf(1 − alpha, df)`, memoised: what PromQL compares the statistic with. */
const criticalCache = new Map<string, number>();
export function chiSquareCritical(alpha: number, df: number): number {
  const key = `${alpha}:${df}`;
  let value = criticalCache.get(key);
  if (value === undefined) {
    value = chiSquareQuantile(1 - alpha, df);
    criticalCache.set(key, value);
  }
  return value;
}

/**
 * Computes every statistic of the contract from bin counts (any non-negative numbers; a window is
 * usually the difference of two cumulative snapshots). `baselineCount` is the baseline's N.
 */
export function binnedDrift(counts: ArrayLike<number>, baselineCount: number, rule: BinnedDriftRule = DEFAULT_BINNED_RULE): BinnedDrift {
  const b = counts.length;
  if (b < 2) throw new RangeError(`binned drift needs at least 2 bins, got ${b}`);
  if (!(baselineCount > 0)) throw new RangeError(`baselineCount must be positive, got ${baselineCount}`);
  let n = 0;
  for (let i = 0; i < b; i++) n += counts[i]!;
  const share = 1 / b;
  const expected = baselineCount / b;
  let psi = 0;
  let chi = 0;
  let js = 0;
  let ks = 0;
  let cumulative = 0;
  const smoothedTotal = n + 0.5 * b;
  for (let i = 0; i < b; i++) {
    const c = counts[i]!;
    const p = (c + 0.5) / smoothedTotal;
    psi += (p - share) * Math.log(p * b);
    if (n > 0) {
      const d = c - n * share;
      chi += (d * d) / (c + expected);
      // JS divergence to the uniform: ½ Σ p ln(p/m) + ½ Σ q ln(q/m), m = (p + q)/2, in bits.
      const pi = c / n;
      const m = (pi + share) / 2;
      if (pi > 0) js += 0.5 * pi * Math.log2(pi / m);
      js += 0.5 * share * Math.log2(share / m);
    }
    if (i < b - 1) {
      cumulative += c;
      if (n > 0) ks = Math.max(ks, Math.abs(cumulative / n - (i + 1) * share));
    }
  }
  const chiSquare = n > 0 ? (baselineCount / n) * chi : 0;
  const pValue = chiSquareSurvival(chiSquare, b - 1);
  return {
    bins: b,
    count: n,
    baselineCount,
    psi,
    jsDistance: Math.sqrt(Math.max(0, js)),
    chiSquare,
    chiSquareDf: b - 1,
    chiSquarePValue: pValue,
    ksBinned: ks,
    state: decide(n, psi, pValue, rule, b),
  };
}

function decide(n: number, psi: number, pValue: number, rule: BinnedDriftRule, bins: number): number {
  if (n < (rule.minCount ?? 5 * bins)) return STATE_INSUFFICIENT;
  if (pValue < rule.alpha && psi >= rule.psiDrift) return STATE_DRIFT;
  if (pValue < rule.alpha && psi >= rule.psiWarn) return STATE_WARN;
  return STATE_OK;
}
