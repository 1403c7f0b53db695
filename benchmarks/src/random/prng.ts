/**
 * A small seeded PRNG (SplitMix32 to spread the seed, then xoshiro128**), so every workload
 * is reproducible from one integer seed. Not cryptographic; fast and statistically good enough.
 */

/** A source of uniform numbers in [0, 1). */
export interface Random {
  /** Next uniform float in [0, 1). */
  next(): number;
  /** Next uniform integer in [0, bound). */
  nextInt(bound: number): number;
}

function splitMix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** xoshiro128** seeded through SplitMix32. */
export class SeededRandom implements Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /** @param seed any integer; equal seeds give equal sequences. */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new TypeError(`SeededRandom: seed must be a finite number, got ${String(seed)}`);
    const mix = splitMix32(Math.trunc(seed) >>> 0);
    this.#a = mix();
    this.#b = mix();
    this.#c = mix();
    this.#d = mix();
    // The all-zero state is a fixed point of xoshiro; SplitMix never yields four zeros, but be safe.
    if ((this.#a | this.#b | this.#c | this.#d) === 0) this.#a = 1;
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.#b, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.#b << 9) >>> 0;
    this.#c ^= this.#a;
    this.#d ^= this.#b;
    this.#b ^= this.#c;
    this.#a ^= this.#d;
    this.#c ^= t;
    this.#d = rotl(this.#d >>> 0, 11);
    this.#a >>>= 0;
    this.#b >>>= 0;
    this.#c >>>= 0;
    return result;
  }

  next(): number {
    return this.nextUint32() / 4294967296;
  }

  nextInt(bound: number): number {
    return Math.floor(this.next() * bound);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
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
