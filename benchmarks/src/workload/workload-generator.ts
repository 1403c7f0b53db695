import type { LookupRequest, UpsertRequest, VectorSearchRequest, VectorUpsertRequest } from '@featurescope/core';
import { SeededRandom, type Random } from '@featurescope/test-utils';
import { ZipfSampler } from '../random/zipf.js';
import { BENCH_COLLECTION, BENCH_GROUP, type WorkloadSpec } from './workload-spec.js';

/** One store call the workload asks for. */
export type Operation =
  | { readonly kind: 'lookup'; readonly request: LookupRequest; readonly values: number }
  | { readonly kind: 'upsert'; readonly request: UpsertRequest; readonly values: number }
  | { readonly kind: 'vector_search'; readonly request: VectorSearchRequest; readonly values: number }
  | { readonly kind: 'vector_upsert'; readonly request: VectorUpsertRequest; readonly values: number };

/** Names and the Zipf table shared by every worker of one workload (built once). */
export class WorkloadModel {
  readonly spec: WorkloadSpec;
  readonly entityIds: readonly string[];
  readonly featureNames: readonly string[];
  /** A few fixed "model" feature lists, as real serving code reads the same list every time. */
  readonly featureLists: readonly (readonly string[])[];
  readonly zipf: ZipfSampler;
  /** Whether vector operations are generated (false when the store has no vector support). */
  readonly vectors: boolean;

  constructor(spec: WorkloadSpec, options: { vectors: boolean }) {
    this.spec = spec;
    this.vectors = options.vectors && spec.vectorRatio > 0;
    this.entityIds = Array.from({ length: spec.entities }, (_, i) => `user-${String(i).padStart(7, '0')}`);
    this.featureNames = Array.from({ length: spec.featureCount }, (_, i) => `f${String(i).padStart(2, '0')}_txn_stat`);
    const lists: string[][] = [];
    for (let start = 0; start + spec.featuresPerLookup <= spec.featureCount && lists.length < 4; start += 2) {
      lists.push(this.featureNames.slice(start, start + spec.featuresPerLookup));
    }
    this.featureLists = lists;
    this.zipf = new ZipfSampler(spec.entities, spec.zipfExponent);
  }

  vectorId(index: number): string {
    return `item-${String(index).padStart(6, '0')}`;
  }
}

/**
 * A deterministic operation stream for one worker: the same (model, seed) always yields the
 * same sequence, so every variant of a repetition sees identical traffic.
 */
export class WorkloadGenerator {
  readonly #model: WorkloadModel;
  readonly #random: Random;

  constructor(model: WorkloadModel, seed: number) {
    this.#model = model;
    this.#random = new SeededRandom(seed);
  }

  next(): Operation {
    const { spec, vectors } = this.#model;
    const random = this.#random;
    if (vectors && random.next() < spec.vectorRatio) {
      return random.next() < spec.vectorWriteRatio ? this.#vectorUpsert() : this.#vectorSearch();
    }
    return random.next() < spec.readRatio ? this.#lookup() : this.#upsert();
  }

  #entity(): string {
    return this.#model.entityIds[this.#model.zipf.sample(this.#random)]!;
  }

  #lookup(): Operation {
    const { spec, featureLists } = this.#model;
    const entityIds: string[] = [];
    for (let i = 0; i < spec.entitiesPerLookup; i++) entityIds.push(this.#entity());
    const features = featureLists[this.#random.nextInt(featureLists.length)]!;
    return { kind: 'lookup', request: { group: BENCH_GROUP, entityIds, features }, values: entityIds.length * features.length };
  }

  #upsert(): Operation {
    const { spec, featureNames } = this.#model;
    const rows = [];
    const eventTime = new Date(Date.now() - 1000);
    // Distinct (entity, feature) pairs per batch: several SQL upserts reject a duplicate key in one statement.
    const seen = new Set<string>();
    while (rows.length < spec.upsertBatchRows) {
      const entityId = this.#entity();
      const feature = featureNames[this.#random.nextInt(featureNames.length)]!;
      const key = `${entityId}\u0000${feature}`;
      if (seen.has(key)) {
        if (seen.size >= spec.entities * featureNames.length) break;
        continue;
      }
      seen.add(key);
      const value = this.#random.next() < 0.02 ? null : Math.round(this.#random.next() * 10_000) / 100;
      rows.push({ entityId, feature, value, eventTime });
    }
    return { kind: 'upsert', request: { group: BENCH_GROUP, rows }, values: rows.length };
  }

  #vector(): number[] {
    const vector = new Array<number>(this.#model.spec.vectorDimension);
    for (let i = 0; i < vector.length; i++) vector[i] = this.#random.next() * 2 - 1;
    return vector;
  }

  #vectorSearch(): Operation {
    const { spec } = this.#model;
    return { kind: 'vector_search', request: { collection: BENCH_COLLECTION, vector: this.#vector(), topK: spec.topK }, values: spec.topK };
  }

  #vectorUpsert(): Operation {
    const id = this.#model.vectorId(this.#random.nextInt(this.#model.spec.vectorCount));
    return { kind: 'vector_upsert', request: { collection: BENCH_COLLECTION, records: [{ id, vector: this.#vector(), metadata: { source: 'bench' } }] }, values: 1 };
  }
}
