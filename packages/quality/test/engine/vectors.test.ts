import { afterEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '@featurescope/core';
import { SeededRandom } from '@featurescope/test-utils';
import { VECTOR_NORM_BUCKETS } from '../../src/semconv.js';
import { createHarness, histogramPoint, valueOf, type Harness } from './harness.js';

const collections = [
  { name: 'emb', dimension: 3 },
  { name: 'strict', dimension: 3 },
];

describe('vector quality', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('counts dimension mismatches, non-finite components and zero vectors, even in rejected batches', async () => {
    h = createHarness({ features: { emb: { kind: 'vector', dimension: 3 } } }, collections);
    const error = await h.store
      .upsertVectors({
        collection: 'emb',
        records: [
          { id: 'ok', vector: [1, 0, 0] },
          { id: 'short', vector: [1, 0] },
          { id: 'nan', vector: [1, Number.NaN, 0] },
          { id: 'zero', vector: [0, 0, 0] },
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError); // core rejects the batch (dimension, NaN)
    await h.store.upsertVectors({ collection: 'emb', records: [{ id: 'zero2', vector: new Float32Array(3) }] }); // core accepts zero vectors
    const invalid = (problem: string) => valueOf(h.telemetry, 'featurescope.vector.invalid', { 'db.collection.name': 'emb', 'featurescope.vector.problem': problem });
    expect(await invalid('dimension')).toBe(1);
    expect(await invalid('non_finite')).toBe(1);
    expect(await invalid('zero')).toBe(2);
    expect(await valueOf(h.telemetry, 'featurescope.validation.violations', { 'db.collection.name': 'emb', 'featurescope.rule': 'zero', 'featurescope.policy': 'record' })).toBe(2);
  });

  it('reject policy: names every offending record and writes nothing', async () => {
    h = createHarness({ features: { strict: { kind: 'vector', dimension: 3, policy: 'reject' } } }, collections);
    const error = (await h.store
      .upsertVectors({ collection: 'strict', records: [{ id: 'a', vector: [0, 0, 0] }, { id: 'b', vector: [1, 2, 3] }, { id: 'c', vector: [0, 0, 0] }] })
      .catch((e: unknown) => e)) as InvalidInputError;
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.code).toBe('VALIDATION_RULE');
    expect(error.problems.map((p) => p.index)).toEqual([0, 2]);
    expect(error.problems[0]!.message).toMatch(/rule "zero"/);
    const search = await h.raw.searchVectors({ collection: 'strict', vector: [1, 2, 3], topK: 5 });
    expect(search.matches).toHaveLength(0);
  });

  it('records the norm of written vectors, and the top-1 score and result count of searches', async () => {
    h = createHarness({}, collections);
    await h.store.upsertVectors({ collection: 'emb', records: [{ id: 'a', vector: [3, 4, 0] }, { id: 'b', vector: [0, 0.6, 0.8] }] });
    const norms = histogramPoint('featurescope.vector.norm', { 'db.collection.name': 'emb' });
    expect(norms.boundaries).toEqual(VECTOR_NORM_BUCKETS);
    expect(norms.count).toBe(2);
    expect(norms.sum).toBeCloseTo(6, 12);
    expect(norms.max).toBeCloseTo(5, 12);
    await h.store.searchVectors({ collection: 'emb', vector: [3, 4, 0], topK: 5 });
    await h.store.searchVectors({ collection: 'emb', vector: [0, 0, 1], topK: 1 });
    const top = histogramPoint('featurescope.vector_search.top_score', { 'db.collection.name': 'emb' });
    expect(top.count).toBe(2);
    expect(top.max).toBeCloseTo(1, 6);
    expect(top.min).toBeCloseTo(0.8, 6);
    const results = histogramPoint('featurescope.vector_search.results', { 'db.collection.name': 'emb' });
    expect(results.count).toBe(2);
    expect(results.sum).toBe(3);
  });

  it('judges centroid drift against the baseline\'s own spread: about 1 without a shift, large for a rotation', async () => {
    h = createHarness({ window: { durationMs: 60_000, minCount: 50 } }, collections);
    const random = new SeededRandom(5);
    const around = (x: number, y: number, z: number) => [x + random.normal(0, 0.05), y + random.normal(0, 0.05), z + random.normal(0, 0.05)];
    const write = (n: number, direction: [number, number, number]) =>
      h.store.upsertVectors({ collection: 'emb', records: Array.from({ length: n }, (_, i) => ({ id: `v${i}`, vector: around(...direction) })) });
    h.engine.startBaselineCapture();
    await write(200, [1, 0, 0]);
    expect(h.engine.finishBaselineCapture().vectors).toBe(1);
    await write(100, [1, 0, 0]);
    h.now += 60_000;
    await write(1, [1, 0, 0]);
    const same = await valueOf(h.telemetry, 'featurescope.vector.centroid_drift', { 'db.collection.name': 'emb' });
    expect(same).toBeLessThan(5);
    await write(100, [0.8, 0.6, 0]);
    h.now += 60_000;
    await write(1, [0, 1, 0]);
    const rotated = await valueOf(h.telemetry, 'featurescope.vector.centroid_drift', { 'db.collection.name': 'emb' });
    expect(rotated).toBeGreaterThan(100);
  });

  it('stays near 1 on random 64-d embeddings with no shift (noise is not presented as drift)', async () => {
    const dims = 64;
    h = createHarness({ window: { durationMs: 60_000, minCount: 100 } }, [{ name: 'rand', dimension: dims }]);
    const random = new SeededRandom(9);
    const write = (n: number) =>
      h.store.upsertVectors({ collection: 'rand', records: Array.from({ length: n }, (_, i) => ({ id: `r${i}`, vector: Array.from({ length: dims }, () => random.normal(0, 1)) })) });
    h.engine.startBaselineCapture();
    await write(2_000);
    h.engine.finishBaselineCapture();
    const readings: number[] = [];
    for (let w = 0; w < 20; w++) {
      await write(500);
      h.now += 60_000;
      await write(1);
      readings.push(await valueOf(h.telemetry, 'featurescope.vector.centroid_drift', { 'db.collection.name': 'rand' }));
    }
    // E = 1 and sd ≈ sqrt(2/64) = 0.18 under no shift; the old cosine distance read 1.0–1.4 here as "drift".
    expect(Math.max(...readings)).toBeLessThan(2);
    expect(readings.reduce((a, b) => a + b, 0) / readings.length).toBeGreaterThan(0.7);
  });

  it('keeps the baseline of a collection first seen during the capture, across window closes', async () => {
    h = createHarness({ window: { durationMs: 60_000, minCount: 10 } }, [{ name: 'late', dimension: 2 }]);
    h.engine.startBaselineCapture();
    for (let w = 0; w < 3; w++) {
      await h.store.upsertVectors({ collection: 'late', records: Array.from({ length: 20 }, (_, i) => ({ id: `l${i}`, vector: [1, i / 20] })) });
      h.now += 60_000;
    }
    await h.store.searchVectors({ collection: 'late', vector: [1, 0], topK: 1 });
    await h.store.searchVectors({ collection: 'late', vector: [0, 1], topK: 1 });
    const summary = h.engine.finishBaselineCapture();
    expect(summary.vectors).toBe(1);
    const doc = h.engine.baselineDocument();
    expect(doc.vectors[0]!.collection).toBe('late');
    expect(doc.vectors[0]!.count).toBe(60);
    // The score reference: the top-1 cosine scores of the searches seen while capturing.
    expect(doc.vectors[0]!.scoreCount).toBe(2);
    expect(doc.vectors[0]!.scoreMean).toBeGreaterThan(0.5);
    expect(doc.vectors[0]!.normMean).toBeGreaterThan(1);
  });
});
