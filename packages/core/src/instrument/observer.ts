import type { Span } from '@opentelemetry/api';
import type {
  LookupRequest,
  LookupResult,
  UpsertRequest,
  VectorSearchRequest,
  VectorSearchResult,
  VectorUpsertRequest,
} from '../store/types.js';
import type { ServedValues } from './served-values.js';

/**
 * A plug-in that sees every call of an instrumented store (the data-quality engine is one).
 * `before*` methods may reject a request only by throwing an `InvalidInputError` (a validation
 * rule with the `reject` policy): the store is then not called. Any other error an observer throws
 * (another `FeatureStoreError` included) is logged and ignored. `after*` methods run only on success; `nowMs` is the
 * wall-clock time (ms since the epoch) the call completed. `span` is non-recording when tracing is off.
 * `afterLookup` also gets the served values already flattened ({@link ServedValues}: reused buffers,
 * valid only during the call), so an observer need not look each value up in `result` again.
 */
export interface FeatureStoreObserver {
  beforeUpsert?(request: UpsertRequest, span: Span): void;
  afterUpsert?(request: UpsertRequest, span: Span, nowMs: number): void;
  afterLookup?(request: LookupRequest, result: LookupResult, span: Span, nowMs: number, served: ServedValues): void;
  beforeVectorUpsert?(request: VectorUpsertRequest, span: Span): void;
  afterVectorUpsert?(request: VectorUpsertRequest, span: Span, nowMs: number): void;
  afterVectorSearch?(request: VectorSearchRequest, result: VectorSearchResult, span: Span, nowMs: number): void;
}
