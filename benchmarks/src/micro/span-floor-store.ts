import { context, SpanKind, trace, type Span, type SpanOptions, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { semconv, type FeatureStore, type FeatureStoreOperation, type LookupRequest, type LookupResult, type UpsertRequest, type UpsertResult, type VectorSearchRequest, type VectorSearchResult, type VectorUpsertRequest, type VectorUpsertResult } from '@featurescope/core';

/**
 * The least a traced store call can cost with the SDK: one CLIENT span, started with frozen start
 * attributes like featurescope's (system, operation, collection), made current around the call so a
 * driver span could nest, and ended. No per-call attributes, metrics or observers: what remains of
 * the `traces` variant above this floor is featurescope's own work. Exported under featurescope's
 * scope, so the harness's span count check applies unchanged.
 */
export class SpanFloorStore implements FeatureStore {
  readonly system: string;
  readonly #store: FeatureStore;
  readonly #tracer: Tracer;
  /** Span name and frozen options per operation and group: nothing is built per call. */
  readonly #started: Record<FeatureStoreOperation, Map<string, { readonly name: string; readonly options: SpanOptions }>> = {
    upsert: new Map(),
    lookup: new Map(),
    vector_upsert: new Map(),
    vector_search: new Map(),
  };

  constructor(store: FeatureStore, tracerProvider: TracerProvider) {
    this.#store = store;
    this.system = store.system;
    this.#tracer = tracerProvider.getTracer(semconv.INSTRUMENTATION_SCOPE);
  }

  upsert(request: UpsertRequest): Promise<UpsertResult> {
    return this.#traced('upsert', request.group, this.#store.upsert.bind(this.#store, request));
  }

  lookup(request: LookupRequest): Promise<LookupResult> {
    return this.#traced('lookup', request.group, this.#store.lookup.bind(this.#store, request));
  }

  upsertVectors(request: VectorUpsertRequest): Promise<VectorUpsertResult> {
    return this.#traced('vector_upsert', request.collection, this.#store.upsertVectors.bind(this.#store, request));
  }

  searchVectors(request: VectorSearchRequest): Promise<VectorSearchResult> {
    return this.#traced('vector_search', request.collection, this.#store.searchVectors.bind(this.#store, request));
  }

  close(): Promise<void> {
    return this.#store.close();
  }

  async #traced<T>(operation: FeatureStoreOperation, group: string, call: () => Promise<T>): Promise<T> {
    const { name, options } = this.#startOf(operation, group);
    const span: Span = this.#tracer.startSpan(name, options);
    try {
      return await context.with(trace.setSpan(context.active(), span), call);
    } finally {
      span.end();
    }
  }

  #startOf(operation: FeatureStoreOperation, group: string): { readonly name: string; readonly options: SpanOptions } {
    const groups = this.#started[operation];
    let start = groups.get(group);
    if (start === undefined) {
      const attributes = Object.freeze({ [semconv.ATTR_DB_SYSTEM_NAME]: this.system, [semconv.ATTR_DB_OPERATION_NAME]: operation, [semconv.ATTR_DB_COLLECTION_NAME]: group });
      start = Object.freeze({ name: `${operation} ${group}`, options: Object.freeze({ kind: SpanKind.CLIENT, attributes }) });
      groups.set(group, start);
    }
    return start;
  }
}
