export { CONFORMANCE_COLLECTION, CONFORMANCE_GROUP, describeFeatureStoreConformance } from './conformance/feature-store-conformance.js';
export type { ConformanceTarget } from './conformance/feature-store-conformance.js';
export { createTestTelemetry } from './telemetry/test-telemetry.js';
export type { TestTelemetry } from './telemetry/test-telemetry.js';
export { requireService, SERVICE_URLS } from "./services/require-service.js";
