import { SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import { createTestTelemetry, type TestTelemetry } from '../../test-utils/src/index.js'; // by path: test-utils depends on core
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  InMemoryFeatureStore,
  InvalidInputError,
  InvalidOptionError,
  StoreClosedError,
  instrumentFeatureStore,
  type FeatureStore,
  type LookupResult,
  type UpsertRequest,
} from '../src/index.js';

const collections = [{ name: 'user_embeddings', dimension: 3 }];

describe('instrumentFeatureStore', () => {
  let telemetry: TestTelemetry;
  let now: number;
  let raw: InMemoryFeatureStore;
  let store: InMemoryFeatureStore;

  beforeEach(() => {
    telemetry = createTestTelemetry();
    now = Date.parse('2026-01-01T00:00:00Z');
    raw = new InMemoryFeatureStore({ collections, now: () => new Date(now) });
    store = instrumentFeatureStore(raw, { tracerProvider: telemetry.tracerProvider, meterProvider: telemetry.meterProvider });
  });
  afterEach(() => telemetry.shutdown());

  it('makes one CLIENT span per upsert named "upsert <group>" with low-cardinality attributes', async () => {
    await store.upsert({ group: 'user_txn', rows: [{ entityId: 'u1', feature: 'amount', value: 10 }, { entityId: 'u2', feature: 'amount', value: null }] });
    const [span] = telemetry.spans();
    expect(span!.name).toBe('upsert user_txn');
    expect(span!.kind).toBe(SpanKind.CLIENT);
    expect(span!.attributes).toEqual({
      'db.system.name': 'memory',
      'db.operation.name': 'upsert',
      'db.collection.name': 'user_txn',
      'featurescope.row_count': 2,
    });
    expect(span!.instrumentationScope.name).toBe('@featurescope/core');
  });

  it('puts hits, misses and the max and median age of returned values on the lookup span', async () => {
    await store.upsert({ group: 'g', rows: [{ entityId: 'u1', feature: 'a', value: 1 }] });
    now += 10_000;
    await store.upsert({ group: 'g', rows: [{ entityId: 'u1', feature: 'b', value: 2 }, { entityId: 'u2', feature: 'a', value: 3 }] });
    now += 20_000;
    await store.upsert({ group: 'g', rows: [{ entityId: 'u2', feature: 'b', value: 4 }] });
    now += 1_000;
    // Ages now: u1.a 31 s, u1.b 21 s, u2.a 21 s, u2.b 1 s; u3 absent.
    await store.lookup({ group: 'g', entityIds: ['u1', 'u2', 'u3'], features: ['a', 'b'] });
    const span = telemetry.spans().at(-1)!;
    expect(span.name).toBe('lookup g');
    expect(span.attributes['featurescope.entity_count']).toBe(3);
    expect(span.attributes['featurescope.feature_count']).toBe(2);
    expect(span.attributes['featurescope.lookup.hits']).toBe(4);
    expect(span.attributes['featurescope.lookup.misses']).toBe(2);
    expect(span.attributes['db.response.returned_rows']).toBe(4);
    // The store clock is fake but the wrapper reads the real clock: ages are relative to Date.now().
    const offset = (Date.now() - now) / 1000;
    expect(span.attributes['featurescope.lookup.age.max'] as number).toBeCloseTo(31 + offset, 0);
    expect(span.attributes['featurescope.lookup.age.median'] as number).toBeCloseTo(21 + offset, 0);
  });

  it('records db.client.operation.duration per operation and per-feature counters', async () => {
    await store.upsert({ group: 'g', rows: [{ entityId: 'u1', feature: 'a', value: 1 }, { entityId: 'u2', feature: 'a', value: 2 }, { entityId: 'u1', feature: 'b', value: 3 }] });
    await store.lookup({ group: 'g', entityIds: ['u1', 'u2'], features: ['a', 'b'] });
    await store.upsertVectors({ collection: 'user_embeddings', records: [{ id: 'u1', vector: [1, 0, 0] }] });
    await store.searchVectors({ collection: 'user_embeddings', vector: [1, 0, 0], topK: 5 });
    expect(await telemetry.sumOf('db.client.operation.duration', { 'db.operation.name': 'upsert' })).toBe(1);
    expect(await telemetry.sumOf('db.client.operation.duration', { 'db.operation.name': 'lookup', 'db.collection.name': 'g' })).toBe(1);
    expect(await telemetry.sumOf('db.client.operation.duration', { 'db.operation.name': 'vector_search' })).toBe(1);
    expect(await telemetry.sumOf('featurescope.rows.written', { 'featurescope.feature.name': 'a' })).toBe(2);
    expect(await telemetry.sumOf('featurescope.rows.written', { 'featurescope.feature.name': 'b' })).toBe(1);
    expect(await telemetry.sumOf('featurescope.values.read', { 'featurescope.feature.name': 'a' })).toBe(2);
    expect(await telemetry.sumOf('featurescope.values.read', { 'featurescope.feature.name': 'b' })).toBe(1);
    expect(await telemetry.sumOf('featurescope.lookup.misses', { 'featurescope.feature.name': 'b' })).toBe(1);
    expect(await telemetry.sumOf('featurescope.vectors.written', { 'db.collection.name': 'user_embeddings' })).toBe(1);
    const search = telemetry.spans().at(-1)!;
    expect(search.name).toBe('vector_search user_embeddings');
    expect(search.attributes['featurescope.vector.top_k']).toBe(5);
    expect(search.attributes['featurescope.vector.dimension']).toBe(3);
    expect(search.attributes['db.response.returned_rows']).toBe(1);
  });

  it('uses the semantic-convention bucket boundaries for the duration histogram', async () => {
    await store.lookup({ group: 'g', entityIds: ['x'], features: ['a'] });
    const collected = await telemetry.collect();
    const metric = collected.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === 'db.client.operation.duration')!;
    expect(metric.descriptor.unit).toBe('s');
    const point = metric.dataPoints[0]!.value as { buckets: { boundaries: number[] } };
    expect(point.buckets.boundaries).toEqual([0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10]);
  });

  it('never puts entity ids or values on metrics', async () => {
    await store.upsert({ group: 'g', rows: [{ entityId: 'canary-entity-7731', feature: 'a', value: 987654.321 }] });
    await store.lookup({ group: 'g', entityIds: ['canary-entity-7731'], features: ['a'] });
    const text = JSON.stringify(await telemetry.collect());
    expect(text).not.toContain('canary-entity-7731');
    expect(text).not.toContain('987654.321');
    expect(JSON.stringify(telemetry.spans().map((s) => [s.attributes, s.events]))).not.toContain('canary-entity-7731');
  });

  it('caps distinct feature names per group and counts the rest under _other', async () => {
    const capped = instrumentFeatureStore(new InMemoryFeatureStore(), { meterProvider: telemetry.meterProvider, tracing: false, maxFeatureNames: 3 });
    const rows = Array.from({ length: 10 }, (_, i) => ({ entityId: 'e', feature: `f${i}`, value: i }));
    await capped.upsert({ group: 'wide', rows });
    expect(await telemetry.sumOf('featurescope.rows.written', { 'db.collection.name': 'wide', 'featurescope.feature.name': '_other' })).toBe(7);
    expect(await telemetry.sumOf('featurescope.rows.written', { 'db.collection.name': 'wide' })).toBe(10);
    const collected = await telemetry.collect();
    const names = new Set(
      collected.scopeMetrics.flatMap((s) => s.metrics).filter((m) => m.descriptor.name === 'featurescope.rows.written').flatMap((m) => m.dataPoints.map((p) => p.attributes['featurescope.feature.name'])),
    );
    expect(names).toEqual(new Set(['f0', 'f1', 'f2', '_other']));
  });

  it('gives only allow-listed features their own series', async () => {
    const listed = instrumentFeatureStore(new InMemoryFeatureStore(), { meterProvider: telemetry.meterProvider, tracing: false, featureAllowList: ['keep'] });
    await listed.upsert({ group: 'al', rows: [{ entityId: 'e', feature: 'keep', value: 1 }, { entityId: 'e', feature: 'drop', value: 1 }] });
    expect(await telemetry.sumOf('featurescope.rows.written', { 'db.collection.name': 'al', 'featurescope.feature.name': 'keep' })).toBe(1);
    expect(await telemetry.sumOf('featurescope.rows.written', { 'db.collection.name': 'al', 'featurescope.feature.name': '_other' })).toBe(1);
  });

  it('rethrows the same error object, marks the span ERROR with an exception event and error.type', async () => {
    const failure = Object.assign(new Error('connection lost'), { code: 'PROTOCOL_CONNECTION_LOST' });
    const failing = instrumentFeatureStore(failingStore(failure), { tracerProvider: telemetry.tracerProvider, meterProvider: telemetry.meterProvider });
    const caught = await failing.lookup({ group: 'g', entityIds: ['e'], features: ['a'] }).catch((e: unknown) => e);
    expect(caught).toBe(failure);
    const span = telemetry.spans()[0]!;
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes['error.type']).toBe('PROTOCOL_CONNECTION_LOST');
    expect(span.events.map((e) => e.name)).toEqual(['exception']);
    expect(await telemetry.sumOf('db.client.operation.duration', { 'error.type': 'PROTOCOL_CONNECTION_LOST' })).toBe(1);
  });

  it('rejects bad input with a typed error, records it, and writes nothing', async () => {
    const bad: UpsertRequest = { group: 'g', rows: [{ entityId: 'ok', feature: 'a', value: 1 }, { entityId: 'ok', feature: 'a', value: Number.NaN }] };
    const caught = await store.upsert(bad).catch((e: unknown) => e);
    expect(caught).toBeInstanceOf(InvalidInputError);
    expect((caught as InvalidInputError).problems[0]).toMatchObject({ index: 1, field: 'rows[1].value', code: 'NON_FINITE_VALUE' });
    expect((await raw.lookup({ group: 'g', entityIds: ['ok'], features: ['a'] })).values.size).toBe(0);
    expect(telemetry.spans()[0]!.attributes['error.type']).toBe('InvalidInputError');
  });

  it('leaves results unchanged when hooks throw, and still runs them with the span', async () => {
    const seen: string[] = [];
    const hooked = instrumentFeatureStore(raw, {
      tracerProvider: telemetry.tracerProvider,
      meterProvider: telemetry.meterProvider,
      hooks: {
        requestHook: (span: Span, info) => {
          span.setAttribute('app.request_hook', info.operation);
          seen.push(`request:${info.operation}`);
          throw new Error('request hook bug');
        },
        responseHook: (_span, info) => {
          seen.push(`response:${info.operation}`);
          throw new Error('response hook bug');
        },
      },
    });
    await hooked.upsert({ group: 'g', rows: [{ entityId: 'e', feature: 'a', value: 5 }] });
    const result: LookupResult = await hooked.lookup({ group: 'g', entityIds: ['e'], features: ['a'] });
    expect(result.values.get('e')?.get('a')?.value).toBe(5);
    expect(seen).toEqual(['request:upsert', 'response:upsert', 'request:lookup', 'response:lookup']);
    expect(telemetry.spans()[0]!.attributes['app.request_hook']).toBe('upsert');
  });

  it('lets an observer reject with an InvalidInputError before the store is called, and ignores other observer errors', async () => {
    const rejecting = instrumentFeatureStore(raw, {
      tracerProvider: telemetry.tracerProvider,
      observers: [
        { beforeUpsert: () => { throw new InvalidInputError([{ code: 'VALIDATION_RULE', index: 0, field: 'rows[0].value', message: 'out of range' }]); } },
      ],
    });
    await expect(rejecting.upsert({ group: 'g', rows: [{ entityId: 'r', feature: 'a', value: 1e9 }] })).rejects.toBeInstanceOf(InvalidInputError);
    expect((await raw.lookup({ group: 'g', entityIds: ['r'], features: ['a'] })).values.size).toBe(0);
    const buggy = instrumentFeatureStore(raw, {
      tracerProvider: telemetry.tracerProvider,
      observers: [{ beforeUpsert: () => { throw new TypeError('observer bug'); }, afterLookup: () => { throw new Error('bug'); } }],
    });
    await expect(buggy.upsert({ group: 'g', rows: [{ entityId: 'r', feature: 'a', value: 2 }] })).resolves.toEqual({ written: 1 });
    // featurescope's own error classes from inside an observer are bugs too, not a rejection.
    const internal = instrumentFeatureStore(raw, { tracerProvider: telemetry.tracerProvider, observers: [{ beforeUpsert: () => { throw new StoreClosedError(); } }] });
    await expect(internal.upsert({ group: 'g', rows: [{ entityId: 'r', feature: 'a', value: 2 }] })).resolves.toEqual({ written: 1 });
    expect((await buggy.lookup({ group: 'g', entityIds: ['r'], features: ['a'] })).values.get('r')?.get('a')?.value).toBe(2);
  });

  it('keeps entity ids off spans by default, and adds them plain or hashed on opt-in', async () => {
    await store.lookup({ group: 'g', entityIds: ['user-1'], features: ['a'] });
    expect(telemetry.spans()[0]!.attributes['featurescope.entity_ids']).toBeUndefined();
    const plain = instrumentFeatureStore(raw, { tracerProvider: telemetry.tracerProvider, entityIds: 'plain', maxEntityIdsPerSpan: 2 });
    await plain.lookup({ group: 'g', entityIds: ['user-1', 'user-2', 'user-3'], features: ['a'] });
    expect(telemetry.spans()[1]!.attributes['featurescope.entity_ids']).toEqual(['user-1', 'user-2']);
    const hashed = instrumentFeatureStore(raw, { tracerProvider: telemetry.tracerProvider, entityIds: 'hashed', entityIdHashKey: 'k' });
    await hashed.upsert({ group: 'g', rows: [{ entityId: 'user-1', feature: 'a', value: 1 }] });
    const ids = telemetry.spans()[2]!.attributes['featurescope.entity_ids'] as string[];
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatch(/^[0-9a-f]{16}$/);
    expect(ids[0]).not.toContain('user-1');
  });

  it('skips the tracer entirely with tracing: false but still measures', async () => {
    const untraced = instrumentFeatureStore(raw, { tracerProvider: telemetry.tracerProvider, meterProvider: telemetry.meterProvider, tracing: false });
    await untraced.lookup({ group: 'g', entityIds: ['e'], features: ['a'] });
    expect(telemetry.spans()).toHaveLength(0);
    expect(await telemetry.sumOf('featurescope.lookup.misses', { 'featurescope.feature.name': 'a' })).toBe(1);
  });

  it('returns the store type, forwarding the store’s other methods bound to it', async () => {
    class StoreWithExtras extends InMemoryFeatureStore {
      #schemaCalls = 0;
      ensureSchema(): Promise<number> {
        return Promise.resolve(++this.#schemaCalls);
      }
      get schemaCalls(): number {
        return this.#schemaCalls;
      }
    }
    const wrapped = instrumentFeatureStore(new StoreWithExtras(), { tracerProvider: telemetry.tracerProvider });
    expect(await wrapped.ensureSchema()).toBe(1);
    expect(wrapped.schemaCalls).toBe(1);
    expect(wrapped.system).toBe('memory');
  });

  it('fails fast on bad options', () => {
    expect(() => instrumentFeatureStore(raw, { maxFeatureNames: 0 })).toThrow(/maxFeatureNames/);
    expect(() => instrumentFeatureStore(raw, { entityIds: 'all' as never })).toThrow(/entityIds/);
    expect(() => instrumentFeatureStore({} as FeatureStore)).toThrow(InvalidOptionError);
  });
});

function failingStore(error: Error): FeatureStore {
  const fail = () => Promise.reject(error);
  return { system: 'mysql', upsert: fail, lookup: fail, upsertVectors: fail, searchVectors: fail, close: () => Promise.resolve() };
}
