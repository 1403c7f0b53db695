import { FeatureStoreError, InvalidOptionError } from '@featurescope/core';

/**
 * A bad monitor option, config-file entry, command-line flag or environment variable, found before
 * anything runs. `key` (also `option`) names it the way the user wrote it (e.g. `features[2].maxAge`, `--interval`).
 */
export class MonitorConfigError extends InvalidOptionError {
  static override readonly kind: string = 'MonitorConfigError';
  override readonly name: string = 'MonitorConfigError';
  constructor(key: string, reason: string, options?: { cause?: unknown }) {
    super(key, reason, options);
    this.message = `Invalid monitor configuration at ${key}: ${reason}`;
  }

  /** The key as the user wrote it (the same as `option`). */
  get key(): string {
    return this.option;
  }
}

/** A stored baseline that cannot be read back (corrupt JSON, wrong shape); that feature gets no drift. */
export class MonitorBaselineError extends FeatureStoreError {
  static override readonly kind: string = 'MonitorBaselineError';
  override readonly name: string = 'MonitorBaselineError';
  constructor(
    readonly feature: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Invalid baseline for feature "${feature}": ${reason}`, options);
  }
}
