import type { StoreTarget } from '../stores/store-targets.js';

/** What is switched on in one measured configuration. */
export interface VariantSpec {
  /** Stable id used in JSON and tables. */
  readonly id: VariantId;
  readonly description: string;
  /** featurescope's instrumentFeatureStore (spans + metrics) with a real SDK. */
  readonly featurescope: boolean;
  /** @featurescope/quality's engine as an observer (data-quality profiles). */
  readonly profiles: boolean;
  /** The upstream OpenTelemetry driver instrumentation (mysql2 or pg). */
  readonly upstream: boolean;
}

export type VariantId = 'raw' | 'fs' | 'fs+profiles' | 'upstream' | 'fs+profiles+upstream';

export const VARIANTS: readonly VariantSpec[] = [
  { id: 'raw', description: 'the store alone, no OpenTelemetry at all', featurescope: false, profiles: false, upstream: false },
  { id: 'fs', description: 'featurescope spans + metrics (real SDK, counting exporters)', featurescope: true, profiles: false, upstream: false },
  { id: 'fs+profiles', description: 'featurescope spans + metrics + data-quality profiles', featurescope: true, profiles: true, upstream: false },
  { id: 'upstream', description: 'upstream driver instrumentation alone (instrumentation-mysql2 / instrumentation-pg)', featurescope: false, profiles: false, upstream: true },
  { id: 'fs+profiles+upstream', description: 'featurescope + profiles with the upstream driver instrumentation nested under it', featurescope: true, profiles: true, upstream: true },
];

/** The variants that make sense for a store (driver instrumentation only where there is a driver). */
export function variantsFor(target: StoreTarget): VariantSpec[] {
  return VARIANTS.filter((variant) => !variant.upstream || target.driver !== undefined);
}

/** Whether a variant records spans (and so needs the context manager). */
export function tracesIn(variant: VariantSpec): boolean {
  return variant.featurescope || variant.upstream;
}
