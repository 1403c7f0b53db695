import { trace } from '@opentelemetry/api';
import {
  FeatureStoreError,
  type FeatureStore,
  type LookupResult,
  type StoreEndpoint,
  type UpsertResult,
  type VectorSearchResult,
  type VectorUpsertResult,
} from '@featurescope/core';
import { MilvusStatusError, isSuccess } from './errors.js';
import type { MilvusSearchResponse, MilvusStatus } from './milvus-types.js';
import { PENDING, toMatches, type MilvusSearchRequest, type MilvusUpsertRequest } from './request-mapping.js';
import { ATTR_VECTOR_METRIC_TYPE, MILVUS_SYSTEM_NAME } from './semconv.js';

/**
 * The vector half of the store contract over one Milvus client, for `instrumentFeatureStore` to wrap:
 * each call makes the SDK call its request carries and keeps the SDK's response on the request, so
 * the caller gets that response object unchanged. A failed Milvus status becomes a
 * {@link MilvusStatusError} here (so the span is marked failed), and is turned back into the response
 * by the client wrapper.
 */
export class MilvusVectorStore implements FeatureStore {
  readonly system = MILVUS_SYSTEM_NAME;
  readonly endpoint: StoreEndpoint | undefined;

  constructor(endpoint: StoreEndpoint | undefined) {
    this.endpoint = endpoint;
  }

  async upsertVectors(request: MilvusUpsertRequest): Promise<VectorUpsertResult> {
    if (request.metricType !== undefined) trace.getActiveSpan()?.setAttribute(ATTR_VECTOR_METRIC_TYPE, request.metricType);
    const pending = request[PENDING];
    const response = (pending.response = await pending.invoke()) as { status?: MilvusStatus };
    if (!isSuccess(response?.status)) throw new MilvusStatusError(response.status!, response);
    return { written: request.records.length };
  }

  async searchVectors(request: MilvusSearchRequest): Promise<VectorSearchResult> {
    // The span is current here (instrumentFeatureStore makes it so); the metric type is per call.
    if (request.metricType !== undefined) trace.getActiveSpan()?.setAttribute(ATTR_VECTOR_METRIC_TYPE, request.metricType);
    const pending = request[PENDING];
    const response = (pending.response = await pending.invoke()) as MilvusSearchResponse;
    if (!isSuccess(response?.status)) throw new MilvusStatusError(response.status!, response);
    return { matches: toMatches(response) };
  }

  /** Scalar features do not live in Milvus: only the vector half is instrumented. */
  upsert(): Promise<UpsertResult> {
    return Promise.reject(new FeatureStoreError('Milvus holds vectors only: scalar features are not stored here'));
  }

  lookup(): Promise<LookupResult> {
    return Promise.reject(new FeatureStoreError('Milvus holds vectors only: scalar features are not stored here'));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
