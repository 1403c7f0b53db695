import {
  InvalidInputError,
  StoreCapabilityError,
  StoreClosedError,
  UnknownCollectionError,
  instrumentFeatureStore,
  type FeatureStore,
  type VectorCollectionSpec,
} from '@featurescope/core';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTelemetry } from '../telemetry/test-telemetry.js';

/** The vector collection every store under test must declare (when it supports vectors). */
export const CONFORMANCE_COLLECTION: VectorCollectionSpec = Object.freeze({ name: 'conformance_vectors', dimension: 4 });
/** The feature group the suite writes to. */
export const CONFORMANCE_GROUP = 'conformance_features';

export interface ConformanceTarget {
  /**
   * Creates a ready store (schema in place) whose feature table is empty or private to this run,
   * declaring {@link CONFORMANCE_COLLECTION} when `vectors` is 'supported'.
   */
  create(): Promise<FeatureStore>;
  /** 'supported': vectors work; 'unsupported': every vector call must fail with StoreCapabilityError. */
  vectors: 'supported' | 'unsupported';
  /** Tolerated clock difference between this process and the database, ms. @default 5000 */
  clockSkewMs?: number;
  /** Per-test timeout, ms. @default 30000 */
  timeoutMs?: number;
}

let sequence = 0;
/** Ids unique to one test so tests never see each other's rows. */
const uniqueId = (label: string): string => `${label}-${process.pid}-${Date.now().toString(36)}-${(sequence++).toString(36)}`;

/**
 * The behaviour every featurescope store must have. Call it from a test file of the store's package:
 * `describeFeatureStoreConformance('postgres (PGlite)', { create, vectors: 'supported' })`.
 */
