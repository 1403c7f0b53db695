import type { Attributes } from '@opentelemetry/api';

/**
 * Histograms that featurescope aggregates itself (in typed arrays, ~15 ns per value) instead of
 * calling the SDK's `Histogram.record()` per value (~0.5 µs with attributes). The OpenTelemetry API
 * has no observable histogram, so sources register here and `@featurescope/otel` exports them
 * through a `MetricProducer` at collection time. Core stays free of any SDK dependency.
 */
export interface HistogramPoint {
  readonly attributes: Attributes;
  /** Cumulative counts per bucket; length = boundaries.length + 1 (last is +Inf). */
  readonly bucketCounts: ArrayLike<number>;
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  /** When this series started counting, ms since the epoch. */
  readonly startTimeMs: number;
}

export interface HistogramSnapshot {
  readonly name: string;
  readonly description: string;
  readonly unit: string;
  /** Explicit bucket upper bounds, ascending. */
  readonly boundaries: readonly number[];
  readonly points: readonly HistogramPoint[];
}

export interface HistogramSource {
  /** Instrumentation scope the histograms belong to, e.g. `@featurescope/quality`. */
  readonly scope: { readonly name: string; readonly version?: string };
  /** Cumulative snapshots; called at every collection, must not throw. */
  collect(): readonly HistogramSnapshot[];
}

// One registry per process even when several copies of this package are loaded.
const REGISTRY = Symbol.for('@featurescope/core.histogram-sources');
type Registry = Set<HistogramSource>;

function registry(): Registry {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (holder[REGISTRY] ??= new Set());
}

/** Adds a source; returns a function that removes it. */
export function registerHistogramSource(source: HistogramSource): () => void {
  registry().add(source);
  return () => {
    registry().delete(source);
  };
}

const CONSUMER = Symbol.for('@featurescope/core.histogram-consumer');

/**
 * Called by an exporter that reads the registered sources at every collection (e.g.
 * `@featurescope/otel`'s metric producer), so packages know their self-aggregated histograms
 * will be exported and need no SDK instrument.
 */
export function announceHistogramConsumer(): void {
  (globalThis as unknown as Record<symbol, boolean>)[CONSUMER] = true;
}

/** Whether some exporter has announced it reads the registered sources. */
export function hasHistogramConsumer(): boolean {
  return (globalThis as unknown as Record<symbol, boolean | undefined>)[CONSUMER] === true;
}

/** The registered sources, for the exporter side. */
export function histogramSources(): readonly HistogramSource[] {
  return [...registry()];
}
