import type { EmpiricalCdf } from '../baseline/empirical-cdf.js';

/**
 * The hot-path half of the probability-integral transform: the bin floor(F(x)·B) of a value.
 * A binary search over the B − 1 precomputed edges settles every value strictly between two edges;
 * only a value equal to an edge (it may sit on a CDF jump) is ranked with the full table, its tie
 * broken by a xorshift32 stream (not cryptographic; seedable for tests).
 * Memory: 8 × (B − 1) bytes of edges plus the shared table.
 */
export class RankBinner {
  readonly edges: Float64Array;
  readonly bins: number;
  #state: number;

  constructor(
    readonly cdf: EmpiricalCdf,
    bins: number,
    seed = 0x9e3779b9,
  ) {
    this.bins = bins;
    this.edges = cdf.binEdges(bins);
    this.#state = seed >>> 0 || 1;
  }

  /** Bin index in [0, B) of a finite value. */
  binOf(value: number): number {
    const edges = this.edges;
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo < edges.length && edges[lo] === value) return this.#rankedBin(value);
    return lo;
  }

  #rankedBin(value: number): number {
    const u = this.cdf.transform(value, this.#random());
    const bin = Math.floor(u * this.bins);
    return bin < this.bins ? bin : this.bins - 1;
  }

  /** Uniform in [0, 1) from xorshift32. */
  #random(): number {
    let x = this.#state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.#state = x >>> 0;
    return this.#state / 4294967296;
  }
}
