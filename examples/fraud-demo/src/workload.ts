import { StoreCapabilityError, type FeatureStore } from '@featurescope/core';
import { EMBEDDINGS, FEATURES, GROUP, embedding, transactionFeatures, userId } from './fraud-features.js';
import { LatencyWindow } from './latency-window.js';
import { createRandom } from './random.js';

/** Counters the live summary reads. */
export class WorkloadStats {
  readonly lookups = new LatencyWindow();
  readonly upserts = new LatencyWindow();
  readonly searches = new LatencyWindow();
  valuesWritten = 0;
  errors = 0;
  /** Largest age (s) of a value served in the current interval. */
  maxServedAgeSeconds = 0;
  vectorsUnavailable = false;
}

export interface WorkloadOptions {
  readonly users: number;
  readonly seed: number;
  /** Standard deviations the average amount is shifted by; read on every write so it can change live. */
  shift: () => number;
}

/**
 * The fraud service's traffic, all through the instrumented store: a feature pipeline writing
 * transaction features, a scorer reading them for incoming transactions, and embedding
 * writes and similar-user searches. Each loop runs until `signal` aborts.
 */
export async function runWorkload(store: FeatureStore, stats: WorkloadStats, options: WorkloadOptions, signal: AbortSignal): Promise<void> {
  const random = createRandom(options.seed);
  const pick = (): number => Math.floor(random() * options.users);
  await seedUsers(store, stats, options, random);

  const writer = loop(signal, async () => {
    const rows = [];
    for (let i = 0; i < 20; i++) rows.push(...transactionFeatures(userId(pick()), random, new Date(Date.now() - random() * 2000), options.shift()));
    const started = performance.now();
    await store.upsert({ group: GROUP, rows });
    stats.upserts.record(performance.now() - started);
    stats.valuesWritten += rows.length;
    await pause(25);
  }, stats);

  const scorer = loop(signal, async () => {
    const started = performance.now();
    const { values } = await store.lookup({ group: GROUP, entityIds: [userId(pick())], features: FEATURES });
    stats.lookups.record(performance.now() - started);
    const now = Date.now();
    for (const features of values.values()) {
      for (const { updatedAt } of features.values()) stats.maxServedAgeSeconds = Math.max(stats.maxServedAgeSeconds, (now - updatedAt.getTime()) / 1000);
    }
    await pause(2);
  }, stats);

  const similarity = loop(signal, async () => {
    if (stats.vectorsUnavailable) return pause(1000);
    const index = pick();
    try {
      await store.upsertVectors({ collection: EMBEDDINGS.name, records: [{ id: userId(index), vector: embedding(index, random) }] });
      const started = performance.now();
      await store.searchVectors({ collection: EMBEDDINGS.name, vector: embedding(pick(), random), topK: 5 });
      stats.searches.record(performance.now() - started);
    } catch (error) {
      // A server without vector support (e.g. MariaDB 10.11): say it once, keep serving features.
      if (!(error instanceof StoreCapabilityError)) throw error;
      console.log(`vectors unsupported by this store, similarity search skipped: ${error.message}`);
      stats.vectorsUnavailable = true;
    }
    await pause(50);
  }, stats);

  await Promise.all([writer, scorer, similarity]);
}

/** Every user gets features before serving starts, so lookups hit. */
async function seedUsers(store: FeatureStore, stats: WorkloadStats, options: WorkloadOptions, random: () => number): Promise<void> {
  for (let start = 0; start < options.users; start += 100) {
    const rows = [];
    for (let u = start; u < Math.min(options.users, start + 100); u++) rows.push(...transactionFeatures(userId(u), random, new Date(), options.shift()));
    await store.upsert({ group: GROUP, rows });
    stats.valuesWritten += rows.length;
  }
}

async function loop(signal: AbortSignal, step: () => Promise<unknown>, stats: WorkloadStats): Promise<void> {
  while (!signal.aborted) {
    try {
      await step();
    } catch (error) {
      stats.errors++;
      if (stats.errors <= 3) console.error('store call failed:', error instanceof Error ? error.message : error);
      await pause(200);
    }
  }
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
