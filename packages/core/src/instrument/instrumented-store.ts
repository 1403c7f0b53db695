import { context, diag, INVALID_SPAN_CONTEXT, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import { InvalidInputError } from '../errors.js';
import {
  ATTR_DB_RESPONSE_RETURNED_ROWS,
  ATTR_ENTITY_COUNT,
  ATTR_ENTITY_IDS,
  ATTR_ERROR_TYPE,
  ATTR_FEATURE_COUNT,
  ATTR_LOOKUP_AGE_MAX,
  ATTR_LOOKUP_AGE_MEDIAN,
  ATTR_LOOKUP_HITS,
  ATTR_LOOKUP_MISSES,
  ATTR_ROW_COUNT,
  ATTR_VECTOR_COUNT,
  ATTR_VECTOR_DIMENSION,
  ATTR_VECTOR_TOP_K,
} from '../semconv.js';
import type {
  FeatureStore,
  FeatureStoreOperation,
  LookupRequest,
  LookupResult,
  UpsertRequest,
  UpsertResult,
  VectorSearchRequest,
  VectorSearchResult,
  VectorUpsertRequest,
  VectorUpsertResult,
} from '../store/types.js';
import { endpointAttributes } from './endpoint-attributes.js';
import { AgeSummary } from './age-summary.js';
import { ServedValuesBuffer, type ServedValues } from './served-values.js';
import { entityIdsForSpan } from './entity-ids.js';
import { errorTypeOf } from './error-type.js';
import type { GroupState } from './group-state.js';
import type { ResolvedInstrumentOptions } from './options.js';
import { safeCall, settleQuietly, warnLimited } from './safe-call.js';
import { StoreTelemetry } from './store-telemetry.js';

/** Shared non-recording span used when tracing is off: no tracer call at all. */
const INVALID_SPAN: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

const lengthOf = (list: unknown): number => (Array.isArray(list) ? list.length : 0);
// Array.isArray narrows readonly arrays to any[]; this keeps the element type.
const isList = <T>(list: readonly T[] | undefined): list is readonly T[] => Array.isArray(list);
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : typeof error === 'string' ? error : 'non-Error value thrown');

/**
 * Wraps a store: one CLIENT span and one duration sample per call, per-feature counters,
 * observers and hooks. Results and errors pass through untouched (the same objects).
 */
