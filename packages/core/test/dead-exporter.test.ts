import { ExportResultCode } from '@opentelemetry/core';
import { AggregationTemporality, MeterProvider, PeriodicExportingMetricReader, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryFeatureStore, instrumentFeatureStore } from '../src/index.js';

/** An exporter whose backend is gone: one flavour throws, the other reports failure. */
const throwingSpanExporter: SpanExporter = {
  export: () => {
    throw new Error('collector unreachable');
  },
  shutdown: () => Promise.resolve(),
};
const failingSpanExporter: SpanExporter = {
  export: (_spans, done) => setTimeout(() => done({ code: ExportResultCode.FAILED, error: new Error('ECONNREFUSED') }), 1),
  shutdown: () => Promise.resolve(),
};
const failingMetricExporter: PushMetricExporter = {
  export: (_metrics, done) => done({ code: ExportResultCode.FAILED, error: new Error('ECONNREFUSED') }),
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
  selectAggregationTemporality: () => AggregationTemporality.CUMULATIVE,
};

describe('a dead exporter', () => {
  const providers: { shutdown(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.allSettled(providers.splice(0).map((p) => p.shutdown()));
  });

  it.each([
    ['throws synchronously (simple processor)', () => new SimpleSpanProcessor(throwingSpanExporter)],
    ['fails asynchronously (batch processor)', () => new BatchSpanProcessor(failingSpanExporter, { scheduledDelayMillis: 1, maxExportBatchSize: 2 })],
  ])('changes no result when the span exporter %s', async (_label, processor) => {
    const tracerProvider = new BasicTracerProvider({ spanProcessors: [processor()] });
    const meterProvider = new MeterProvider({ readers: [new PeriodicExportingMetricReader({ exporter: failingMetricExporter, exportIntervalMillis: 5 })] });
    providers.push(tracerProvider, meterProvider);
    const store = instrumentFeatureStore(new InMemoryFeatureStore(), { tracerProvider, meterProvider });
    for (let i = 0; i < 20; i++) {
      await expect(store.upsert({ group: 'g', rows: [{ entityId: `e${i}`, feature: 'a', value: i }] })).resolves.toEqual({ written: 1 });
      const { values } = await store.lookup({ group: 'g', entityIds: [`e${i}`], features: ['a'] });
      expect(values.get(`e${i}`)?.get('a')?.value).toBe(i);
      await new Promise((resolve) => setTimeout(resolve, 2)); // let exports run and fail in between
    }
    await expect(tracerProvider.forceFlush()).resolves.toBeUndefined();
  });

  it('changes no result when the tracer itself throws on startSpan', async () => {
    const brokenProvider = {
      getTracer: () => ({
        startSpan: () => {
          throw new Error('sampler bug');
        },
        startActiveSpan: () => {
          throw new Error('sampler bug');
        },
      }),
    } as unknown as BasicTracerProvider;
    const store = instrumentFeatureStore(new InMemoryFeatureStore(), { tracerProvider: brokenProvider });
    await expect(store.upsert({ group: 'g', rows: [{ entityId: 'e', feature: 'a', value: 3 }] })).resolves.toEqual({ written: 1 });
    const { values } = await store.lookup({ group: 'g', entityIds: ['e'], features: ['a'] });
    expect(values.get('e')?.get('a')?.value).toBe(3);
  });
});
