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

/**
 * @deprecated No longer thrown: the monitor reads the quality baseline artifact, whose faults raise
 * `BaselineFormatError` from `@featurescope/quality` (recorded as a `baselines` check error; the last
 * good artifact stays in use). Kept exported for callers that still name it.
 */
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
