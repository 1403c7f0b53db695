import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';

/** In-memory tracer and meter providers for asserting exactly what featurescope emits. */
export interface TestTelemetry {
  readonly tracerProvider: BasicTracerProvider;
  readonly meterProvider: MeterProvider;
  readonly spanExporter: InMemorySpanExporter;
  /** Finished spans so far. */
  spans(): ReadableSpan[];
  /** Collects metrics now (cumulative) and returns them. */
  collect(): Promise<ResourceMetrics>;
  /** Sum of every data point of a metric, optionally filtered by attributes. */
  sumOf(name: string, where?: Record<string, unknown>): Promise<number>;
  reset(): void;
  shutdown(): Promise<void>;
}

/**
 * Builds the providers. With `global: true` they are also registered as the global providers,
 * with an AsyncLocalStorage context manager, so driver instrumentations nest under our spans.
 */
export function createTestTelemetry(options: { global?: boolean } = {}): TestTelemetry {
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spanExporter)] });
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  if (options.global === true) {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(tracerProvider);
    metrics.setGlobalMeterProvider(meterProvider);
  }
  const collect = async (): Promise<ResourceMetrics> => {
    const { resourceMetrics, errors } = await reader.collect();
    if (errors.length > 0) throw new AggregateError(errors, 'metric collection failed');
    return resourceMetrics;
  };
  return {
    tracerProvider,
    meterProvider,
    spanExporter,
    spans: () => spanExporter.getFinishedSpans(),
    collect,
    async sumOf(name, where = {}) {
      const collected = await collect();
      let total = 0;
      for (const scope of collected.scopeMetrics) {
        for (const metric of scope.metrics) {
          if (metric.descriptor.name !== name) continue;
          for (const point of metric.dataPoints) {
            const matches = Object.entries(where).every(([key, value]) => point.attributes[key] === value);
            if (!matches) continue;
            const value = point.value as number | { count: number };
            total += typeof value === 'number' ? value : value.count;
          }
        }
      }
      return total;
    },
    reset: () => spanExporter.reset(),
    async shutdown() {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
      if (options.global === true) {
        trace.disable();
        metrics.disable();
        context.disable();
      }
    },
  };
}
