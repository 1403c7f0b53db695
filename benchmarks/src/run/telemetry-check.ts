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

/** How many spans a head-sampled run may export and still be right: ratio·calls ± 5 binomial σ. */
export function sampledSpanRange(calls: number, ratio: number): { readonly min: number; readonly max: number } {
  if (ratio >= 1) return { min: calls, max: calls };
  const sigma = Math.sqrt(calls * ratio * (1 - ratio));
  return { min: Math.max(0, Math.floor(calls * ratio - 5 * sigma)), max: Math.ceil(calls * ratio + 5 * sigma) };
}

/**
 * Counts what reached the exporters and checks it: every instrumented call must yield one
 * duration sample, traced calls one featurescope span (a binomial share of them when head-sampled),
 * metrics-only none; at least one driver span per call when the driver is instrumented (unless
 * sampling drops them); some profile points when quality is on. A variant that drops telemetry
 * fails instead of looking fast.
 */
export function checkTelemetry(sdk: BenchSdk | undefined, variant: VariantSpec, calls: number): TelemetryCounts {
  const featurescopeSpans = sdk?.spans.count((scope) => scope === semconv.INSTRUMENTATION_SCOPE) ?? 0;
  const driverSpans = sdk?.spans.count(isDriverScope) ?? 0;
  const metricPoints = sdk?.metrics.points(() => true) ?? 0;
  const profilePoints = sdk?.metrics.points(isProfilesScope) ?? 0;
  const durationSamples = sdk?.metrics.histogramCount(semconv.INSTRUMENTATION_SCOPE, semconv.METRIC_DB_CLIENT_OPERATION_DURATION) ?? 0;
  const problems: string[] = [];
  if (variant.instrumentation === 'traces' || variant.instrumentation === 'span-floor') {
    const { min, max } = sampledSpanRange(calls, variant.sampleRatio);
    if (featurescopeSpans < min || featurescopeSpans > max) {
      problems.push(variant.sampleRatio >= 1
        ? `featurescope spans ${featurescopeSpans} ≠ calls ${calls} (${((1 - featurescopeSpans / calls) * 100).toFixed(2)} % lost)`
        : `featurescope spans ${featurescopeSpans} outside [${min}, ${max}] for ${calls} calls sampled at ${variant.sampleRatio}`);
    }
  } else if (featurescopeSpans > 0) {
    problems.push(`${featurescopeSpans} featurescope spans in a variant without featurescope traces`);
  }
  if ((variant.instrumentation === 'metrics' || variant.instrumentation === 'traces') && durationSamples !== calls) problems.push(`duration samples ${durationSamples} ≠ calls ${calls}`);
  const driverMin = variant.instrumentation === 'traces' ? sampledSpanRange(calls, variant.sampleRatio).min : calls;
  if (variant.driverSpans && driverSpans < driverMin) problems.push(`driver spans ${driverSpans} < ${driverMin}: the driver instrumentation missed calls`);
  if (!variant.driverSpans && driverSpans > 0) problems.push(`${driverSpans} driver spans while the driver instrumentation should be disabled`);
  if (variant.quality && profilePoints === 0) problems.push('no data-quality profile points exported');
  return { featurescopeSpans, driverSpans, metricPoints, profilePoints, durationSamples, calls, problems };
}
