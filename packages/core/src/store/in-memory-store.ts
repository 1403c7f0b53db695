import { StoreClosedError } from '../errors.js';
import { cosineSimilarity } from '../vector/cosine.js';
import { VectorCollections } from '../vector/collections.js';
import {
  validateLookupRequest,
  validateUpsertRequest,
  validateVectorSearchRequest,
  validateVectorUpsertRequest,
} from '../validation/validate-requests.js';
import type {
  FeatureStore,
  LookupRequest,
  LookupResult,
  StoredFeatureValue,
  UpsertRequest,
  UpsertResult,
  VectorCollectionSpec,
  VectorMatch,
  VectorMetadata,
  VectorSearchRequest,
  VectorSearchResult,
  VectorUpsertRequest,
  VectorUpsertResult,
} from './types.js';

export interface InMemoryFeatureStoreOptions {
  /** Vector collections and their dimensions. @default [] */
  readonly collections?: readonly VectorCollectionSpec[];
  /** Clock for `updatedAt`; tests pass a fake one. @default () => new Date() */
  readonly now?: () => Date;
}

interface StoredVector {
  readonly vector: Float32Array;
  readonly metadata: VectorMetadata | undefined;
}

/**
 * The reference store: complete, synchronous underneath, kept in process memory.
 * It defines the contract's behaviour for the conformance suite and serves tests and benchmarks.
 */
export class InMemoryFeatureStore implements FeatureStore {
  readonly system = 'memory';
  readonly #features = new Map<string, Map<string, Map<string, StoredFeatureValue>>>();
  readonly #vectors = new Map<string, Map<string, StoredVector>>();
  readonly #collections: VectorCollections;
  readonly #now: () => Date;
  #closed = false;

  constructor(options: InMemoryFeatureStoreOptions = {}) {
    this.#collections = new VectorCollections(options.collections);
    this.#now = options.now ?? (() => new Date());
  }

  upsert(request: UpsertRequest): Promise<UpsertResult> {
    return this.#run(() => {
      validateUpsertRequest(request);
      const updatedAt = this.#now();
      let group = this.#features.get(request.group);
      if (group === undefined) this.#features.set(request.group, (group = new Map<string, Map<string, StoredFeatureValue>>()));
      for (const row of request.rows) {
        let entity = group.get(row.entityId);
        if (entity === undefined) group.set(row.entityId, (entity = new Map<string, StoredFeatureValue>()));
        entity.set(row.feature, { value: row.value, updatedAt });
      }
      return { written: request.rows.length };
    });
  }

  lookup(request: LookupRequest): Promise<LookupResult> {
    return this.#run(() => {
      validateLookupRequest(request);
      const values = new Map<string, Map<string, StoredFeatureValue>>();
      const group = this.#features.get(request.group);
      if (group === undefined) return { values };
      for (const entityId of request.entityIds) {
        const stored = group.get(entityId);
        if (stored === undefined) continue;
        let found: Map<string, StoredFeatureValue> | undefined;
        for (const feature of request.features) {
          const value = stored.get(feature);
          if (value === undefined) continue;
          found ??= new Map();
          found.set(feature, value);
        }
        if (found !== undefined) values.set(entityId, found);
      }
      return { values };
    });
  }

  upsertVectors(request: VectorUpsertRequest): Promise<VectorUpsertResult> {
    return this.#run(() => {
      const dimension = this.#collections.dimensionOf(request?.collection);
      validateVectorUpsertRequest(request, dimension);
      let collection = this.#vectors.get(request.collection);
      if (collection === undefined) this.#vectors.set(request.collection, (collection = new Map<string, StoredVector>()));
      for (const record of request.records) {
        collection.set(record.id, {
          vector: Float32Array.from(record.vector),
          metadata: record.metadata === undefined ? undefined : { ...record.metadata },
        });
      }
      return { written: request.records.length };
    });
  }

  searchVectors(request: VectorSearchRequest): Promise<VectorSearchResult> {
    return this.#run(() => {
      const dimension = this.#collections.dimensionOf(request?.collection);
      validateVectorSearchRequest(request, dimension);
      // Float32 like the SQL stores, so scores agree across backends.
      const query = Float32Array.from(request.vector);
      const matches: VectorMatch[] = [];
      for (const [id, stored] of this.#vectors.get(request.collection) ?? []) {
        const score = cosineSimilarity(query, stored.vector);
        matches.push(stored.metadata === undefined ? { id, score } : { id, score, metadata: stored.metadata });
      }
      matches.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return { matches: matches.slice(0, request.topK) };
    });
  }

  close(): Promise<void> {
    this.#closed = true;
    return Promise.resolve();
  }

  /** Runs a synchronous body as a promise so validation errors reject instead of throwing. */
  // eslint-disable-next-line @typescript-eslint/require-await -- async turns throws into rejections
  async #run<T>(body: () => T): Promise<T> {
    if (this.#closed) throw new StoreClosedError();
    return body();
  }
}
