export { CONFORMANCE_COLLECTION, CONFORMANCE_GROUP, describeFeatureStoreConformance } from './conformance/feature-store-conformance.js';
export type { ConformanceTarget } from './conformance/feature-store-conformance.js';
export { createTestTelemetry } from './telemetry/test-telemetry.js';
export type { TestTelemetry } from './telemetry/test-telemetry.js';
export { isPortReachable, requireService, SERVICE_URLS } from './services/require-service.js';
export { startOtlpReceiver } from './otlp/otlp-receiver.js';
export type { OtlpReceiver, OtlpReceiverOptions, OtlpRequestInfo, ReceivedMetric, ReceivedSpan } from './otlp/otlp-receiver.js';
export { decodeMetricsRequest } from './otlp/decode-metrics.js';
export { decodeTraceRequest } from './otlp/decode-traces.js';
export type {
  OtlpAttributes,
  OtlpDataPoint,
  OtlpHistogramDataPoint,
  OtlpMetric,
  OtlpMetricsRequest,
  OtlpNumberDataPoint,
  OtlpResource,
  OtlpScope,
  OtlpSpan,
  OtlpTraceRequest,
  OtlpValue,
} from './otlp/otlp-types.js';
export { startTcpProxy } from './faults/tcp-proxy.js';
export type { TcpProxy } from './faults/tcp-proxy.js';
export { deriveSeed, SeededRandom } from './random/seeded-random.js';
export type { Random } from './random/seeded-random.js';
