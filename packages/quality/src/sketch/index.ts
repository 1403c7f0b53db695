export { ORDER_SHIFT, QuantileSketch, SCALAR_STATE_BYTES } from './quantile-sketch.js';
export type { QuantileSketchOptions, SerializedQuantileSketch, SerializedStore, SketchBucket } from './quantile-sketch.js';
export { LogIndexMapping } from './log-index-mapping.js';
export { binOf, proportionBoundsForEdges, proportionsForEdges, sketchCdf, sketchQuantileEdges } from './sketch-cdf.js';
export type { ProportionBounds } from './sketch-cdf.js';
export { RunningMoments } from './running-moments.js';
export type { SerializedRunningMoments } from './running-moments.js';
export { SketchFormatError } from './sketch-format-error.js';
