import { defineCapabilities } from '@featurescope/core';

/** What `@featurescope/milvus` covers: the vector half, by instrumenting the official SDK client. */
export const CAPABILITIES = defineCapabilities({
  store: 'Milvus (instrumented @zilliz/milvus2-sdk-node client)',
  packageName: '@featurescope/milvus',
  capabilities: {
    upsert: { level: 'no', note: 'scalar features are not stored in Milvus' },
    lookup: { level: 'no', note: 'scalar features are not stored in Milvus' },
    vectors: { level: 'yes', note: 'insert/upsert and search spans with collection, dimension, topK, metric type; vector quality' },
    retries: { level: 'no', note: "the SDK's own (retries option); calls pass through unchanged" },
    deadlines: { level: 'no', note: "the SDK's own (timeout option)" },
    poolMetrics: { level: 'no', note: 'the gRPC channel exposes none' },
    driverSpans: { level: 'no', note: 'the SDK has no OpenTelemetry instrumentation; the store spans are the client spans' },
    monitor: { level: 'no', note: 'the monitor reads SQL tables' },
  },
});
