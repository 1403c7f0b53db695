import { semconv } from '@featurescope/core';
import type { BenchSdk } from '../telemetry/bench-sdk.js';
import type { VariantSpec } from '../variants/variants.js';

/** What a repetition exported, against what it must have exported. */
export interface TelemetryCounts {
  /** featurescope CLIENT spans exported (scope `@featurescope/core`). */
  readonly featurescopeSpans: number;
  /** Spans from the upstream driver instrumentation. */
  readonly driverSpans: number;
  /** Metric data points exported over all collections, every scope. */
  readonly metricPoints: number;
  /** Data points exported by the quality engine's scope. */
  readonly profilePoints: number;
  /** Samples in featurescope's `db.client.operation.duration` histogram at the final collection. */
  readonly durationSamples: number;
  /** Calls made with this SDK (warm-up included). */
  readonly calls: number;
  /** Empty when everything expected arrived. */
  readonly problems: readonly string[];
}

const isDriverScope = (scope: string): boolean => scope.includes('instrumentation-mysql2') || scope.includes('instrumentation-pg');
const isProfilesScope = (scope: string): boolean => scope.startsWith('@featurescope/quality');

/**
 * Counts what reached the exporters and checks it: every call must yield exactly one featurescope
 * span and one duration sample, at least one driver span when the driver is instrumented, and
 * some profile points when profiles are on. A variant that drops telemetry fails instead of
 * looking fast.
 */
export function checkTelemetry(sdk: BenchSdk | undefined, variant: VariantSpec, calls: number): TelemetryCounts {
  const featurescopeSpans = sdk?.spans.count((scope) => scope === semconv.INSTRUMENTATION_SCOPE) ?? 0;
  const driverSpans = sdk?.spans.count(isDriverScope) ?? 0;
  const metricPoints = sdk?.metrics.points(() => true) ?? 0;
  const profilePoints = sdk?.metrics.points(isProfilesScope) ?? 0;
  const durationSamples = sdk?.metrics.histogramCount(semconv.INSTRUMENTATION_SCOPE, semconv.METRIC_DB_CLIENT_OPERATION_DURATION) ?? 0;
  const problems: string[] = [];
  if (variant.featurescope) {
    if (featurescopeSpans !== calls) problems.push(`featurescope spans ${featurescopeSpans} ≠ calls ${calls} (${((1 - featurescopeSpans / calls) * 100).toFixed(2)} % lost)`);
    if (durationSamples !== calls) problems.push(`duration samples ${durationSamples} ≠ calls ${calls}`);
  } else if (featurescopeSpans > 0) {
    problems.push(`${featurescopeSpans} featurescope spans in a variant without featurescope`);
  }
  if (variant.upstream && driverSpans < calls) problems.push(`driver spans ${driverSpans} < calls ${calls}: the driver instrumentation missed calls`);
  if (!variant.upstream && driverSpans > 0) problems.push(`${driverSpans} driver spans while the driver instrumentation should be disabled`);
  if (variant.profiles && profilePoints === 0) problems.push('no data-quality profile points exported');
  return { featurescopeSpans, driverSpans, metricPoints, profilePoints, durationSamples, calls, problems };
}
