import type { StoreEndpoint, VectorMatch, VectorRecord, VectorSearchRequest, VectorUpsertRequest } from '@featurescope/core';
import type { MilvusClientLike, MilvusHit, MilvusSearchParams, MilvusSearchResponse, MilvusWriteParams } from './milvus-types.js';

/** The SDK's default `limit` of a search. */
export const SDK_DEFAULT_TOP_K = 100;

/** The SDK call behind one instrumented request: how to make it, and its response once made. */
export interface PendingCall {
  readonly invoke: () => Promise<unknown>;
  response?: unknown;
}

/** Where the pending call rides on a request (a symbol: invisible to hooks that serialise requests). */
export const PENDING = Symbol('featurescope.milvus.pending');

export type MilvusUpsertRequest = VectorUpsertRequest & { readonly [PENDING]: PendingCall; readonly metricType: string | undefined };
export type MilvusSearchRequest = VectorSearchRequest & { readonly [PENDING]: PendingCall; readonly metricType: string | undefined };

const isVector = (value: unknown): value is readonly number[] | Float32Array =>
  value instanceof Float32Array || (Array.isArray(value) && value.length > 0 && typeof value[0] === 'number');

/** The field holding vectors: the configured one, else the first field of the row whose value is a number array. */
export function vectorFieldOf(row: Readonly<Record<string, unknown>> | undefined, configured: string | undefined): string | undefined {
  if (configured !== undefined || row === undefined || row === null) return configured;
  for (const key in row) if (isVector(row[key])) return key;
  return undefined;
}

/**
 * The core request for an `insert`/`upsert`: one record per row, id from `idField` (else the row's
 * index), the vector from the vector field (an empty vector when a row has none, which the quality
 * engine counts as invalid).
 */
export function toUpsertRequest(
  params: MilvusWriteParams,
  idField: string,
  vectorField: string | undefined,
  metricTypes: ReadonlyMap<string, string>,
  invoke: () => Promise<unknown>,
): MilvusUpsertRequest {
  const rows = params.data ?? params.fields_data ?? [];
  const field = vectorFieldOf(rows[0], vectorField);
  const records: VectorRecord[] = new Array<VectorRecord>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] ?? {};
    const vector = field === undefined ? undefined : row[field];
    const id = row[idField];
    records[i] = { id: typeof id === 'string' || typeof id === 'number' ? String(id) : String(i), vector: isVector(vector) ? vector : [] };
  }
  const collection = params.collection_name ?? '';
  return { collection, records, metricType: metricTypes.get(collection), [PENDING]: { invoke } };
}

/** The core request for a `search`: its first query vector, `limit` (or `topk`) and metric type. */
export function toSearchRequest(params: MilvusSearchParams, metricTypes: ReadonlyMap<string, string>, invoke: () => Promise<unknown>): MilvusSearchRequest {
  const queries = params.data ?? params.vectors ?? params.vector;
  const first = Array.isArray(queries) && queries.length > 0 && isVector(queries[0]) ? (queries[0] as readonly number[]) : isVector(queries) ? queries : [];
  const collection = params.collection_name ?? '';
  return {
    collection,
    vector: first,
    topK: params.limit ?? params.topk ?? SDK_DEFAULT_TOP_K,
    metricType: params.metric_type ?? params.params?.metric_type ?? metricTypes.get(collection),
    [PENDING]: { invoke },
  };
}

/** The first query's hits as matches (Milvus scores as they are: cosine similarity for COSINE). */
export function toMatches(response: MilvusSearchResponse): VectorMatch[] {
  const results = response?.results;
  if (!Array.isArray(results) || results.length === 0) return [];
  const hits = (Array.isArray(results[0]) ? results[0] : results) as readonly MilvusHit[];
  return hits.map((hit) => ({ id: String(hit?.id ?? ''), score: typeof hit?.score === 'number' ? hit.score : Number.NaN }));
}

/** `server.address`, `server.port` and `db.namespace` from the client's configuration (`host:port` or a URL). */
export function endpointOf(client: MilvusClientLike): StoreEndpoint | undefined {
  const address = client.config?.address;
  if (typeof address !== 'string' || address === '') return undefined;
  const namespace = typeof client.config?.database === 'string' && client.config.database !== '' ? client.config.database : 'default';
  try {
    const url = new URL(/^[a-z]+:\/\//i.test(address) ? address : `http://${address}`);
    return { address: url.hostname.replace(/^\[|\]$/g, ''), port: url.port === '' ? 19530 : Number(url.port), namespace };
  } catch {
    return { address, namespace };
  }
}
