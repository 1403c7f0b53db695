import { semconv } from '@featurescope/core';
import { SpanStatusCode, trace } from '@opentelemetry/api';

/** Kinds of trace the tail-sampling test sends; every kind but `plain` must be kept. */
export const MIX = { plain: 1000, error: 10, stale: 10, drift: 10, validation: 10 } as const;
export type MixKind = keyof typeof MIX;
export const MIX_KIND_ATTR = 'test.mix.kind';
export const MIX_INDEX_ATTR = 'test.mix.index';
/** Above the shipped staleness objective's default (300 s), and a double, like the library's. */
export const STALE_AGE_SECONDS = 1000.5;

/**
 * Sends one single-span trace per entry of MIX through the global tracer provider, shaped like the
 * library's: a lookup span with featurescope.lookup.age.max (stale ones above the objective, plain
 * ones below it), quality events featurescope.drift / featurescope.validation.violation, ERROR status.
 * Ends with one `sentinel` error trace: once it arrives, every earlier decision has been made.
 */
export function sendTraceMix(): void {
  const tracer = trace.getTracer('featurescope-collector-e2e-mix');
  for (const [kind, count] of Object.entries(MIX) as [MixKind, number][]) {
    for (let i = 0; i < count; i++) {
      const span = tracer.startSpan(`mix.${kind}`, { root: true, attributes: { [MIX_KIND_ATTR]: kind, [MIX_INDEX_ATTR]: i } });
      if (kind === 'error') span.setStatus({ code: SpanStatusCode.ERROR, message: 'InvalidInputError' });
      span.setAttribute(semconv.ATTR_LOOKUP_AGE_MAX, kind === 'stale' ? STALE_AGE_SECONDS : 12.25);
      if (kind === 'drift') span.addEvent('featurescope.drift', { 'featurescope.drift.state': 2 });
      if (kind === 'validation') span.addEvent('featurescope.validation.violation', { 'featurescope.rule': 'range' });
      // Events that must not keep a trace.
      if (kind === 'plain' && i % 2 === 0) span.addEvent('featurescope.lookup');
      if (kind === 'plain' && i % 3 === 0) span.addEvent('exception');
      span.end();
    }
  }
  const sentinel = tracer.startSpan('mix.sentinel', { root: true, attributes: { [MIX_KIND_ATTR]: 'sentinel' } });
  sentinel.setStatus({ code: SpanStatusCode.ERROR });
  sentinel.end();
}
