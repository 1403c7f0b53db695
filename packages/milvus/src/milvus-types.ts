/**
 * The subset of `@zilliz/milvus2-sdk-node`'s `MilvusClient` this package touches, declared locally so
 * the package never imports the SDK (a `MilvusClient` satisfies {@link MilvusClientLike}).
 */

/** A Milvus RPC status (`ResStatus`): `error_code` `Success` (or `code` 0) means the call worked. */
export interface MilvusStatus {
  readonly error_code?: string | number;
  readonly code?: number;
  readonly reason?: string;
}

/** Parameters of `insert` / `upsert` the instrumentation reads (rows in `data`, or `fields_data`). */
export interface MilvusWriteParams {
  readonly collection_name?: string;
  readonly db_name?: string;
  readonly data?: readonly Readonly<Record<string, unknown>>[];
  readonly fields_data?: readonly Readonly<Record<string, unknown>>[];
}

/** A write's response (`MutationResult`): its `status`. */
export interface MilvusWriteResponse {
  readonly status?: MilvusStatus;
}

/** Parameters of `search` the instrumentation reads: the query vector(s) in `data` or `vector(s)`. */
export interface MilvusSearchParams {
  readonly collection_name?: string;
  readonly db_name?: string;
  readonly data?: unknown;
  readonly vector?: unknown;
  readonly vectors?: unknown;
  readonly limit?: number;
  readonly topk?: number;
  readonly metric_type?: string;
  readonly params?: { readonly metric_type?: string };
}

/** One hit; `results` is a list of hits for one query, or a list of lists for several. */
export interface MilvusHit {
  readonly id?: string | number;
  readonly score?: number;
}

export interface MilvusSearchResponse {
  readonly status?: MilvusStatus;
  readonly results?: readonly MilvusHit[] | readonly (readonly MilvusHit[])[];
}

/**
 * The client: the three instrumented methods and the address it was created with. Responses are
 * `unknown` here (read as {@link MilvusWriteResponse} / {@link MilvusSearchResponse}) so every SDK
 * version's own result types fit.
 */
export interface MilvusClientLike {
  insert(params: MilvusWriteParams): Promise<unknown>;
  upsert(params: MilvusWriteParams): Promise<unknown>;
  search(params: MilvusSearchParams): Promise<unknown>;
  readonly config?: { readonly address?: string; readonly database?: string };
}
