import { createTestTelemetry, type TestTelemetry } from '@featurescope/test-utils';
import { attachHistogramExport, HistogramExport, InMemoryFeatureStore, instrumentFeatureStore, type FeatureStore, type HistogramPoint } from '@featurescope/core';
import { createQualityEngine, type QualityEngine, type QualityEngineOptions } from '../../src/index.js';

export const T0 = Date.parse('2026-03-02T10:00:00Z');

/** A real instrumented in-memory store with the engine plugged in, on one fake clock. */
export interface Harness {
  readonly telemetry: TestTelemetry;
  readonly engine: QualityEngine;
  readonly raw: InMemoryFeatureStore;
  readonly store: FeatureStore;
  /** The fake clock (ms) shared by the store's updatedAt and the engine. */
  now: number;
  /** Wraps another raw store the same way (same telemetry and engine). */
  instrument<T extends FeatureStore>(raw: T): T;
  close(): Promise<void>;
}

// The self-aggregated histograms of the harness created last, read directly by histogramPoints().
let histograms = new HistogramExport();

export function createHarness(options: QualityEngineOptions = {}, collections = [{ name: 'emb', dimension: 3 }]): Harness {
  const telemetry = createTestTelemetry();
  histograms = new HistogramExport();
  attachHistogramExport(telemetry.meterProvider, histograms);
  const harness = {} as { -readonly [K in keyof Harness]: Harness[K] };
  harness.now = T0;
  const engine = createQualityEngine({ meterProvider: telemetry.meterProvider, now: () => harness.now, ...options });
  const raw = new InMemoryFeatureStore({ collections, now: () => new Date(harness.now) });
  const instrument = <T extends FeatureStore>(store: T): T =>
    instrumentFeatureStore(store, { tracerProvider: telemetry.tracerProvider, meterProvider: telemetry.meterProvider, observers: [engine] });
  Object.assign(harness, {
    telemetry,
    engine,
    raw,
    store: instrument(raw),
    instrument,
    async close() {
      engine.shutdown();
      await telemetry.shutdown();
    },
  });
  return harness;
}

/** Writes `values` of one feature, one entity per value, in batches. */
export async function writeValues(store: FeatureStore, group: string, feature: string, values: readonly (number | null)[], batch = 500): Promise<void> {
  for (let start = 0; start < values.length; start += batch) {
    const rows = values.slice(start, start + batch).map((value, i) => ({ entityId: `e${start + i}`, feature, value }));
    await store.upsert({ group, rows });
  }
}

/** Every point of a metric whose attributes include `where`. */
export async function points(telemetry: TestTelemetry, name: string, where: Record<string, unknown> = {}): Promise<{ attributes: Record<string, unknown>; value: unknown }[]> {
  const collected = await telemetry.collect();
  const out: { attributes: Record<string, unknown>; value: unknown }[] = [];
  for (const scope of collected.scopeMetrics) {
    for (const metric of scope.metrics) {
      if (metric.descriptor.name !== name) continue;
      for (const point of metric.dataPoints) {
        if (Object.entries(where).every(([k, v]) => point.attributes[k] === v)) out.push({ attributes: point.attributes, value: point.value });
      }
    }
  }
  return out;
}

/** The single value of a gauge or counter series; fails when there is not exactly one. */
export async function valueOf(telemetry: TestTelemetry, name: string, where: Record<string, unknown>): Promise<number> {
  const found = await points(telemetry, name, where);
  if (found.length !== 1) throw new Error(`expected one ${name} point matching ${JSON.stringify(where)}, found ${found.length}`);
  return found[0]!.value as number;
}

/** Histogram points the quality engine registered in the last harness's HistogramExport, for one metric. */
export function histogramPoints(name: string, where: Record<string, unknown> = {}): { boundaries: readonly number[]; point: HistogramPoint }[] {
  const out: { boundaries: readonly number[]; point: HistogramPoint }[] = [];
  for (const source of histograms.sources()) {
    if (source.scope.name !== '@featurescope/quality') continue;
    for (const snapshot of source.collect()) {
      if (snapshot.name !== name) continue;
      for (const point of snapshot.points) {
        if (Object.entries(where).every(([k, v]) => point.attributes[k] === v)) out.push({ boundaries: snapshot.boundaries, point });
      }
    }
  }
  return out;
}

/** Exact sample statistics (two-pass) to check the engine's streaming ones against. */
export function exactStats(values: readonly number[]): { mean: number; variance: number; min: number; max: number; sorted: number[] } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  const sorted = [...values].sort((a, b) => a - b);
  return { mean, variance, min: sorted[0]!, max: sorted[n - 1]!, sorted };
}

/** The single histogram point of a metric matching `where`; fails when there is not exactly one. */
export function histogramPoint(name: string, where: Record<string, unknown>): HistogramPoint & { boundaries: readonly number[] } {
  const found = histogramPoints(name, where);
  if (found.length !== 1) throw new Error(`expected one ${name} histogram point matching ${JSON.stringify(where)}, found ${found.length}`);
  return { ...found[0]!.point, boundaries: found[0]!.boundaries };
}
