/**
 * Distribution of the one-sample Kolmogorov–Smirnov statistic `D_n` for finite `n`, used for the
 * asymptotic two-sample p-value. Follows the algorithm choice of Simard & L'Ecuyer (2011) as
 * implemented by `scipy.stats.kstwo` (`scipy.stats._ksstats.kolmogn`), so p-values agree with scipy:
 * Ruben–Gambino closed forms at the extremes, the one-sided Smirnov sum (Birnbaum–Tingey) for large
 * `n x²`, the Durbin matrix (Marsaglia–Tsang–Wang) for small `n x²`, and the Pelz–Good asymptotic
 * series for large `n` in between. (Where scipy uses Pomeranz's recursion, n <= 140 and
 * 0.754693 < n x² <= 4, this uses the Durbin matrix, which is exact there too.)
 */

const SCALE_UP = 2 ** 128;
const SCALE_DOWN = 2 ** -128;
const SMIRNOV_MAX_COMPUTE_N = 1_000_000;
const LOG_2PI = Math.log(2 * Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
const MIN_LOG = -708;
const CEPHES_MIN_LOG = -708.3964185322641;

const clip01 = (p: number): number => Math.min(1, Math.max(0, p));

/** `P(D_n >= x)`: survival function of the two-sided one-sample KS statistic (`scipy.stats.kstwo.sf`). */
export function kolmogorovSurvival(n: number, x: number): number {
  if (!Number.isInteger(n) || n <= 0 || Number.isNaN(x)) return NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    return clip01(1 - rubenGambinoLowCdf(n, t));
  }
  if (t >= n - 1) return clip01(2 * (1 - x) ** n);
  if (x >= 0.5) return clip01(2 * smirnovSurvival(n, x));
  const nxx = t * x;
  if (n <= 140) {
    if (nxx <= 4) return clip01(1 - durbinMatrixCdf(n, x));
    return clip01(2 * smirnovSurvival(n, x));
  }
  if (nxx >= 370) return 0;
  if (nxx >= 2.2) return clip01(2 * smirnovSurvival(n, x));
  if (n <= 100000 && n * x ** 1.5 <= 1.4) return clip01(1 - durbinMatrixCdf(n, x));
  return clip01(1 - pelzGoodCdf(n, x));
}

/** `P(D_n <= x)` for `1/(2n) < x <= 1/n`: `n! / n^n (2nx - 1)^n`. */
function rubenGambinoLowCdf(n: number, t: number): number {
  if (n <= 140) {
    let p = 1;
    for (let i = 1; i <= n; i++) p *= i * (1 / n) * (2 * t - 1);
    return p;
  }
  return Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
}

/** `ln(n! / n^n)` by Stirling's series. */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  const r2 = rn * rn;
  // Stirling series coefficients (B_2k / (2k (2k - 1))), highest order first, as in scipy.
  const coeffs = [
    -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417,
    -0.0005952380952380953, 0.0007936507936507937, -0.002777777777777778, 0.08333333333333333,
  ];
  let poly = 0;
  for (const c of coeffs) poly = poly * r2 + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

/**
 * One-sided Smirnov survival `P(D_n^+ >= x)` (`scipy.special.smirnov`), by the Birnbaum–Tingey sum
 * `x Σ_{j=0}^{⌊n(1-x)⌋} C(n,j) (1 - x - j/n)^(n-j) (x + j/n)^(j-1)` evaluated in log space (all
 * terms are positive, so there is no cancellation); for n > 10^6, `exp(-(6nx + 1)² / (18n))` as scipy.
 */
export function smirnovSurvival(n: number, x: number): number {
  if (!Number.isInteger(n) || n <= 0 || !(x >= 0 && x <= 1)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  if (x * n <= 1) return 1 - x * (1 + x) ** (n - 1);
  if (-2 * n * x * x < CEPHES_MIN_LOG) return 0;
  if (Math.floor(n * x) >= n - 1) return (1 - x) ** n;
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    const logp = -((6 * n * x + 1) ** 2) / 18 / n;
    return logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp);
  }
  const last = Math.floor(n * (1 - x));
  let sum = 0;
  let logBinomial = 0; // ln C(n, j)
  for (let j = 0; j <= last; j++) {
    const outer = 1 - x - j / n;
    if (outer > 0) {
      const logTerm = logBinomial + (n - j) * Math.log1p(-(x + j / n)) + (j - 1) * Math.log(x + j / n);
      const term = Math.exp(logTerm);
      sum += term;
      if (term > 0 && 4 * (last - j) * term < Number.EPSILON * sum && j < last) break;
    }
    logBinomial += Math.log((n - j) / (j + 1));
  }
  return clip01(x * sum);
}

/**
 * `P(D_n <= d)` by Durbin's matrix method with Marsaglia–Tsang–Wang's scaling: the (k, k) entry of
 * `H^n` times `n! / n^n`, with `k = ceil(n d)`; exponents are carried separately to avoid overflow.
 */
export function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  let H: Float64Array = new Float64Array(m * m);
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - (i - 1)]!;
  }
  for (let r = 0; r < m; r++) H[r * m] = v[r]!;
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c]!;

  let P: Float64Array = identity(m);
  let nn = n;
  let exponent = 0;
  let hExponent = 0;
  while (nn > 0) {
    if (nn % 2 === 1) {
      P = matmul(P, H, m);
      exponent += hExponent;
    }
    H = matmul(H, H, m);
    hExponent *= 2;
    if (Math.abs(H[(k - 1) * m + (k - 1)]!) > SCALE_UP) {
      for (let i = 0; i < H.length; i++) H[i]! *= SCALE_DOWN;
      hExponent += 128;
    }
    nn = Math.floor(nn / 2);
  }
  let p = P[(k - 1) * m + (k - 1)]!;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < SCALE_DOWN) {
      p *= SCALE_UP;
      exponent -= 128;
    }
  }
  if (exponent !== 0) p *= 2 ** exponent;
  return clip01(p);
}

function identity(m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) out[i * m + i] = 1;
  return out;
}

function matmul(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < m; l++) {
      const ail = a[i * m + l]!;
      if (ail === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j]! += ail * b[l * m + j]!;
    }
  }
  return out;
}

/**
 * Pelz–Good (1976) asymptotic series for `P(D_n <= x)`: `K0(z) + K1(z)/√n + K2(z)/n + K3(z)/n^1.5`,
 * `z = x √n`, with each term in its small-z Jacobi-theta form.
 */
export function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qlog = -PI2 / 8 / z2;
  if (qlog < MIN_LOG) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qpower = q ** (8 * k);
    const c0 = 1;
    const c1 = k1a + k1b * m2;
    const c2 = k2a + k2b * m2 + k2c * m4;
    const c3 = k3a + k3b * m2 + k3c * m4 + k3d * m6;
    K[0] = K[0]! * qpower + c0;
    K[1] = K[1]! * qpower + c1;
    K[2] = K[2]! * qpower + c2;
    K[3] = K[3]! * qpower + c3;
  }
  const divisors = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i]! * q * SQRT_2PI) / divisors[i]!;

  q = Math.exp(-PI2 / 2 / z2);
  const sqrt3z = Math.sqrt(3) * z;
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxk; k > 0; k--) {
    const k2 = k * k;
    const qp = q ** k2;
    const kpi = Math.PI * k;
    k2extra += k2 * qp;
    k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qp;
  }
  K[2] = K[2]! + (k2extra * PI2 * SQRT_2PI) / (-36 * z ** 3);
  K[3] = K[3]! + (k3extra * PI2 * SQRT_2PI) / (216 * z6);
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += K[i]! / n ** (i / 2);
  return sum;
}