export function describeFeatureStoreConformance(name: string, target: ConformanceTarget): void {
  const skew = target.clockSkewMs ?? 5000;
  describe(`FeatureStore conformance: ${name}`, { timeout: target.timeoutMs ?? 30_000 }, () => {
    let store: FeatureStore;
    beforeAll(async () => {
      store = await target.create();
    }, 120_000);
    afterAll(async () => {
      await store?.close();
    });

    it('writes a batch and reads every value back with its updatedAt', async () => {
      const e1 = uniqueId('e');
      const e2 = uniqueId('e');
      const before = Date.now();
      const result = await store.upsert({
        group: CONFORMANCE_GROUP,
        rows: [
          { entityId: e1, feature: 'amount_avg_7d', value: 12.5 },
          { entityId: e1, feature: 'txn_count_1h', value: 3 },
          { entityId: e2, feature: 'amount_avg_7d', value: -0.25 },
        ],
      });
      const after = Date.now();
      expect(result.written).toBe(3);
      const { values } = await store.lookup({ group: CONFORMANCE_GROUP, entityIds: [e1, e2], features: ['amount_avg_7d', 'txn_count_1h'] });
      expect(values.get(e1)?.get('amount_avg_7d')?.value).toBe(12.5);
      expect(values.get(e1)?.get('txn_count_1h')?.value).toBe(3);
      expect(values.get(e2)?.get('amount_avg_7d')?.value).toBe(-0.25);
      expect(values.get(e2)?.has('txn_count_1h')).toBe(false);
      const updatedAt = values.get(e1)!.get('amount_avg_7d')!.updatedAt;
      expect(updatedAt).toBeInstanceOf(Date);
      expect(updatedAt.getTime()).toBeGreaterThanOrEqual(before - skew);
      expect(updatedAt.getTime()).toBeLessThanOrEqual(after + skew);
    });

    it('keeps null as null and round-trips doubles exactly', async () => {
      const e = uniqueId('e');
      const doubles = [0.1 + 0.2, -1e308, 1e-300, 2 ** 53 + 2, Math.PI, -123456.789012345];
      await store.upsert({
        group: CONFORMANCE_GROUP,
        rows: [{ entityId: e, feature: 'missing_income', value: null }, ...doubles.map((value, i) => ({ entityId: e, feature: `d${i}`, value }))],
      });
      const { values } = await store.lookup({ group: CONFORMANCE_GROUP, entityIds: [e], features: ['missing_income', ...doubles.map((_, i) => `d${i}`)] });
      const found = values.get(e)!;
      expect(found.get('missing_income')?.value).toBeNull();
      doubles.forEach((value, i) => expect(found.get(`d${i}`)?.value).toBe(value));
    });

    it('overwrites on upsert (last write wins) and advances updatedAt', async () => {
      const e = uniqueId('e');
      await store.upsert({ group: CONFORMANCE_GROUP, rows: [{ entityId: e, feature: 'score', value: 1 }] });
      const first = (await store.lookup({ group: CONFORMANCE_GROUP, entityIds: [e], features: ['score'] })).values.get(e)!.get('score')!;
      await new Promise((resolve) => setTimeout(resolve, 5));
      await store.upsert({ group: CONFORMANCE_GROUP, rows: [{ entityId: e, feature: 'score', value: 2 }] });
      const second = (await store.lookup({ group: CONFORMANCE_GROUP, entityIds: [e], features: ['score'] })).values.get(e)!.get('score')!;
      expect(second.value).toBe(2);
      expect(second.updatedAt.getTime()).toBeGreaterThan(first.updatedAt.getTime());
    });

    it('lets the last row win when a batch repeats an (entity, feature) pair', async () => {
      const e = uniqueId('e');
      const result = await store.upsert({
        group: CONFORMANCE_GROUP,
        rows: [
          { entityId: e, feature: 'score', value: 1 },
          { entityId: e, feature: 'score', value: 7 },
        ],
      });
      expect(result.written).toBe(2);
      const { values } = await store.lookup({ group: CONFORMANCE_GROUP, entityIds: [e], features: ['score'] });
      expect(values.get(e)?.get('score')?.value).toBe(7);
    });

    it('reports absent entities and features as misses, not errors', async () => {
      const known = uniqueId('e');
      await store.upsert({ group: CONFORMANCE_GROUP, rows: [{ entityId: known, feature: 'a', value: 1 }] });
      const { values } = await store.lookup({ group: CONFORMANCE_GROUP, entityIds: [known, uniqueId('never')], features: ['a', 'never_written'] });
      expect([...values.keys()]).toEqual([known]);
      expect([...values.get(known)!.keys()]).toEqual(['a']);
      const empty = await store.lookup({ group: CONFORMANCE_GROUP, entityIds: [], features: ['a'] });
      expect(empty.values.size).toBe(0);
    });

    it('accepts long ids and unicode names, and an empty batch', async () => {
      const e = `${uniqueId('long')}-${'x'.repeat(100)}`;
      await store.upsert({ group: CONFORMANCE_GROUP, rows: [{ entityId: e, feature: 'städte_ø_数', value: 5 }] });
      const { values } = await store.lookup({ group: CONFORMANCE_GROUP, entityIds: [e], features: ['städte_ø_数'] });
      expect(values.get(e)?.get('städte_ø_数')?.value).toBe(5);
      expect((await store.upsert({ group: CONFORMANCE_GROUP, rows: [] })).written).toBe(0);
    });

    it('rejects a batch with bad rows with a typed error naming each row, and writes nothing of it', async () => {
      const good = uniqueId('good');
      const rows = [
        { entityId: good, feature: 'f', value: 1 },
        { entityId: '', feature: 'f', value: 1 },
        { entityId: good, feature: 'g', value: Number.NaN },
        { entityId: 42 as unknown as string, feature: 'f', value: 1 },
        { entityId: good, feature: 'h', value: Number.POSITIVE_INFINITY },
        { entityId: good, feature: '', value: 2 },
      ];
      const error = await store.upsert({ group: CONFORMANCE_GROUP, rows }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InvalidInputError);
      const problems = (error as InvalidInputError).problems;
      expect(problems.map((p) => [p.index, p.code])).toEqual([
        [1, 'INVALID_ENTITY_ID'],
        [2, 'NON_FINITE_VALUE'],
        [3, 'INVALID_ENTITY_ID'],
        [4, 'NON_FINITE_VALUE'],
        [5, 'INVALID_FEATURE_NAME'],
      ]);
      expect((error as Error).message).toContain('rows[1].entityId');
      const { values } = await store.lookup({ group: CONFORMANCE_GROUP, entityIds: [good], features: ['f', 'g', 'h'] });
      expect(values.size).toBe(0);
    });

    it('rejects malformed lookups with a typed error', async () => {
      await expect(store.lookup({ group: CONFORMANCE_GROUP, entityIds: [''], features: ['a'] })).rejects.toBeInstanceOf(InvalidInputError);
      await expect(store.lookup({ group: '', entityIds: ['x'], features: ['a'] })).rejects.toBeInstanceOf(InvalidInputError);
    });

    it('stays consistent under concurrent upserts', async () => {
      const ids = Array.from({ length: 24 }, () => uniqueId('c'));
      await Promise.all(ids.map((entityId, i) => store.upsert({ group: CONFORMANCE_GROUP, rows: [{ entityId, feature: 'n', value: i }] })));
      const { values } = await store.lookup({ group: CONFORMANCE_GROUP, entityIds: ids, features: ['n'] });
      ids.forEach((id, i) => expect(values.get(id)?.get('n')?.value).toBe(i));
    });

    it('passes results and the same error objects through instrumentFeatureStore, with one span per call', async () => {
      const telemetry = createTestTelemetry();
      try {
        const instrumented = instrumentFeatureStore(store, { tracerProvider: telemetry.tracerProvider, meterProvider: telemetry.meterProvider });
        const e = uniqueId('i');
        await instrumented.upsert({ group: CONFORMANCE_GROUP, rows: [{ entityId: e, feature: 'a', value: 4 }] });
        const direct = await store.lookup({ group: CONFORMANCE_GROUP, entityIds: [e], features: ['a', 'b'] });
        const wrapped = await instrumented.lookup({ group: CONFORMANCE_GROUP, entityIds: [e], features: ['a', 'b'] });
        expect(wrapped.values.get(e)?.get('a')?.value).toBe(direct.values.get(e)?.get('a')?.value);
        const bad = { group: CONFORMANCE_GROUP, rows: [{ entityId: '', feature: 'a', value: 1 }] };
        const error = await instrumented.upsert(bad).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InvalidInputError);
        const spans = telemetry.spans();
        expect(spans.map((s) => s.name)).toEqual([`upsert ${CONFORMANCE_GROUP}`, `lookup ${CONFORMANCE_GROUP}`, `upsert ${CONFORMANCE_GROUP}`]);
        expect(spans.every((s) => s.kind === SpanKind.CLIENT)).toBe(true);
        expect(spans[1]!.attributes['featurescope.lookup.hits']).toBe(1);
        expect(spans[1]!.attributes['featurescope.lookup.misses']).toBe(1);
        expect(spans[2]!.status.code).toBe(SpanStatusCode.ERROR);
        expect(spans[2]!.attributes['error.type']).toBe('InvalidInputError');
      } finally {
        await telemetry.shutdown();
      }
    });

    if (target.vectors === 'supported') describeVectors(() => store);
    else {
      it('fails every vector call with StoreCapabilityError', async () => {
        const { name } = CONFORMANCE_COLLECTION;
        await expect(store.upsertVectors({ collection: name, records: [{ id: 'a', vector: [1, 0, 0, 0] }] })).rejects.toBeInstanceOf(StoreCapabilityError);
        await expect(store.searchVectors({ collection: name, vector: [1, 0, 0, 0], topK: 1 })).rejects.toBeInstanceOf(StoreCapabilityError);
      });
    }

    it('rejects calls after close with StoreClosedError, and close is idempotent', async () => {
      const closing = await target.create();
      await closing.close();
      await closing.close();
      await expect(closing.lookup({ group: CONFORMANCE_GROUP, entityIds: ['x'], features: ['a'] })).rejects.toBeInstanceOf(StoreClosedError);
      await expect(closing.upsert({ group: CONFORMANCE_GROUP, rows: [{ entityId: 'x', feature: 'a', value: 1 }] })).rejects.toBeInstanceOf(StoreClosedError);
    });
  });
}

