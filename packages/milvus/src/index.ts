export { instrumentMilvusClient } from './instrument-milvus-client.js';
export type { InstrumentMilvusOptions } from './options.js';
export { MilvusStatusError } from './errors.js';
export { MilvusVectorStore } from './milvus-vector-store.js';
export type {
  MilvusClientLike,
  MilvusHit,
  MilvusSearchParams,
  MilvusSearchResponse,
  MilvusStatus,
  MilvusWriteParams,
  MilvusWriteResponse,
} from './milvus-types.js';
export { SDK_DEFAULT_TOP_K, endpointOf, toMatches } from './request-mapping.js';
export * as semconv from './semconv.js';
export { VERSION } from './version.js';
export { CAPABILITIES } from './capabilities.js';
