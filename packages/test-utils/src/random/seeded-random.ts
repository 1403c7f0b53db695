/**
 * The one seeded PRNG of the tests and benchmarks: SplitMix32 spreads the seed over the state of
 * xoshiro128**, doubles carry 53 random bits, plus the samplers the statistical tests need. Equal
 * seeds give equal streams on every platform. Not cryptographic.
 */

/** A source of uniform numbers in [0, 1). */
export interface Random {
  /** Next uniform double in [0, 1). */
  next(): number;
  /** Next uniform integer in [0, bound). */
  nextInt(bound: number): number;
}

export class SeededRandom implements Random {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;
  #spare = NaN;

  /** @param seed any finite number (truncated to 32 bits); equal seeds give equal streams. */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new TypeError(`SeededRandom: seed must be a finite number, got ${String(seed)}`);
    let x = Math.trunc(seed) >>> 0;
    const next = (): number => {
      // SplitMix32 spreads a small seed over the whole state (xoshiro must not start at all zeros).
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#s0 = next();
    this.#s1 = next();
    this.#s2 = next();
    this.#s3 = next();
  }

  /** Next 32-bit unsigned integer (xoshiro128**). */
  nextUint32(): number {
    const s0 = this.#s0;
    const s1 = this.#s1;
    const s2 = this.#s2;
    const s3 = this.#s3;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.#s2 = s2 ^ s0;
    this.#s3 = s3 ^ s1;
    this.#s1 = s1 ^ this.#s2;
    this.#s0 = s0 ^ this.#s3;
    this.#s2 ^= t;
    this.#s3 = rotl(this.#s3, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, bound). */
  nextInt(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  /** Uniform double in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Normal deviate (Marsaglia's polar method; the second deviate of each pair is kept for the next call). */
  normal(mean = 0, sd = 1): number {
    if (!Number.isNaN(this.#spare)) {
      const z = this.#spare;
      this.#spare = NaN;
      return mean + sd * z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.#spare = v * f;
    return mean + sd * u * f;
  }

  /** Exponential deviate with the given mean (scale). */
  exponential(scale = 1): number {
    return -scale * Math.log1p(-this.next());
  }

  /** Log-normal deviate: `exp(normal(mu, sigma))`. */
  lognormal(mu = 0, sigma = 1): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** Pareto (type I) deviate with shape `a` and minimum `scale`: heavy right tail for small `a`. */
  pareto(a: number, scale = 1): number {
    return scale / (1 - this.next()) ** (1 / a);
  }

  /** `n` values drawn by `draw` into a new Float64Array. */
  sample(n: number, draw: (rng: SeededRandom) => number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = draw(this);
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Derives independent seeds for sub-streams (per worker, per repetition) from one base seed. */
export function deriveSeed(base: number, ...parts: readonly number[]): number {
  let h = Math.trunc(base) >>> 0;
  for (const part of parts) {
    h = Math.imul(h ^ (Math.trunc(part) >>> 0), 0x9e3779b1) >>> 0;
    h = (h ^ (h >>> 15)) >>> 0;
    h = Math.imul(h, 0x85ebca77) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
  }
  return h;
}