function describeVectors(getStore: () => FeatureStore): void {
  const collection = CONFORMANCE_COLLECTION.name;
  describe('vectors', () => {
    it('finds nearest neighbours by cosine similarity, best first, limited to topK', async () => {
      const store = getStore();
      const p = uniqueId('v');
      await store.upsertVectors({
        collection,
        records: [
          { id: `${p}-x`, vector: [1, 0, 0, 0], metadata: { segment: 'x', weight: 1.5, active: true, note: null } },
          { id: `${p}-xy`, vector: [1, 1, 0, 0] },
          { id: `${p}-y`, vector: [0, 1, 0, 0] },
          { id: `${p}-negx`, vector: [-1, 0, 0, 0] },
        ],
      });
      // A query direction no other test writes near, so results are this test's vectors.
      const result = await store.searchVectors({ collection, vector: [3, 0, 0, 0], topK: 50 });
      const mine = result.matches.filter((m) => m.id.startsWith(p));
      expect(mine.map((m) => m.id)).toEqual([`${p}-x`, `${p}-xy`, `${p}-y`, `${p}-negx`]);
      expect(mine[0]!.score).toBeCloseTo(1, 5);
      expect(mine[1]!.score).toBeCloseTo(Math.SQRT1_2, 5);
      expect(mine[2]!.score).toBeCloseTo(0, 5);
      expect(mine[3]!.score).toBeCloseTo(-1, 5);
      expect(mine[0]!.metadata).toEqual({ segment: 'x', weight: 1.5, active: true, note: null });
      const top2 = await store.searchVectors({ collection, vector: [1, 0, 0, 0], topK: 2 });
      expect(top2.matches.length).toBe(2);
      expect(top2.matches[0]!.score).toBeGreaterThanOrEqual(top2.matches[1]!.score);
    });

    it('replaces a vector with the same id', async () => {
      const store = getStore();
      const id = uniqueId('r');
      await store.upsertVectors({ collection, records: [{ id, vector: [0, 0, 1, 0] }] });
      await store.upsertVectors({ collection, records: [{ id, vector: new Float32Array([0, 0, 0, 1]) }] });
      const result = await store.searchVectors({ collection, vector: [0, 0, 0, 1], topK: 100 });
      const match = result.matches.find((m) => m.id === id);
      expect(match?.score).toBeCloseTo(1, 5);
      expect(result.matches.filter((m) => m.id === id)).toHaveLength(1);
    });

    it('rejects wrong dimensions and non-finite components, naming the record, and writes nothing', async () => {
      const store = getStore();
      const good = uniqueId('g');
      const error = await store
        .upsertVectors({ collection, records: [{ id: good, vector: [0, 0, 1, 1] }, { id: uniqueId('b'), vector: [1, 2, 3] }, { id: uniqueId('n'), vector: [1, Number.NaN, 0, 0] }] })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).problems.map((p) => [p.index, p.code])).toEqual([
        [1, 'VECTOR_DIMENSION_MISMATCH'],
        [2, 'NON_FINITE_VECTOR_COMPONENT'],
      ]);
      const result = await store.searchVectors({ collection, vector: [0, 0, 1, 1], topK: 100 });
      expect(result.matches.some((m) => m.id === good)).toBe(false);
      await expect(store.searchVectors({ collection, vector: [1, 0], topK: 1 })).rejects.toBeInstanceOf(InvalidInputError);
      await expect(store.searchVectors({ collection, vector: [0, 0, 0, 0], topK: 1 })).rejects.toBeInstanceOf(InvalidInputError);
      await expect(store.searchVectors({ collection, vector: [1, 0, 0, 0], topK: 0 })).rejects.toBeInstanceOf(InvalidInputError);
    });

    it('rejects an undeclared collection with UnknownCollectionError', async () => {
      await expect(getStore().searchVectors({ collection: 'no_such_collection', vector: [1, 0, 0, 0], topK: 1 })).rejects.toBeInstanceOf(UnknownCollectionError);
    });
  });
}
