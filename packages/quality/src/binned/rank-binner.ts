import type { EmpiricalCdf } from '../baseline/empirical-cdf.js';

/**
 * The hot-path half of the probability-integral transform: the bin floor(F(x)·B) of a value.
 * A binary search over the B − 1 precomputed edges settles every value strictly between two edges;
 * only a value equal to an edge (it may sit on a CDF jump) is ranked with the full table, its tie
 * broken by a xorshift32 stream (not cryptographic; seedable for tests). The binner keeps only
 * the edges and the CDF jump at each edge, never the table: 8 × (4B − 3) bytes (~600 B at B = 20).
 */
export class RankBinner {
  readonly edges: Float64Array;
  readonly bins: number;
  /** The edges padded with +Infinity to 2^k − 1 entries, for a branch-free search. */
  readonly #padded: Float64Array;
  readonly #top: number;
  /** F just before and just after each edge value (equal unless the edge sits on a CDF jump). */
  readonly #tieLow: Float64Array;
  readonly #tieHigh: Float64Array;
  #state: number;

  constructor(cdf: EmpiricalCdf, bins: number, seed = 0x9e3779b9) {
    this.bins = bins;
    this.edges = cdf.binEdges(bins);
    this.#tieLow = new Float64Array(this.edges.length);
    this.#tieHigh = new Float64Array(this.edges.length);
    this.edges.forEach((edge, k) => {
      this.#tieLow[k] = cdf.transform(edge, 0);
      this.#tieHigh[k] = cdf.transform(edge, 1);
    });
    let size = 1;
    while (size - 1 < this.edges.length) size *= 2;
    this.#padded = new Float64Array(size - 1).fill(Infinity);
    this.#padded.set(this.edges);
    this.#top = size >>> 1;
    this.#state = seed >>> 0 || 1;
  }

  /** Bin index in [0, B) of a finite value. */
  binOf(value: number): number {
    const edges = this.#padded;
    // Count of edges below the value, by halving steps of a power of two (no unpredictable branch).
    let lo = 0;
    for (let step = this.#top; step > 0; step >>>= 1) lo += edges[lo + step - 1]! < value ? step : 0;
    if (edges[lo] === value) return this.rankTie(lo);
    return lo;
  }

  /**
   * The bin of a value equal to edge k (0-based): ranked uniformly inside F's jump there, the
   * transform's tie rule. Used for values binned elsewhere (a database) that landed on an edge.
   */
  rankTie(k: number): number {
    const low = this.#tieLow[k]!;
    const u = low + this.#random() * (this.#tieHigh[k]! - low);
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
