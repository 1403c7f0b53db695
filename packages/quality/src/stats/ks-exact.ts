/**
 * Exact null distribution of the two-sample, two-sided Kolmogorov–Smirnov statistic: the share of
 * monotone lattice paths from (0, 0) to (m, n) that leave the band |x/m - y/n| < h / lcm(m, n)
 * (Hodges 1958), which is `P(D >= h / lcm)` under H0. Same recursions as scipy.stats.ks_2samp's
 * 'exact' method, so p-values agree to rounding.
 */

/**
 * `P(D_{n,n} >= h/n)` for equal sample sizes: `2 Σ_k (-1)^(k+1) C(2n, n - kh) / C(2n, n)`, evaluated
 * Horner-style from the innermost term (each ratio formed as a product of `h` factors) to avoid
 * the alternating sum's cancellation.
 */
export function probOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let ratio = 1;
    for (let j = 0; j < h; j++) ratio = ((n - k * h - j) * ratio) / (n + k * h + j + 1);
    p = ratio * (1 - p);
  }
  return 2 * p;
}

/**
 * `P(D_{m,n} >= h / lcm(m, n))` for unequal sizes (`g = gcd(m, n)`), by the "inside" path-counting
 * recursion rewritten to carry normalised probabilities of leaving the band (Viehmann 2021), one
 * sliding column at a time: O(m · band width) time, O(band width) memory.
 */
export function probOutsideBand(m: number, n: number, g: number, h: number): number {
  if (m < n) [m, n] = [n, m];
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const A = new Float64Array(Math.min(2 * maxj + 2, n + 1)).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj]! * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return A[maxj - minj - 1]!;
}
