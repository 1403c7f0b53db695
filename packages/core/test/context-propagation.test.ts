import { context, trace, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { AlwaysOffSampler, BasicTracerProvider, InMemorySpanExporter, ParentBasedSampler, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryFeatureStore, instrumentFeatureStore, type FeatureStore, type InstrumentFeatureStoreOptions } from '../src/index.js';

/** A real store that remembers which span was current while it ran (what a driver instrumentation would see). */
class ActiveSpanProbe extends InMemoryFeatureStore {
  seen: Span | undefined;
  override lookup(...args: Parameters<InMemoryFeatureStore['lookup']>): ReturnType<InMemoryFeatureStore['lookup']> {
    this.seen = trace.getActiveSpan();
    return super.lookup(...args);
  }
}

const lookup = { group: 'users', entityIds: ['u1'], features: ['f'] };

async function run(options: InstrumentFeatureStoreOptions, parent: Span | undefined): Promise<ActiveSpanProbe> {
  const probe = new ActiveSpanProbe();
  await probe.upsert({ group: 'users', rows: [{ entityId: 'u1', feature: 'f', value: 1 }] });
  const store: FeatureStore = instrumentFeatureStore(probe, options);
  const call = (): Promise<unknown> => store.lookup(lookup);
  await (parent === undefined ? call() : context.with(trace.setSpan(context.active(), parent), call));
  return probe;
}

describe('the span a store call makes current (AsyncLocalStorage context manager)', () => {
  const exporter = new InMemorySpanExporter();
  const traced = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const sampledOut = new BasicTracerProvider({ sampler: new ParentBasedSampler({ root: new AlwaysOffSampler() }), spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const caller = traced.getTracer('app').startSpan('request');
  beforeAll(() => void context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable()));
  afterAll(() => context.disable());

  it('makes a recording span current under the caller’s span', async () => {
    exporter.reset();
    const probe = await run({ tracerProvider: traced, metrics: false }, caller);
    const [span] = exporter.getFinishedSpans();
    expect(probe.seen?.spanContext().spanId).toBe(span!.spanContext().spanId);
    expect(span!.parentSpanContext?.spanId).toBe(caller.spanContext().spanId);
  });

  it('makes a sampled-out span current too, so downstream spans inherit the decision', async () => {
    exporter.reset();
    const probe = await run({ tracerProvider: sampledOut, metrics: false }, undefined);
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    expect(probe.seen).toBeDefined();
    expect(probe.seen!.isRecording()).toBe(false);
    expect(trace.isSpanContextValid(probe.seen!.spanContext())).toBe(true);
    const child = sampledOut.getTracer('driver').startSpan('query', {}, trace.setSpan(context.active(), probe.seen!));
    expect(child.isRecording()).toBe(false);
  });

  it('switches no context without an SDK: the caller’s own span stays current, untouched', async () => {
    // No tracerProvider option and no global one: the API's no-op tracer.
    const probe = await run({ metrics: false }, caller);
    expect(probe.seen).toBe(caller);
    expect((await run({ metrics: false }, undefined)).seen).toBeUndefined();
  });

  it('switches no context with tracing off', async () => {
    const probe = await run({ tracerProvider: traced, tracing: false, metrics: false }, caller);
    expect(probe.seen).toBe(caller);
  });
});
