import type { HistogramExport, HistogramSnapshot } from '@featurescope/core';
import { hrTime, millisToHrTime } from '@opentelemetry/core';
import { ValueType, type HrTime } from '@opentelemetry/api';
import { emptyResource } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  DataPointType,
  type CollectionResult,
  type HistogramMetricData,
  type MetricProducer,
  type ScopeMetrics,
} from '@opentelemetry/sdk-metrics';

/**
 * Exports the histograms featurescope packages aggregate themselves (the API has no observable
 * histogram) from one {@link HistogramExport}, at collection time. `startTelemetry()` uses one;
 * with your own SDK, pass one to your metric reader and attach the export to its MeterProvider:
 *
 * ```ts
 * const histograms = new HistogramExport();
 * const reader = new PeriodicExportingMetricReader({ exporter, metricProducers: [new HistogramSourceProducer(histograms)] });
 * const sdk = new NodeSDK({ metricReader: reader }); sdk.start();
 * attachHistogramExport(metrics.getMeterProvider(), histograms);
 * ```
 *
 * A source that throws or returns a malformed snapshot costs only its own metrics.
 */
export class HistogramSourceProducer implements MetricProducer {
  readonly #histograms: HistogramExport;

  constructor(histograms: HistogramExport) {
    this.#histograms = histograms;
  }

  collect(): Promise<CollectionResult> {
    const endTime = hrTime();
    const errors: unknown[] = [];
    const scopeMetrics: ScopeMetrics[] = [];
    for (const source of this.#histograms.sources()) {
      try {
        const metrics = source.collect().flatMap((snapshot) => {
          const problem = snapshotProblem(snapshot);
          if (problem === undefined) return [toMetricData(snapshot, endTime)];
          errors.push(new Error(`histogram ${snapshot.name} from ${source.scope.name} skipped: ${problem}`));
          return [];
        });
        scopeMetrics.push({ scope: { name: source.scope.name, version: source.scope.version }, metrics });
      } catch (error) {
        errors.push(error);
      }
    }
    // The reader keeps the SDK's resource; the one returned here is ignored.
    return Promise.resolve({ resourceMetrics: { resource: emptyResource(), scopeMetrics }, errors });
  }
}

function snapshotProblem(snapshot: HistogramSnapshot): string | undefined {
  for (const point of snapshot.points) {
    if (point.bucketCounts.length !== snapshot.boundaries.length + 1) {
      return `a point has ${point.bucketCounts.length} bucket counts for ${snapshot.boundaries.length} boundaries (expected boundaries + 1)`;
    }
  }
  return undefined;
}

function toMetricData(snapshot: HistogramSnapshot, endTime: HrTime): HistogramMetricData {
  const boundaries = [...snapshot.boundaries];
  return {
    descriptor: { name: snapshot.name, description: snapshot.description, unit: snapshot.unit, valueType: ValueType.DOUBLE },
    aggregationTemporality: AggregationTemporality.CUMULATIVE,
    dataPointType: DataPointType.HISTOGRAM,
    dataPoints: snapshot.points.map((point) => ({
      attributes: point.attributes,
      startTime: millisToHrTime(point.startTimeMs),
      endTime,
      value: {
        buckets: { boundaries, counts: Array.from(point.bucketCounts) },
        count: point.count,
        sum: point.sum,
        // An empty series has no meaningful extremes; the SDK omits them the same way.
        min: point.count > 0 ? point.min : undefined,
        max: point.count > 0 ? point.max : undefined,
      },
    })),
  };
}
