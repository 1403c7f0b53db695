import { instrumentFeatureStore } from '@featurescope/core';
import { DEFAULT_STORE_URL, createJsonLogger, loadFeatureRegistry, openStore, redactUrl, startHttpService } from '@featurescope/example-service-kit';
import { getTelemetry } from '@featurescope/otel';
import { createQualityEngine } from '@featurescope/quality';
import { ingestRoute } from './ingest-route.js';

const env = process.env;
const integer = (name: string, fallback: number): number => {
  const value = env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
  if (!Number.isInteger(value) || value < 0) throw new TypeError(`${name} must be a non-negative integer, got "${env[name]}"`);
  return value;
};

const logger = createJsonLogger('ingest-service');
const storeUrl = env.FEATURESCOPE_STORE_URL ?? DEFAULT_STORE_URL;
const rawStore = await openStore(storeUrl, { table: env.FEATURESCOPE_TABLE || undefined });
const quality = createQualityEngine({ features: loadFeatureRegistry() });
const store = instrumentFeatureStore(rawStore, { observers: [quality] });

const service = await startHttpService({
  port: integer('PORT', 8080),
  logger,
  drainTimeoutMs: integer('DRAIN_TIMEOUT_MS', 10_000),
  routes: [
    ingestRoute({
      store,
      group: env.FEATURE_GROUP || 'user_features',
      limits: { maxBatch: integer('INGEST_MAX_BATCH', 5000), maxFutureSkewMs: 300_000 },
      maxBodyBytes: integer('INGEST_MAX_BODY_BYTES', 2 * 1024 * 1024),
      retry: { maxAttempts: integer('STORE_RETRY_ATTEMPTS', 4), baseDelayMs: integer('STORE_RETRY_BASE_MS', 50), maxDelayMs: integer('STORE_RETRY_MAX_MS', 1000) },
      logger,
    }),
  ],
  onDrained: async () => {
    quality.shutdown();
    await store.close();
    await getTelemetry()?.shutdown();
  },
});
logger.info('listening', { port: service.port, store: redactUrl(storeUrl), system: store.system, metrics_port: getTelemetry()?.prometheusPort });
