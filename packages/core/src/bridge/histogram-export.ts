import type { Attributes } from '@opentelemetry/api';

import type { MeterProvider } from '@opentelemetry/api';

/**
 * Histograms that featurescope aggregates itself (in typed arrays, ~15 ns per value) instead of
 * calling the SDK's `Histogram.record()` per value (~0.5 µs with attributes). The OpenTelemetry API
 * has no observable histogram, so they leave through an explicit {@link HistogramExport}: a
 * `MetricProducer` (`HistogramSourceProducer` of `@featurescope/otel`) reads it at collection time.
 * Core stays free of any SDK dependency.
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

/**
 * The sources one metric pipeline exports: give it to that pipeline's `HistogramSourceProducer`
 * (`@featurescope/otel`) and attach it to the pipeline's MeterProvider with
 * {@link attachHistogramExport}. `startTelemetry()` does both for its own provider.
 */
export class HistogramExport {
  readonly #sources = new Set<HistogramSource>();

  /** Adds a source; returns a function that removes it (its series stop being exported). */
  add(source: HistogramSource): () => void {
    this.#sources.add(source);
    return () => {
      this.#sources.delete(source);
    };
  }

  /** The sources now registered, for the producer. */
  sources(): readonly HistogramSource[] {
    return [...this.#sources];
  }
}

// Keyed by the provider object the caller holds: no process-wide state, and a provider this
// copy of core never saw simply gets SDK instruments (still exported, only slower).
const attached = new WeakMap<MeterProvider, HistogramExport>();

/**
 * Declares that `meterProvider`'s readers export `histograms` (their `metricProducers` include a
 * `HistogramSourceProducer` over it). Stores and engines using that provider then aggregate their
 * histograms themselves and register them there; without it they use the provider's own SDK
 * histograms. Returns a function that detaches it.
 */
export function attachHistogramExport(meterProvider: MeterProvider, histograms: HistogramExport): () => void {
  attached.set(meterProvider, histograms);
  return () => {
    if (attached.get(meterProvider) === histograms) attached.delete(meterProvider);
  };
}

/** The export attached to `meterProvider`, if any. */
export function histogramExportOf(meterProvider: MeterProvider): HistogramExport | undefined {
  return attached.get(meterProvider);
}
