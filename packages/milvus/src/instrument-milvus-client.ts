import { diag } from '@opentelemetry/api';
import { InvalidOptionError, instrumentFeatureStore } from '@featurescope/core';
import { MilvusStatusError } from './errors.js';
import type { MilvusClientLike, MilvusSearchParams, MilvusWriteParams } from './milvus-types.js';
import { MilvusVectorStore } from './milvus-vector-store.js';
import type { InstrumentMilvusOptions } from './options.js';
import { PENDING, endpointOf, toSearchRequest, toUpsertRequest } from './request-mapping.js';

/** Marks a client already instrumented (a registry-wide symbol: two copies of this package agree). */
const INSTRUMENTED = Symbol.for('@featurescope/milvus.instrumented');

type Call<P> = (params: P) => Promise<unknown>;

/**
 * Instruments a `MilvusClient` in place and returns it: `insert` and `upsert` become
 * `vector_upsert {collection}` spans, `search` a `vector_search {collection}` span, with core's
 * duration and vector counters and, through `observers` (e.g. `@featurescope/quality`), the
 * vector-quality metrics. The SDK's responses and errors reach the caller unchanged, including
 * responses carrying a failed Milvus status (the span is then marked failed). Other methods are
 * untouched. Calling it twice is harmless.
 */
export function instrumentMilvusClient<T extends MilvusClientLike>(client: T, options: InstrumentMilvusOptions = {}): T {
  if (client === null || typeof client !== 'object' || typeof client.search !== 'function' || typeof client.upsert !== 'function' || typeof client.insert !== 'function') {
    throw new InvalidOptionError('client', 'expected a MilvusClient (with insert, upsert and search)');
  }
  if ((client as unknown as Record<symbol, unknown>)[INSTRUMENTED] === true) return client;
  const { idField = 'id', vectorField, metricTypes = {}, ...instrumentOptions } = options;
  const metricTypeMap = new Map(Object.entries(metricTypes));
  const store = instrumentFeatureStore(new MilvusVectorStore(endpointOf(client)), instrumentOptions);
  const insert = client.insert.bind(client) as Call<MilvusWriteParams>;
  const upsert = client.upsert.bind(client) as Call<MilvusWriteParams>;
  const search = client.search.bind(client) as Call<MilvusSearchParams>;

  const write = (original: Call<MilvusWriteParams>) =>
    function instrumentedWrite(params: MilvusWriteParams): Promise<unknown> {
      let request;
      try {
        request = toUpsertRequest(params, idField, vectorField, metricTypeMap, () => original(params));
      } catch (error) {
        // Reading the params must never break the call: make it untraced.
        diag.warn('@featurescope/milvus: could not read the write parameters; the call is not traced', error);
        return original(params);
      }
      return settle(store.upsertVectors(request), request[PENDING]);
    };

  Object.defineProperties(client, {
    insert: { value: write(insert), configurable: true, writable: true },
    upsert: { value: write(upsert), configurable: true, writable: true },
    search: {
      value: function instrumentedSearch(params: MilvusSearchParams): Promise<unknown> {
        let request;
        try {
          request = toSearchRequest(params, metricTypeMap, () => search(params));
        } catch (error) {
          diag.warn('@featurescope/milvus: could not read the search parameters; the call is not traced', error);
          return search(params);
        }
        return settle(store.searchVectors(request), request[PENDING]);
      },
      configurable: true,
      writable: true,
    },
    [INSTRUMENTED]: { value: true },
  });
  return client;
}

/** The SDK's own response; a failed status comes back as that response, any thrown error as itself. */
async function settle(call: Promise<unknown>, pending: { response?: unknown }): Promise<unknown> {
  try {
    await call;
    return pending.response;
  } catch (error) {
    if (error instanceof MilvusStatusError && error.response === pending.response) return pending.response;
    throw error;
  }
}
