import { describe, expect, it } from 'vitest';
import { logGamma, regularizedIncompleteBeta } from '../src/stats/incomplete-beta.js';
import { studentTCdf, studentTQuantile, studentTTwoSidedP } from '../src/stats/student-t.js';
import { meanConfidenceInterval, welchTTest } from '../src/stats/welch.js';
import { median, quantileOfSorted } from '../src/stats/descriptive.js';

/** I_x(a, b) for integer a, b is a binomial tail: Σ_{j=a}^{a+b−1} C(a+b−1, j) x^j (1−x)^{a+b−1−j}. */
function binomialTail(x: number, a: number, b: number): number {
  const n = a + b - 1;
  let total = 0;
  let choose = 1;
  for (let j = 0; j <= n; j++) {
    if (j > 0) choose = (choose * (n - j + 1)) / j;
    if (j >= a) total += choose * x ** j * (1 - x) ** (n - j);
  }
  return total;
}

describe('logGamma', () => {
  it('matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 11);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 11);
  });
});

describe('regularizedIncompleteBeta', () => {
  it('matches the closed forms for a or b equal to 1', () => {
    for (const x of [0.01, 0.3, 0.5, 0.77, 0.99]) {
      expect(regularizedIncompleteBeta(x, 1, 1)).toBeCloseTo(x, 13);
      expect(regularizedIncompleteBeta(x, 3.5, 1)).toBeCloseTo(x ** 3.5, 13);
      expect(regularizedIncompleteBeta(x, 1, 4.25)).toBeCloseTo(1 - (1 - x) ** 4.25, 13);
    }
  });

  it('matches the binomial tail for integer parameters, on both sides of the symmetry switch', () => {
    for (const [a, b] of [[2, 3], [5, 5], [10, 2], [30, 40]] as const) {
      for (const x of [0.05, 0.2, 0.45, 0.6, 0.9]) {
        expect(regularizedIncompleteBeta(x, a, b)).toBeCloseTo(binomialTail(x, a, b), 12);
      }
    }
  });

  it('is symmetric: I_0.5(a, a) = 0.5 and I_x(a, b) = 1 − I_{1−x}(b, a)', () => {
    expect(regularizedIncompleteBeta(0.5, 7.3, 7.3)).toBeCloseTo(0.5, 13);
    expect(regularizedIncompleteBeta(0.3, 2.5, 0.5) + regularizedIncompleteBeta(0.7, 0.5, 2.5)).toBeCloseTo(1, 13);
  });

  it('matches scipy.special.betainc reference values', () => {
    // Computed with scipy 1.17.1: betainc(a, b, x).
    expect(regularizedIncompleteBeta(0.3, 2.5, 0.5)).toBeCloseTo(0.018927124071945658, 12);
    expect(regularizedIncompleteBeta(0.45, 30, 40)).toBeCloseTo(0.6447480085585666, 12);
    expect(regularizedIncompleteBeta(0.01, 0.5, 0.5)).toBeCloseTo(0.06376856085851985, 12);
  });

  it('rejects parameters outside its domain', () => {
    expect(() => regularizedIncompleteBeta(1.5, 1, 1)).toThrow(RangeError);
    expect(() => regularizedIncompleteBeta(0.5, 0, 1)).toThrow(RangeError);
  });
});

describe('Student t distribution', () => {
  it('matches the Cauchy closed form at df = 1 and the df = 2 closed form', () => {
    for (const t of [0.3, 1, 2.5, 12.706]) {
      expect(studentTTwoSidedP(t, 1)).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(t), 12);
      expect(studentTTwoSidedP(t, 2)).toBeCloseTo(1 - t / Math.sqrt(2 + t * t), 12);
    }
  });

  it('matches the df = 4 closed form of the CDF', () => {
    for (const t of [-3, -0.5, 0.8, 2.2]) {
      const s = 1 + (t * t) / 4;
      const expected = 0.5 + (3 / 8) * (t / Math.sqrt(s)) * (1 - (t * t) / (12 * s));
      expect(studentTCdf(t, 4)).toBeCloseTo(expected, 12);
    }
  });

  it('reproduces the textbook critical values (two-sided 5 %)', () => {
    expect(studentTQuantile(0.975, 5)).toBeCloseTo(2.570581836, 8);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138852, 8);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042272456, 8);
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5);
    expect(studentTTwoSidedP(2.228138852, 10)).toBeCloseTo(0.05, 9);
  });

  it('matches scipy.stats.t reference values, including fractional df', () => {
    // Computed with scipy 1.17.1: 2 * t.sf(t, df) and t.ppf(p, df).
    expect(studentTTwoSidedP(2.5, 7)).toBeCloseTo(0.04099221858575289, 12);
    expect(studentTTwoSidedP(0.7, 3.3)).toBeCloseTo(0.5300880793232582, 12);
    expect(studentTTwoSidedP(-4.2, 12.75)).toBeCloseTo(0.0010830060717682893, 12);
    expect(studentTQuantile(0.975, 5.882352941176471)).toBeCloseTo(2.458823709699146, 8);
    expect(studentTQuantile(0.995, 2.5)).toBeCloseTo(7.163728138948783, 7);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228138852, 8);
  });
});

describe('welchTTest', () => {
  it('matches scipy.stats.ttest_ind(equal_var=False)', () => {
    // scipy: ttest_ind([1..5], [2,4,..,10], equal_var=False) → t = -1.897…, p = 0.10753…, df = 5.882…
    // Our difference is b − a, so t has the opposite sign.
    const result = welchTTest([2, 4, 6, 8, 10], [1, 2, 3, 4, 5]);
    expect(result.difference).toBe(-3);
    expect(result.t).toBeCloseTo(-1.8973665961010275, 12);
    expect(result.df).toBeCloseTo(5.882352941176471, 12);
    expect(result.p).toBeCloseTo(0.10753119493062728, 10);
    const half = 2.458823709699146 * Math.sqrt(2.5);
    expect(result.ciLow).toBeCloseTo(-3 - half, 7);
    expect(result.ciHigh).toBeCloseTo(-3 + half, 7);
  });

  it('handles zero variance and too-small samples without inventing precision', () => {
    expect(welchTTest([1, 1], [2, 2]).p).toBe(0);
    expect(welchTTest([1, 1], [1, 1]).p).toBe(1);
    expect(Number.isNaN(welchTTest([1], [2, 3]).p)).toBe(true);
  });

  it('gives a one-sample interval from the t quantile', () => {
    const ci = meanConfidenceInterval([1, 2, 3, 4, 5]);
    const half = 2.7764451051977987 * Math.sqrt(2.5 / 5);
    expect(ci.mean).toBe(3);
    expect(ci.low).toBeCloseTo(3 - half, 7);
    expect(ci.high).toBeCloseTo(3 + half, 7);
  });
});

describe('descriptive statistics', () => {
  it('computes nearest-rank quantiles and medians', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantileOfSorted(sorted, 0.5)).toBe(50);
    expect(quantileOfSorted(sorted, 0.99)).toBe(99);
    expect(quantileOfSorted(sorted, 1)).toBe(100);
    expect(quantileOfSorted(sorted, 0)).toBe(1);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
