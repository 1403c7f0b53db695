import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { SpanDrops } from './span-drops.js';

/** After a failed export, batches are dropped (not sent) for this long, doubling up to the cap. */
const PAUSE_MIN_MILLIS = 1000;
const PAUSE_MAX_MILLIS = 30_000;

/**
 * Wraps the OTLP span exporter so a collector that is down or black-holed never holds the app:
 * - at most one export is in flight; the next batch waits for it, and a batch whose turn comes
 *   after its own timeout, or while exports are paused, is dropped unsent (`collector_unavailable`);
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
  /** The export in flight (or resolved): the next one starts after it. */
  #tail: Promise<void> = Promise.resolve();
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
    if (this.#shutDown || this.#now() < this.#pausedUntil) {
      this.#drop(spans, resultCallback);
      return;
    }
    // The processor hears back within the timeout whatever the exporter does.
    let answered = false;
    const answer = (result: ExportResult, failedSpans: 'export_failed' | 'collector_unavailable' = 'export_failed'): void => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      if (result.code === ExportResultCode.SUCCESS) {
        this.#pauseMillis = PAUSE_MIN_MILLIS;
      } else {
        this.#drops.add(spans.length, failedSpans);
        if (failedSpans === 'export_failed') {
          this.#pausedUntil = this.#now() + this.#pauseMillis;
          this.#pauseMillis = Math.min(PAUSE_MAX_MILLIS, this.#pauseMillis * 2);
        }
      }
      resultCallback(result);
    };
    const timer = setTimeout(() => answer({ code: ExportResultCode.FAILED, error: new Error(`span export did not finish within ${this.#timeoutMillis} ms`) }), this.#timeoutMillis);
    timer.unref();
    // One export at a time (shutdown flushes several batches at once): the next starts when the
    // previous one's exporter answered; batches whose turn comes too late are dropped unsent.
    this.#tail = this.#tail.then(
      () =>
        new Promise<void>((done) => {
          if (answered || this.#now() < this.#pausedUntil) {
            answer({ code: ExportResultCode.FAILED, error: new Error('collector unavailable: batch dropped') }, 'collector_unavailable');
            return done();
          }
          try {
            this.#inner.export(spans, (result) => {
              answer(result);
              done();
            });
          } catch (error) {
            answer({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
            done();
          }
        }),
    );
  }

  #drop(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.#drops.add(spans.length, 'collector_unavailable');
    resultCallback({ code: ExportResultCode.FAILED, error: new Error('collector unavailable: batch dropped') });
  }

  shutdown(): Promise<void> {
    this.#shutDown = true;
    return this.#inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.#inner.forceFlush?.() ?? Promise.resolve();
  }
}
