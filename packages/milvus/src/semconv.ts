/**
 * The names `@featurescope/milvus` adds to core's vector spans. docs/telemetry.md lists them; the
 * spans themselves (`vector_upsert {collection}`, `vector_search {collection}`), their other
 * attributes and the metrics are core's and the quality engine's.
 */

/** The similarity metric of a search (`COSINE`, `L2`, `IP`, …), from the call or the collection options. */
export const ATTR_VECTOR_METRIC_TYPE = 'featurescope.vector.metric_type';
/** `db.system.name` of the spans (the OpenTelemetry value for Milvus). */
export const MILVUS_SYSTEM_NAME = 'milvus';
