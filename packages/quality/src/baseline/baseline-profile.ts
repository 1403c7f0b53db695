import { sketchQuantileEdges, type QuantileSketch, type RunningMoments } from '../sketch/index.js';

/**
 * The reference distribution of one (group, feature, source), frozen when a baseline is captured
 * or loaded. PSI and Jensen–Shannon bins are the baseline's equal-mass bins, placed on sketch
 * bucket boundaries so a window sketch's proportions for them are exact (see sketch-cdf.ts).
 * Memory: one sketch (2,896 B) + 40 B of moments + 8 × (bins + 1) B of edges.
 */
export class BaselineProfile {
  readonly edges: Float64Array;

  constructor(
    readonly moments: RunningMoments,
    readonly sketch: QuantileSketch,
    /** Nulls and all values seen while the baseline was captured (the null rate of the reference). */
    readonly nulls: number,
    readonly values: number,
    bins: number,
  ) {
    this.edges = sketchQuantileEdges(sketch, bins);
  }
}
