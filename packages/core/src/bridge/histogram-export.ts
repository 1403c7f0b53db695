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
  readonly #sources = new Map<HistogramSource, number>();
  readonly #retainRemovedMs: number;
  readonly #now: () => number;

  /**
   * @param options.retainRemovedMs how long a removed source (a closed store or engine) is still
   *   exported with its final values, so the flush at shutdown and the next scrapes see the last
   *   counts; then its series stop. @default 60000
   */
  constructor(options: { readonly retainRemovedMs?: number; readonly now?: () => number } = {}) {
    this.#retainRemovedMs = options.retainRemovedMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** Adds a source; returns a function that removes it (its series stop after `retainRemovedMs`). */
  add(source: HistogramSource): () => void {
    this.#sources.set(source, Infinity);
    return () => {
      if (this.#sources.has(source)) this.#sources.set(source, Math.min(this.#sources.get(source)!, this.#now() + this.#retainRemovedMs));
    };
  }

  /** The sources to export now: registered ones, and removed ones still inside their retention. */
  sources(): readonly HistogramSource[] {
    const now = this.#now();
    const out: HistogramSource[] = [];
    for (const [source, until] of this.#sources) {
      if (until > now) out.push(source);
      else this.#sources.delete(source);
    }
    return out;
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
