import type { Context } from '@opentelemetry/api';
import type { BatchSpanProcessor, ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { SpanDrops } from './span-drops.js';

/**
 * Counts the spans a BatchSpanProcessor drops because its queue is full (`queue_full`). The SDK
 * only logs them; it keeps the running count in `_droppedSpansCount` (reset when a span is queued
 * again), which this wrapper reads around each `onEnd`. Tested against sdk-trace 2.12; should the
 * field disappear, drops of this reason go uncounted and the fault-injection test fails.
 */
export class QueueDropCounter implements SpanProcessor {
  readonly #inner: BatchSpanProcessor;
  readonly #drops: SpanDrops;

  constructor(inner: BatchSpanProcessor, drops: SpanDrops) {
    this.#inner = inner;
    this.#drops = drops;
  }

  onStart(span: Span, parentContext: Context): void {
    this.#inner.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    const internals = this.#inner as unknown as { _droppedSpansCount?: unknown };
    const before = internals._droppedSpansCount;
    this.#inner.onEnd(span);
    const after = internals._droppedSpansCount;
    if (typeof before === 'number' && typeof after === 'number' && after > before) this.#drops.add(after - before, 'queue_full');
  }

  forceFlush(): Promise<void> {
    return this.#inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.#inner.shutdown();
  }
}
