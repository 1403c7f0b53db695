import { FeatureStoreError } from '@featurescope/core';

/**
 * A bad option or registry entry given to `createQualityEngine`, found at construction.
 * `entry` names the feature/collection (or `options` for a top-level option), `field` the key.
 */
export class QualityConfigError extends FeatureStoreError {
  static override readonly kind: string = 'QualityConfigError';
  override readonly name: string = 'QualityConfigError';
  constructor(
    readonly entry: string,
    readonly field: string,
    reason: string,
  ) {
    super(`Invalid quality configuration at ${entry}.${field}: ${reason}`);
  }
}

/** A baseline file or document that is not a valid featurescope baseline; nothing was loaded. */
export class BaselineFormatError extends FeatureStoreError {
  static override readonly kind: string = 'BaselineFormatError';
  override readonly name: string = 'BaselineFormatError';
  constructor(
    /** Where the problem is, e.g. `profiles[3].sketch` (or the file path for unreadable files). */
    readonly location: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Invalid baseline at ${location}: ${reason}`, options);
  }
}
