import { TraceFlags, type Span, type SpanContext, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { InMemoryFeatureStore, instrumentFeatureStore } from '../src/index.js';

const fail = (): never => {
  throw new Error('span implementation bug');
};

/** A recording span from a third-party tracer whose attribute and status methods throw. */
function brokenSpan(): Span {
  const spanContext: SpanContext = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED };
  return {
    spanContext: () => spanContext,
    isRecording: () => true,
    setAttribute: fail,
    setAttributes: fail,
    addEvent: fail,
    addLink: fail,
    addLinks: fail,
    setStatus: fail,
    updateName: fail,
    recordException: fail,
    end: () => undefined,
  };
}

const provider: TracerProvider = { getTracer: (): Tracer => ({ startSpan: brokenSpan, startActiveSpan: fail }) };

describe('a span whose methods throw', () => {
  it('changes no result and throws nothing into the caller, on every operation', async () => {
    const store = instrumentFeatureStore(new InMemoryFeatureStore({ collections: [{ name: 'c', dimension: 2 }] }), { tracerProvider: provider, entityIds: 'plain' });
    await expect(store.upsert({ group: 'g', rows: [{ entityId: 'e', feature: 'a', value: 3 }] })).resolves.toEqual({ written: 1 });
    const { values } = await store.lookup({ group: 'g', entityIds: ['e'], features: ['a'] });
    expect(values.get('e')?.get('a')?.value).toBe(3);
    await expect(store.upsertVectors({ collection: 'c', records: [{ id: 'v', vector: [1, 0] }] })).resolves.toEqual({ written: 1 });
    const { matches } = await store.searchVectors({ collection: 'c', vector: [1, 0], topK: 1 });
    expect(matches.map((m) => m.id)).toEqual(['v']);
  });
});
