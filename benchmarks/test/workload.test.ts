import { InMemoryFeatureStore } from '@featurescope/core';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../src/args.js';
import { shuffled } from '../src/run/run-cell.js';
import { WorkloadGenerator, WorkloadModel } from '../src/workload/workload-generator.js';
import { TailLatencyStore } from '../src/workload/tail-latency-store.js';
import { BENCH_GROUP, validateWorkload, WORKLOADS } from '../src/workload/workload-spec.js';

const mixed = new WorkloadModel(WORKLOADS.mixed!, { vectors: true });

describe('WorkloadGenerator', () => {
  it('yields the same operations for the same seed and different ones for another seed', () => {
    const take = (seed: number): unknown[] => {
      const generator = new WorkloadGenerator(mixed, seed);
      // eventTime is wall-clock; compare everything else.
      return Array.from({ length: 200 }, () => JSON.stringify(generator.next(), (k, v: unknown) => (k === 'eventTime' ? undefined : v)));
    };
    expect(take(5)).toEqual(take(5));
    expect(take(5)).not.toEqual(take(6));
  });

  it('honours the read/write/vector mix and the request shapes', { timeout: 30_000 }, () => {
    const generator = new WorkloadGenerator(mixed, 11);
    const counts = { lookup: 0, upsert: 0, vector_search: 0, vector_upsert: 0 };
    // Plain checks in the loop (80k expect() calls take seconds on a loaded machine); one assertion after.
    const wrongShapes: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const op = generator.next();
      counts[op.kind]++;
      if (op.kind === 'lookup') {
        if (op.request.entityIds.length !== 4 || op.request.features.length !== 10) wrongShapes.push(`lookup ${i}`);
      } else if (op.kind === 'upsert') {
        if (op.request.rows.length !== 20 || new Set(op.request.rows.map((r) => `${r.entityId}/${r.feature}`)).size !== 20) wrongShapes.push(`upsert ${i}`);
      } else if (op.kind === 'vector_search') {
        if (op.request.vector.length !== 64 || op.request.topK !== 10) wrongShapes.push(`vector_search ${i}`);
      }
    }
    expect(wrongShapes).toEqual([]);
    // vectorRatio 0.1; readRatio 0.8 of the rest; vector writes 10 % of vector operations.
    expect(counts.vector_search + counts.vector_upsert).toBeGreaterThan(1700);
    expect(counts.vector_search + counts.vector_upsert).toBeLessThan(2300);
    expect(counts.lookup / (counts.lookup + counts.upsert)).toBeCloseTo(0.8, 1);
    expect(counts.vector_upsert / (counts.vector_search + counts.vector_upsert)).toBeCloseTo(0.1, 1);
  });

  it('drives a real store: every generated request is valid', async () => {
    const store = new InMemoryFeatureStore({ collections: [{ name: 'fsbench_embeddings', dimension: 64 }] });
    const generator = new WorkloadGenerator(mixed, 3);
    for (let i = 0; i < 500; i++) {
      const op = generator.next();
      if (op.kind === 'lookup') await store.lookup(op.request);
      else if (op.kind === 'upsert') await store.upsert(op.request);
      else if (op.kind === 'vector_search') await store.searchVectors(op.request);
      else await store.upsertVectors(op.request);
    }
    const hot = await store.lookup({ group: BENCH_GROUP, entityIds: [mixed.entityIds[0]!], features: [...mixed.featureNames] });
    expect(hot.values.get(mixed.entityIds[0]!)?.size).toBeGreaterThan(0);
  });

  it('rejects inconsistent specs, naming the fields', () => {
    expect(() => validateWorkload({ ...WORKLOADS.lookup10!, zipfExponent: 2, readRatio: 1.5 })).toThrow(/zipfExponent.*readRatio/);
    expect(() => validateWorkload({ ...WORKLOADS.lookup10!, featuresPerLookup: 40 })).toThrow(/exceeds featureCount/);
  });
});

describe('TailLatencyStore', () => {
  it('delays a seeded fraction of calls and passes results through unchanged', async () => {
    const inner = new InMemoryFeatureStore();
    await inner.upsert({ group: 'g', rows: [{ entityId: 'e', feature: 'f', value: 1 }] });
    const run = async (seed: number): Promise<number> => {
      const store = new TailLatencyStore(inner, { fraction: 0.25, delayMs: 1, seed });
      for (let i = 0; i < 200; i++) {
        const result = await store.lookup({ group: 'g', entityIds: ['e'], features: ['f'] });
        expect(result.values.get('e')?.get('f')?.value).toBe(1);
      }
      expect(store.calls).toBe(200);
      return store.delayedCalls;
    };
    const delayed = await run(4);
    expect(delayed).toBe(await run(4));
    expect(delayed).toBeGreaterThan(30);
    expect(delayed).toBeLessThan(70);
  });

  it('passes errors through as the same object', async () => {
    const inner = new InMemoryFeatureStore();
    const store = new TailLatencyStore(inner, { fraction: 1, delayMs: 0 });
    const direct = await inner.upsert({ group: '', rows: [] }).catch((e: unknown) => e);
    const wrapped = await store.upsert({ group: '', rows: [] }).catch((e: unknown) => e);
    expect((wrapped as Error).constructor).toBe((direct as Error).constructor);
  });
});

describe('shuffled', () => {
  it('is a reproducible permutation that varies with the seed', () => {
    const items = ['raw', 'fs', 'fs+profiles', 'upstream', 'all'];
    expect(shuffled(items, 1)).toEqual(shuffled(items, 1));
    expect([...shuffled(items, 1)].sort()).toEqual([...items].sort());
    const orders = new Set(Array.from({ length: 20 }, (_, seed) => shuffled(items, seed).join()));
    expect(orders.size).toBeGreaterThan(10);
  });
});

describe('parseArgs', () => {
  it('starts from the quick profile and applies flags', () => {
    const options = parseArgs(['--store', 'memory', '--concurrency', '1,16', '--duration', '2', '--reps', '3', '--seed', '9', '--zipf', '0.7']);
    expect(options).toMatchObject({ profile: 'quick', stores: ['memory'], concurrency: [1, 16], durationMs: 2000, repetitions: 3, seed: 9, zipf: 0.7 });
  });

  it('selects the full matrix with --full and rejects bad values', () => {
    expect(parseArgs(['--full'])).toMatchObject({ profile: 'full', stores: ['memory', 'pglite', 'mariadb', 'postgres'] });
    expect(() => parseArgs(['--store', 'oracle'])).toThrow(/unknown store oracle/);
    expect(() => parseArgs(['--zipf', '2'])).toThrow(/--zipf/);
    expect(() => parseArgs(['--bogus'])).toThrow(/Unknown option '--bogus'/);
    expect(parseArgs(['--help'])).toBe('help');
  });
});