export class InstrumentedFeatureStore implements FeatureStore {
  readonly system: string;
  readonly #store: FeatureStore;
  readonly #options: ResolvedInstrumentOptions;
  readonly #telemetry: StoreTelemetry;
  /** `server.address`, `server.port`, `db.namespace` of the store's endpoint; read once. */
  readonly #endpointAttributes: Attributes | undefined;
  // One buffer per store is safe: it is filled and summarised synchronously, between awaits.
  readonly #ages = new AgeSummary();
  readonly #served = new ServedValuesBuffer();
  // Bound once here, so no closure is allocated per call.
  readonly #calls: {
    readonly upsert: FeatureStore['upsert'];
    readonly lookup: FeatureStore['lookup'];
    readonly upsertVectors: FeatureStore['upsertVectors'];
    readonly searchVectors: FeatureStore['searchVectors'];
  };

  constructor(store: FeatureStore, options: ResolvedInstrumentOptions) {
    this.#store = store;
    this.#options = options;
    this.system = options.systemName ?? store.system;
    this.#telemetry = new StoreTelemetry(this.system, options);
    this.#endpointAttributes = endpointAttributes(store);
    this.#calls = {
      upsert: store.upsert.bind(store),
      lookup: store.lookup.bind(store),
      upsertVectors: store.upsertVectors.bind(store),
      searchVectors: store.searchVectors.bind(store),
    };
  }

  upsert(request: UpsertRequest): Promise<UpsertResult> {
    const group = this.#telemetry.group(request?.group);
    const span = this.#startSpan('upsert', group);
    if (span.isRecording()) {
      this.#setCounts(span, ATTR_ROW_COUNT, lengthOf(request?.rows));
      if (this.#options.entityIds !== 'off' && isList(request?.rows)) {
        // Only the first ids can go on the span: never map the whole batch.
        this.#setEntityIds(span, request.rows.slice(0, this.#options.maxEntityIdsPerSpan).map((row) => row?.entityId));
      }
    }
    return this.#invoke('upsert', group, span, request, this.#calls.upsert);
  }

  lookup(request: LookupRequest): Promise<LookupResult> {
    const group = this.#telemetry.group(request?.group);
    const span = this.#startSpan('lookup', group);
    if (span.isRecording()) {
      this.#setCounts(span, ATTR_ENTITY_COUNT, lengthOf(request?.entityIds), ATTR_FEATURE_COUNT, lengthOf(request?.features));
      if (this.#options.entityIds !== 'off' && isList(request?.entityIds)) this.#setEntityIds(span, request.entityIds);
    }
    return this.#invoke('lookup', group, span, request, this.#calls.lookup);
  }

  upsertVectors(request: VectorUpsertRequest): Promise<VectorUpsertResult> {
    const group = this.#telemetry.group(request?.collection);
    const span = this.#startSpan('vector_upsert', group);
    if (span.isRecording()) {
      const first = isList(request?.records) ? request.records[0] : undefined;
      this.#setCounts(span, ATTR_VECTOR_COUNT, lengthOf(request?.records), ATTR_VECTOR_DIMENSION, first?.vector?.length);
    }
    return this.#invoke('vector_upsert', group, span, request, this.#calls.upsertVectors);
  }

  searchVectors(request: VectorSearchRequest): Promise<VectorSearchResult> {
    const group = this.#telemetry.group(request?.collection);
    const span = this.#startSpan('vector_search', group);
    if (span.isRecording()) {
      this.#setCounts(span, ATTR_VECTOR_TOP_K, typeof request?.topK === 'number' ? request.topK : 0, ATTR_VECTOR_DIMENSION, request?.vector?.length);
    }
    return this.#invoke('vector_search', group, span, request, this.#calls.searchVectors);
  }

  close(): Promise<void> {
    // A closed store's duration series stop being exported, whatever close() itself does.
    this.#telemetry.shutdown();
    return this.#store.close();
  }

  /**
   * Starts the CLIENT span with the group's precomputed, frozen operation attributes (system,
   * operation, collection: what samplers see). Per-call attributes (counts, lookup summary) are set
   * afterwards only on a recording span, so a sampled-out or no-op span costs no attribute work.
   */
  #startSpan(operation: FeatureStoreOperation, group: GroupState): Span {
    const tracer = this.#telemetry.tracer;
    if (tracer === undefined) return INVALID_SPAN;
    try {
      return tracer.startSpan(group.spanNames[operation], group.spanOptions(operation, this.#endpointAttributes));
    } catch (error) {
      // A broken tracer provider or sampler must not break the store call.
      diag.warn('featurescope: starting a span failed; the call proceeds untraced', error);
      return INVALID_SPAN;
    }
  }

  /** The request's counts on a recording span; a second value that is undefined is left out. Never throws. */
  #setCounts(span: Span, key: string, value: number, secondKey?: string, second?: number): void {
    try {
      span.setAttribute(key, value);
      if (secondKey !== undefined && second !== undefined) span.setAttribute(secondKey, second);
    } catch (error) {
      diag.warn('featurescope: could not add counts to the span', error);
    }
  }

  #setEntityIds(span: Span, ids: Iterable<unknown>): void {
    try {
      const { entityIds, entityIdHashKey, maxEntityIdsPerSpan } = this.#options;
      span.setAttribute(ATTR_ENTITY_IDS, entityIdsForSpan(ids, entityIds, entityIdHashKey, maxEntityIdsPerSpan));
    } catch (error) {
      diag.warn('featurescope: could not add entity ids to the span', error);
    }
  }

  async #invoke<Req, Res>(
    operation: FeatureStoreOperation,
    group: GroupState,
    span: Span,
    request: Req,
    call: (request: Req) => Promise<Res>,
  ): Promise<Res> {
    const started = performance.now();
    try {
      this.#before(operation, request, span);
      const result = await this.#callWithSpan(span, request, call);
      this.#after(operation, group, span, request, result);
      this.#finish(operation, group, span, started, undefined);
      return result;
    } catch (error) {
      this.#finish(operation, group, span, started, error);
      throw error;
    }
  }

  /**
   * Calls the store with the span current, when anything downstream (driver spans, the caller's own
   * instrumentation) can use it: at most one context switch per call (each allocates a context).
   * None when tracing is off or there is no SDK (the API's invalid span context), nor when a no-op
   * tracer handed back the caller's own span context (making it current again changes nothing). A
   * recording span is made current; so is a sampled-out SDK span, so driver spans inherit its
   * sampling decision. Identity checks only: no hex validation of ids per call.
   */
  #callWithSpan<Req, Res>(span: Span, request: Req, call: (request: Req) => Promise<Res>): Promise<Res> {
    if (span === INVALID_SPAN) return call(request);
    const recording = span.isRecording();
    const spanContext = recording ? undefined : span.spanContext();
    if (spanContext === INVALID_SPAN_CONTEXT) return call(request);
    const parent = context.active();
    if (spanContext !== undefined && spanContext === trace.getSpanContext(parent)) return call(request);
    return context.with(trace.setSpan(parent, span), call, undefined, request);
  }

  /**
   * Hooks and observers that run before the store. Only an `InvalidInputError` (a `reject`
   * validation policy) may reject the call; any other error, featurescope's own included, is an
   * observer bug: logged and ignored, so it never fails the user's write.
   */
  #before(operation: FeatureStoreOperation, request: unknown, span: Span): void {
    const { requestHook } = this.#options.hooks;
    if (requestHook !== undefined) safeCall('requestHook', requestHook, span, { operation, request });
    for (const observer of this.#options.observers) {
      try {
        // An async observer's rejection comes too late to stop the call: logged, never unhandled.
        if (operation === 'upsert') settleQuietly('observer before-upsert', observer.beforeUpsert?.(request as UpsertRequest, span));
        else if (operation === 'vector_upsert') settleQuietly('observer before-vector_upsert', observer.beforeVectorUpsert?.(request as VectorUpsertRequest, span));
      } catch (error) {
        if (error instanceof InvalidInputError) throw error;
        warnLimited(`observer before-${operation}`, error);
      }
    }
  }

  #after(operation: FeatureStoreOperation, group: GroupState, span: Span, request: unknown, result: unknown): void {
    try {
      // The clock and the per-entry arrays only when someone reads them: observers, or a recording span's age summary.
      const readers = this.#options.observers.length > 0 || span.isRecording();
      const nowMs = readers ? Date.now() : 0;
      let served: ServedValues | undefined;
      switch (operation) {
        case 'upsert':
          this.#countUpsert(group, request as UpsertRequest);
          break;
        case 'lookup':
          served = this.#served.collect(request as LookupRequest, result as LookupResult, readers);
          this.#countLookup(group, span, request as LookupRequest, served, nowMs);
          break;
        case 'vector_upsert':
          group.vectorsWritten += (request as VectorUpsertRequest).records.length;
          break;
        case 'vector_search':
          if (span.isRecording()) span.setAttribute(ATTR_DB_RESPONSE_RETURNED_ROWS, (result as VectorSearchResult).matches.length);
          break;
      }
      this.#notifyObservers(operation, span, request, result, nowMs, served);
    } catch (error) {
      diag.warn(`featurescope: recording a ${operation} failed; the result is unaffected`, error);
    }
    const { responseHook } = this.#options.hooks;
    if (responseHook !== undefined) safeCall('responseHook', responseHook, span, { operation, request, result });
  }

  #countUpsert(group: GroupState, request: UpsertRequest): void {
    const { features, rowsWritten } = group;
    for (const row of request.rows) rowsWritten.add(features.slotOf(row.feature), 1);
  }

  #countLookup(group: GroupState, span: Span, request: LookupRequest, served: ServedValues, nowMs: number): void {
    const { valuesRead, lookupMisses } = group;
    const featureCount = request.features.length;
    const slots = group.lookupSlots(request.features);
    const entityCount = request.entityIds.length;
    const found = served.foundPerFeature;
    for (let f = 0; f < featureCount; f++) {
      if (found[f]! > 0) valuesRead.add(slots[f]!, found[f]!);
      if (found[f]! < entityCount) lookupMisses.add(slots[f]!, entityCount - found[f]!);
    }
    if (!span.isRecording()) return;
    const hits = served.count;
    // One setAttribute per key: setAttributes({...}) would allocate an object and an entries array per call.
    span.setAttribute(ATTR_LOOKUP_HITS, hits);
    span.setAttribute(ATTR_LOOKUP_MISSES, entityCount * featureCount - hits);
    span.setAttribute(ATTR_DB_RESPONSE_RETURNED_ROWS, hits);
    if (hits === 0) return;
    const ages = this.#ages;
    ages.reset();
    const updatedAtMs = served.updatedAtMs;
    for (let i = 0; i < hits; i++) ages.push(Math.max(0, (nowMs - updatedAtMs[i]!) / 1000));
    ages.summarize();
    span.setAttribute(ATTR_LOOKUP_AGE_MAX, ages.max);
    span.setAttribute(ATTR_LOOKUP_AGE_MEDIAN, ages.median);
  }

  // Labels are literals: a template string would be built on every call for nothing.
  #notifyObservers(operation: FeatureStoreOperation, span: Span, request: unknown, result: unknown, nowMs: number, served: ServedValues | undefined): void {
    for (const observer of this.#options.observers) {
      try {
        switch (operation) {
          case 'upsert':
            settleQuietly('observer after-upsert', observer.afterUpsert?.(request as UpsertRequest, span, nowMs));
            break;
          case 'lookup':
            settleQuietly('observer after-lookup', observer.afterLookup?.(request as LookupRequest, result as LookupResult, span, nowMs, served!));
            break;
          case 'vector_upsert':
            settleQuietly('observer after-vector_upsert', observer.afterVectorUpsert?.(request as VectorUpsertRequest, span, nowMs));
            break;
          case 'vector_search':
            settleQuietly('observer after-vector_search', observer.afterVectorSearch?.(request as VectorSearchRequest, result as VectorSearchResult, span, nowMs));
            break;
        }
      } catch (error) {
        warnLimited(`observer after-${operation}`, error);
      }
    }
  }

  #finish(operation: FeatureStoreOperation, group: GroupState, span: Span, started: number, error: unknown): void {
    try {
      const seconds = (performance.now() - started) / 1000;
      if (error === undefined) {
        this.#telemetry.duration?.record(seconds, group.operationAttributes[operation]);
      } else {
        const errorType = errorTypeOf(error);
        this.#telemetry.duration?.record(seconds, group.errorAttributes(operation, errorType));
        if (span.isRecording()) {
          span.setAttribute(ATTR_ERROR_TYPE, errorType);
          span.recordException(error instanceof Error ? error : messageOf(error));
          span.setStatus({ code: SpanStatusCode.ERROR, message: messageOf(error) });
        }
      }
      span.end();
    } catch (failure) {
      diag.warn('featurescope: ending the span failed; the result is unaffected', failure);
    }
  }
}
