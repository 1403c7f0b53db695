import type { Meter } from '@opentelemetry/api';
import { ATTR_DROP_REASON, METRIC_SPANS_DROPPED } from '../semconv.js';

/** Why spans were not delivered. */
export type SpanDropReason = 'queue_full' | 'export_failed' | 'collector_unavailable';

/**
 * Counts spans featurescope's trace pipeline did not deliver, by reason. Counting starts before the
 * SDK's meter exists (plain numbers); {@link observe} exports the totals as the cumulative
 * `featurescope.spans.dropped` counter once metrics run.
 */
export class SpanDrops {
  readonly #counts: Record<SpanDropReason, number> = { queue_full: 0, export_failed: 0, collector_unavailable: 0 };

  add(count: number, reason: SpanDropReason): void {
    this.#counts[reason] += count;
  }

  /** Totals so far, by reason. */
  totals(): Readonly<Record<SpanDropReason, number>> {
    return { ...this.#counts };
  }

  /** Exports the totals through `meter` at each collection. */
  observe(meter: Meter): void {
    const counter = meter.createObservableCounter(METRIC_SPANS_DROPPED, {
      unit: '{span}',
      description: 'Spans finished but never delivered to the collector (queue full, export failed, collector unavailable)',
    });
    const attributes = Object.fromEntries(Object.keys(this.#counts).map((reason) => [reason, Object.freeze({ [ATTR_DROP_REASON]: reason })])) as Record<SpanDropReason, { [ATTR_DROP_REASON]: string }>;
    counter.addCallback((result) => {
      for (const reason of Object.keys(this.#counts) as SpanDropReason[]) result.observe(this.#counts[reason], attributes[reason]);
    });
  }
}
