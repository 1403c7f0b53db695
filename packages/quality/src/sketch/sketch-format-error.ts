import { FeatureStoreError } from '@featurescope/core';

/** A serialized sketch or moments document that cannot be read back; nothing was loaded. */
export class SketchFormatError extends FeatureStoreError {
  static override readonly kind: string = 'SketchFormatError';
  override readonly name: string = 'SketchFormatError';
  constructor(
    /** The offending field, e.g. `positive.bins[3]`. */
    readonly field: string,
    reason: string,
  ) {
    super(`Invalid serialized sketch at ${field}: ${reason}`);
  }
}
