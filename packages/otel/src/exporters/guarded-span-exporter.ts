import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { SpanDrops } from './span-drops.js';

/** After a failed export, batches are dropped (not sent) for this long, doubling up to the cap. */
const PAUSE_MIN_MILLIS = 1000;
const PAUSE_MAX_MILLIS = 30_000;

/**
 * Wraps the OTLP span exporter so a collector that is down or black-holed never holds the app:
 * - at most one export is in flight; a batch that comes while one is (or while paused after a
 *   failure) is dropped at once and counted (`collector_unavailable`), so nothing piles up;
 * - every export answers the processor within `timeoutMillis` on an unref'd timer, so neither the
 *   processor's queue nor the process waits on a dead collector;
 * - after a failure, exports pause (1 s doubling to 30 s) instead of retrying every batch.
 * Spans of a failed or timed-out export are counted as `export_failed`.
 */
export class GuardedSpanExporter implements SpanExporter {
  readonly #inner: SpanExporter;
  readonly #drops: SpanDrops;
  readonly #timeoutMillis: number;
  readonly #now: () => number;
  #inFlight = false;
  #pausedUntil = 0;
  #pauseMillis = PAUSE_MIN_MILLIS;
  #shutDown = false;

  constructor(inner: SpanExporter, drops: SpanDrops, timeoutMillis: number, now: () => number = () => performance.now()) {
    this.#inner = inner;
    this.#drops = drops;
    this.#timeoutMillis = timeoutMillis;
    this.#now = now;
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.#shutDown || this.#inFlight || this.#now() < this.#pausedUntil) {
      this.#drops.add(spans.length, 'collector_unavailable');
      resultCallback({ code: ExportResultCode.FAILED, error: new Error('collector unavailable: batch dropped') });
      return;
    }
    this.#inFlight = true;
    let answered = false;
    const answer = (result: ExportResult): void => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      if (result.code === ExportResultCode.SUCCESS) {
        this.#pauseMillis = PAUSE_MIN_MILLIS;
      } else {
        this.#drops.add(spans.length, 'export_failed');
        this.#pausedUntil = this.#now() + this.#pauseMillis;
        this.#pauseMillis = Math.min(PAUSE_MAX_MILLIS, this.#pauseMillis * 2);
      }
      resultCallback(result);
    };
    const timer = setTimeout(() => answer({ code: ExportResultCode.FAILED, error: new Error(`span export did not finish within ${this.#timeoutMillis} ms`) }), this.#timeoutMillis);
    timer.unref();
    try {
      this.#inner.export(spans, (result) => {
        this.#inFlight = false;
        answer(result);
      });
    } catch (error) {
      this.#inFlight = false;
      answer({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  shutdown(): Promise<void> {
    this.#shutDown = true;
    return this.#inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.#inner.forceFlush?.() ?? Promise.resolve();
  }
}
