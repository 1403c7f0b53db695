import { attachHistogramExport, HistogramExport, InMemoryFeatureStore, instrumentFeatureStore } from '@featurescope/core';
import { createQualityEngine } from '@featurescope/quality';
import { metrics } from '@opentelemetry/api';
import { AggregationTemporality, InMemoryMetricExporter, PeriodicExportingMetricReader, type MetricProducer } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { afterEach, describe, expect, it } from 'vitest';
import { HistogramSourceProducer } from '../src/index.js';

const HISTOGRAMS = ['db.client.operation.duration', 'featurescope.feature.ingest_lag', 'featurescope.vector.norm', 'featurescope.vector_search.top_score', 'featurescope.vector_search.results'];

/** A user's own NodeSDK with an in-memory metric exporter (no @featurescope/otel setup). */
function ownSdk(metricProducers?: MetricProducer[]): { sdk: NodeSDK; reader: PeriodicExportingMetricReader } {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000, ...(metricProducers === undefined ? {} : { metricProducers }) });
  const sdk = new NodeSDK({ metricReaders: [reader], spanProcessors: [], instrumentations: [] });
  sdk.start();
  return { sdk, reader };
}

/** Histogram names and total counts in one collection. */
async function histogramCounts(reader: PeriodicExportingMetricReader): Promise<Map<string, number>> {
  const { resourceMetrics, errors } = await reader.collect();
  expect(errors).toEqual([]);
  const counts = new Map<string, number>();
  for (const scope of resourceMetrics.scopeMetrics) {
    for (const metric of scope.metrics) {
      for (const point of metric.dataPoints) {
        const value = point.value as { count?: number };
        if (typeof value === 'object' && typeof value.count === 'number') counts.set(metric.descriptor.name, (counts.get(metric.descriptor.name) ?? 0) + value.count);
      }
    }
  }
  return counts;
}

async function exercise(): Promise<{ close(): Promise<void> }> {
  const engine = createQualityEngine();
  const store = instrumentFeatureStore(new InMemoryFeatureStore({ collections: [{ name: 'emb', dimension: 2 }] }), { tracing: false, observers: [engine] });
  await store.upsert({ group: 'g', rows: [{ entityId: 'e1', feature: 'amount', value: 3, eventTime: new Date(Date.now() - 2000) }] });
  await store.upsertVectors({ collection: 'emb', records: [{ id: 'a', vector: [1, 0] }] });
  await store.searchVectors({ collection: 'emb', vector: [1, 1], topK: 1 });
  return {
    async close() {
      await store.close();
      engine.shutdown();
    },
  };
}

describe("self-aggregated histograms under a user's own NodeSDK", { timeout: 60_000 }, () => {
  let sdk: NodeSDK | undefined;
  afterEach(async () => {
    await sdk?.shutdown();
    metrics.disable();
  });

  it('are exported as the SDK histograms of the global provider when nothing is attached', async () => {
    const own = ownSdk();
    sdk = own.sdk;
    const run = await exercise();
    const counts = await histogramCounts(own.reader);
    for (const name of HISTOGRAMS) expect(counts.get(name), name).toBeGreaterThan(0);
    await run.close();
  });

  it('are exported by a HistogramSourceProducer the user passes, and stop when the store and engine close (no retention)', async () => {
    const histograms = new HistogramExport({ retainRemovedMs: 0 });
    const own = ownSdk([new HistogramSourceProducer(histograms)]);
    sdk = own.sdk;
    attachHistogramExport(metrics.getMeterProvider(), histograms);
    const run = await exercise();
    const counts = await histogramCounts(own.reader);
    for (const name of HISTOGRAMS) expect(counts.get(name), name).toBeGreaterThan(0);
    expect(histograms.sources().map((s) => s.scope.name).sort()).toEqual(['@featurescope/core', '@featurescope/quality']);
    await run.close();
    expect(histograms.sources()).toEqual([]);
    const after = await histogramCounts(own.reader);
    for (const name of HISTOGRAMS) expect(after.has(name), name).toBe(false);
  });
});
