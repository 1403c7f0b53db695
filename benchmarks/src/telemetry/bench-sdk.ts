import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { attachHistogramExport, HistogramExport } from '@featurescope/core';
import { HistogramSourceProducer, SPAN_BATCH_DEFAULTS } from '@featurescope/otel';
import { BasicTracerProvider, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';
import { CountingMetricExporter, CountingSpanExporter } from './counting-exporters.js';

/** How often the metric reader collects during a run. Production default is 60 s; shorter is the harsher test. */
export const METRIC_EXPORT_INTERVAL_MS = 1000;

/** A real SDK (batching span processor, periodic metric reader) whose exporters only count. */
export interface BenchSdk {
  readonly tracerProvider: BasicTracerProvider;
  readonly meterProvider: MeterProvider;
  readonly spans: CountingSpanExporter;
  readonly metrics: CountingMetricExporter;
  /** The self-aggregated histograms' export, attached to `meterProvider` and read by its reader. */
  readonly histograms: HistogramExport;
  /** Exports everything pending, then shuts both providers down. */
  finish(): Promise<void>;
}

/**
 * Builds a fresh SDK for one variant repetition, set up as `@featurescope/otel`'s `startTelemetry()`
 * sets up its own: spans batched with its defaults, and the self-aggregated histograms (store
 * durations, the quality engine's freshness) read at collection through a `HistogramSourceProducer`
 * rather than recorded value by value on SDK instruments.
 * @param sampleRatio head-sampling ratio: below 1, `parentbased_traceidratio` (what OTEL_TRACES_SAMPLER sets). @default 1 (the SDK default, parentbased_always_on)
 */
export function createBenchSdk(sampleRatio = 1): BenchSdk {
  const spans = new CountingSpanExporter();
  const metrics = new CountingMetricExporter();
  const sampler = sampleRatio < 1 ? new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(sampleRatio) }) : undefined;
  const tracerProvider = new BasicTracerProvider({ sampler, spanProcessors: [new BatchSpanProcessor(spans, { ...SPAN_BATCH_DEFAULTS })] });
  const histograms = new HistogramExport();
  const reader = new PeriodicExportingMetricReader({
    exporter: metrics,
    exportIntervalMillis: METRIC_EXPORT_INTERVAL_MS,
    metricProducers: [new HistogramSourceProducer(histograms)],
  });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const detach = attachHistogramExport(meterProvider, histograms);
  return {
    tracerProvider,
    meterProvider,
    spans,
    metrics,
    histograms,
    async finish() {
      await tracerProvider.forceFlush();
      await meterProvider.forceFlush();
      detach();
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}
