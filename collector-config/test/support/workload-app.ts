import {
  InMemoryFeatureStore,
  instrumentFeatureStore,
  type FeatureStore,
  type FeatureStoreObserver,
  type LookupRequest,
  type LookupResult,
  type UpsertRequest,
  type UpsertResult,
  type VectorSearchRequest,
  type VectorSearchResult,
  type VectorUpsertRequest,
  type VectorUpsertResult,
} from '@featurescope/core';
import { setTimeout as sleep } from 'node:timers/promises';

/** The deterministic workload's shape: the e2e tests compare Prometheus' numbers to these. */
export const WORKLOAD = {
  group: 'cc_e2e_txn',
  features: ['amount_avg_7d', 'txn_count_24h'],
  entities: 10,
  /** Successful upserts; each writes every feature for every entity. */
  upserts: 30,
  /** Upserts rejected with InvalidInputError (a NaN value). */
  failedUpserts: 3,
  lookups: 40,
  /** Entities per lookup (all present after the first upsert). */
  lookupEntities: 5,
  /** Every lookup waits this long, so its duration lands in a known histogram range. */
  lookupDelayMs: 25,
  /** Pause between iterations, so the run spans several scrapes. */
  pauseMs: 100,
} as const;

/** What the workload did, measured by the app itself. */
export interface WorkloadReport {
  readonly upserts: number;
  readonly failedUpserts: number;
  readonly failedErrorName: string;
  readonly lookups: number;
  readonly rowsWrittenPerFeature: number;
  readonly valuesReadPerFeature: number;
  /** Longest lookup as the caller saw it (≥ what the instrumentation measured), seconds. */
  readonly maxLookupSeconds: number;
  /** Wall-clock time of the last successful upsert, Unix seconds. */
  readonly lastUpsertAt: number;
}

/** An in-memory store whose lookups take at least `delayMs`: gives lookups a known latency floor. */
class SlowLookupStore implements FeatureStore {
  readonly system = 'memory';
  readonly #inner = new InMemoryFeatureStore();
  readonly #delayMs: number;

  constructor(delayMs: number) {
    this.#delayMs = delayMs;
  }

  upsert(request: UpsertRequest): Promise<UpsertResult> {
    return this.#inner.upsert(request);
  }

  async lookup(request: LookupRequest): Promise<LookupResult> {
    await sleep(this.#delayMs);
    return this.#inner.lookup(request);
  }

  upsertVectors(request: VectorUpsertRequest): Promise<VectorUpsertResult> {
    return this.#inner.upsertVectors(request);
  }

  searchVectors(request: VectorSearchRequest): Promise<VectorSearchResult> {
    return this.#inner.searchVectors(request);
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}

/**
 * Runs the workload against an instrumented store on the global OpenTelemetry providers
 * (start them first, e.g. with `startTelemetry()`).
 */
export async function runWorkload(observers: readonly FeatureStoreObserver[] = []): Promise<WorkloadReport> {
  const store = instrumentFeatureStore(new SlowLookupStore(WORKLOAD.lookupDelayMs), { observers });
  const entityIds = Array.from({ length: WORKLOAD.entities }, (_, i) => `user-${i}`);
  let upserts = 0;
  let failedUpserts = 0;
  let failedErrorName = '';
  let lookups = 0;
  let maxLookupSeconds = 0;
  let lastUpsertAt = 0;
  for (let i = 0; i < WORKLOAD.lookups; i++) {
    if (upserts < WORKLOAD.upserts) {
      const rows = entityIds.flatMap((entityId, e) => WORKLOAD.features.map((feature, f) => ({ entityId, feature, value: i + e + f / 10, eventTime: new Date() })));
      await store.upsert({ group: WORKLOAD.group, rows });
      upserts++;
      lastUpsertAt = Date.now() / 1000;
    }
    if (failedUpserts < WORKLOAD.failedUpserts && i % 10 === 5) {
      try {
        await store.upsert({ group: WORKLOAD.group, rows: [{ entityId: 'user-0', feature: WORKLOAD.features[0], value: Number.NaN }] });
      } catch (error) {
        failedUpserts++;
        failedErrorName = (error as Error).name;
      }
    }
    const started = performance.now();
    await store.lookup({ group: WORKLOAD.group, entityIds: entityIds.slice(0, WORKLOAD.lookupEntities), features: [...WORKLOAD.features] });
    maxLookupSeconds = Math.max(maxLookupSeconds, (performance.now() - started) / 1000);
    lookups++;
    await sleep(WORKLOAD.pauseMs);
  }
  await store.close();
  return {
    upserts,
    failedUpserts,
    failedErrorName,
    lookups,
    rowsWrittenPerFeature: upserts * WORKLOAD.entities,
    valuesReadPerFeature: lookups * WORKLOAD.lookupEntities,
    maxLookupSeconds,
    lastUpsertAt,
  };
}
