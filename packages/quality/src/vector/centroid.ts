/**
 * Running mean direction of a collection's vectors: each vector is scaled to unit length before
 * it is summed, because the stores rank by cosine similarity (scale does not matter to them).
 * Memory: 8 × dimension bytes.
 */
export class CentroidAccumulator {
  readonly sum: Float64Array;
  count = 0;
  /** Σ norm and Σ norm² of the vectors added (the artifact's norm reference). */
  normSum = 0;
  normSquares = 0;

  constructor(readonly dimension: number) {
    this.sum = new Float64Array(dimension);
  }

  /** Adds a vector whose squared norm is already known (> 0). */
  add(vector: ArrayLike<number>, squaredNorm: number): void {
    const norm = Math.sqrt(squaredNorm);
    const scale = 1 / norm;
    this.normSum += norm;
    this.normSquares += squaredNorm;
    const sum = this.sum;
    for (let i = 0; i < sum.length; i++) sum[i]! += vector[i]! * scale;
    this.count++;
  }

  merge(other: CentroidAccumulator): void {
    for (let i = 0; i < this.sum.length; i++) this.sum[i]! += other.sum[i]!;
    this.count += other.count;
    this.normSum += other.normSum;
    this.normSquares += other.normSquares;
  }

  clear(): void {
    this.sum.fill(0);
    this.count = 0;
    this.normSum = 0;
    this.normSquares = 0;
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

/**
 * Centroid shift of a window against the baseline, in units of its own sampling noise:
 * ‖m_w − m_b‖² / (spread · (1/n + 1/N)), spread = 1 − ‖m_b‖² (the trace of the unit vectors'
 * covariance). Its expectation is 1 when nothing moved (random embeddings included), whatever the
 * dimension; a real shift grows it with n. NaN when the baseline has no spread (all one direction).
 */
export function centroidShift(window: ArrayLike<number>, n: number, baseline: ArrayLike<number>, baselineCount: number, spread: number): number {
  let squared = 0;
  for (let i = 0; i < window.length; i++) {
    const d = window[i]! - baseline[i]!;
    squared += d * d;
  }
  const noise = spread * (1 / n + 1 / baselineCount);
  return noise > 0 ? squared / noise : Number.NaN;
}
