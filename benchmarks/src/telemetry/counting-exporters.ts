import { AggregationTemporality, DataPointType, type PushMetricExporter, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

type ExportResult = Parameters<Parameters<SpanExporter['export']>[1]>[0];
/** `ExportResultCode.SUCCESS` of @opentelemetry/core, which is not a direct dependency here. */
const SUCCESS = { code: 0 } as ExportResult;

/**
 * Counts exported spans per instrumentation scope and drops them: the full SDK pipeline runs
 * (processor, batching, export call) but there is no network, so the benchmark measures the
 * client cost of producing telemetry, not of shipping it.
 */
export class CountingSpanExporter implements SpanExporter {
  readonly byScope = new Map<string, number>();
  exportCalls = 0;

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.exportCalls++;
    for (const span of spans) {
      const scope = span.instrumentationScope.name;
      this.byScope.set(scope, (this.byScope.get(scope) ?? 0) + 1);
    }
    resultCallback(SUCCESS);
  }

  /** Spans exported so far from scopes whose name satisfies `match`. */
  count(match: (scope: string) => boolean): number {
    let total = 0;
    for (const [scope, count] of this.byScope) if (match(scope)) total += count;
    return total;
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Counts exported metric data points per scope and remembers, from the latest (cumulative)
 * export, how many samples each histogram holds, so the harness can check that every call
 * was recorded.
 */
export class CountingMetricExporter implements PushMetricExporter {
  readonly pointsByScope = new Map<string, number>();
  /** `scope\u0000metric` → histogram sample count of the latest export. */
  readonly latestHistogramCounts = new Map<string, number>();
  exportCalls = 0;

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    this.exportCalls++;
    for (const scopeMetrics of metrics.scopeMetrics) {
      const scope = scopeMetrics.scope.name;
      for (const metric of scopeMetrics.metrics) {
        this.pointsByScope.set(scope, (this.pointsByScope.get(scope) ?? 0) + metric.dataPoints.length);
        if (metric.dataPointType !== DataPointType.HISTOGRAM) continue;
        let count = 0;
        for (const point of metric.dataPoints) count += (point.value as { count: number }).count;
        this.latestHistogramCounts.set(`${scope}\u0000${metric.descriptor.name}`, count);
      }
    }
    resultCallback(SUCCESS);
  }

  /** Cumulative, so the latest export alone tells how many samples were recorded in total. */
  selectAggregationTemporality(): AggregationTemporality {
    return AggregationTemporality.CUMULATIVE;
  }

  histogramCount(scope: string, metric: string): number {
    return this.latestHistogramCounts.get(`${scope}\u0000${metric}`) ?? 0;
  }

  points(match: (scope: string) => boolean): number {
    let total = 0;
    for (const [scope, count] of this.pointsByScope) if (match(scope)) total += count;
    return total;
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
}
