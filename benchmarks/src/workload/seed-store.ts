import type { FeatureStore } from '@featurescope/core';
import { SeededRandom } from '@featurescope/test-utils';
import type { WorkloadModel } from './workload-generator.js';
import { BENCH_COLLECTION, BENCH_GROUP } from './workload-spec.js';

const SEED_BATCH_ROWS = 500;

/** Writes every (entity, feature) value and every vector once, so lookups hit and searches have candidates. */
export async function seedStore(store: FeatureStore, model: WorkloadModel, seed: number): Promise<void> {
  const random = new SeededRandom(seed);
  let rows: { entityId: string; feature: string; value: number }[] = [];
  for (const entityId of model.entityIds) {
    for (const feature of model.featureNames) {
      rows.push({ entityId, feature, value: Math.round(random.next() * 10_000) / 100 });
      if (rows.length === SEED_BATCH_ROWS) {
        await store.upsert({ group: BENCH_GROUP, rows });
        rows = [];
      }
    }
  }
  if (rows.length > 0) await store.upsert({ group: BENCH_GROUP, rows });
  if (!model.vectors) return;
  const records = [];
  for (let i = 0; i < model.spec.vectorCount; i++) {
    const vector = Array.from({ length: model.spec.vectorDimension }, () => random.next() * 2 - 1);
    records.push({ id: model.vectorId(i), vector });
    if (records.length === 200) await store.upsertVectors({ collection: BENCH_COLLECTION, records: records.splice(0) });
  }
  if (records.length > 0) await store.upsertVectors({ collection: BENCH_COLLECTION, records });
}
