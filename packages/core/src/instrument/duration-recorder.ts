import type { Attributes, MeterProvider } from '@opentelemetry/api';
import { exportSlotHistograms } from '../bridge/export-slot-histograms.js';
import { SlotHistograms } from '../bridge/slot-histograms.js';
import { DB_DURATION_BUCKETS, INSTRUMENTATION_SCOPE, METRIC_DB_CLIENT_OPERATION_DURATION } from '../semconv.js';
import { VERSION } from '../version.js';

/**
 * Records `db.client.operation.duration` of one store, aggregated in typed arrays (~20 ns per call)
 * and exported through the store's meter provider (see `exportSlotHistograms`): through its attached
 * HistogramExport when there is one (e.g. `startTelemetry()`'s), else on an SDK histogram of that
 * provider. Decided per store, from the provider the store uses. Series are keyed by the identity of
 * the precomputed, frozen attribute objects, so nothing is hashed. `shutdown()` (the store's
 * `close()`) stops its series.
 */
export class DurationRecorder {
  readonly #slots = new Map<Attributes, number>();
  readonly #attributes: Attributes[] = [];
  readonly #histograms = new SlotHistograms(METRIC_DB_CLIENT_OPERATION_DURATION, 'Duration of feature-store operations', 's', DB_DURATION_BUCKETS);
  readonly #startMs = Date.now();
  readonly #stop: () => void;

  constructor(meterProvider: MeterProvider) {
    const attributes = this.#attributes;
    this.#stop = exportSlotHistograms(meterProvider, { name: INSTRUMENTATION_SCOPE, version: VERSION }, [
      { histograms: this.#histograms, attributesOf: (slot) => attributes[slot] },
    ]);
  }

  record(seconds: number, attributes: Attributes): void {
    let slot = this.#slots.get(attributes);
    if (slot === undefined) {
      slot = this.#attributes.length;
      this.#attributes.push(attributes);
      this.#slots.set(attributes, slot);
    }
    this.#histograms.record(slot, seconds, this.#startMs);
  }

  shutdown(): void {
    this.#stop();
  }
}
