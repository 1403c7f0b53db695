/**
 * Running mean direction of a collection's vectors: each vector is scaled to unit length before
 * it is summed, because the stores rank by cosine similarity (scale does not matter to them).
 * Memory: 8 × dimension bytes.
 */
export class CentroidAccumulator {
  readonly sum: Float64Array;
  count = 0;

  constructor(readonly dimension: number) {
    this.sum = new Float64Array(dimension);
  }

  /** Adds a vector whose squared norm is already known (> 0). */
  add(vector: ArrayLike<number>, squaredNorm: number): void {
    const scale = 1 / Math.sqrt(squaredNorm);
    const sum = this.sum;
    for (let i = 0; i < sum.length; i++) sum[i]! += vector[i]! * scale;
    this.count++;
  }

  merge(other: CentroidAccumulator): void {
    for (let i = 0; i < this.sum.length; i++) this.sum[i]! += other.sum[i]!;
    this.count += other.count;
  }

  clear(): void {
    this.sum.fill(0);
    this.count = 0;
  }

  /** The mean of the unit vectors (not re-normalised: its length shows how spread they are). */
  mean(): Float64Array {
    const mean = new Float64Array(this.dimension);
    if (this.count > 0) for (let i = 0; i < mean.length; i++) mean[i] = this.sum[i]! / this.count;
    return mean;
  }
}

/** 1 − cosine similarity, in [0, 2]; NaN when either vector is zero (no direction to compare). */
export function cosineDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  if (na === 0 || nb === 0) return Number.NaN;
  return Math.min(2, Math.max(0, 1 - dot / Math.sqrt(na * nb)));
}
