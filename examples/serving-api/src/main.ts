import { instrumentFeatureStore } from '@featurescope/core';
import { DEFAULT_STORE_URL, createJsonLogger, loadFeatureRegistry, openStore, redactUrl, startHttpService, withTransientRetry, errorCode } from '@featurescope/example-service-kit';
import { getTelemetry } from '@featurescope/otel';
import { createQualityEngine } from '@featurescope/quality';
import { featuresRoute } from './features-route.js';
import { LookupBatcher } from './lookup-batcher.js';
import { seedDemoData } from './seed-demo-data.js';

const env = process.env;
const integer = (name: string, fallback: number): number => {
  const value = env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
  if (!Number.isInteger(value) || value < 0) throw new TypeError(`${name} must be a non-negative integer, got "${env[name]}"`);
  return value;
};

const logger = createJsonLogger('serving-api');
const storeUrl = env.FEATURESCOPE_STORE_URL ?? DEFAULT_STORE_URL;
const group = env.FEATURE_GROUP || 'user_features';
const registry = loadFeatureRegistry();
const rawStore = await openStore(storeUrl, { table: env.FEATURESCOPE_TABLE || undefined });
// The embedded in-memory store starts empty: give `npm start` something to serve.
const seedUsers = integer('SEED_DEMO_USERS', storeUrl === DEFAULT_STORE_URL ? 1000 : 0);
if (seedUsers > 0) await seedDemoData(rawStore, group, seedUsers);
const quality = createQualityEngine({ features: registry });
const store = instrumentFeatureStore(rawStore, { observers: [quality] });
const attempts = integer('STORE_RETRY_ATTEMPTS', 2);
const batcher = new LookupBatcher({
  store,
  group,
  maxBatch: integer('LOOKUP_MAX_BATCH', 128),
  run: (work) => withTransientRetry(work, { maxAttempts: attempts, onRetry: ({ attempt, error }) => logger.warn('store call failed, retrying', { attempt, error_code: errorCode(error) }) }),
});

const service = await startHttpService({
  port: integer('PORT', 8081),
  logger,
  drainTimeoutMs: integer('DRAIN_TIMEOUT_MS', 10_000),
  routes: [featuresRoute({ batcher, registry, maxFeatures: integer('MAX_FEATURES_PER_REQUEST', 100), logger })],
  onDrained: async () => {
    quality.shutdown();
    await store.close();
    await getTelemetry()?.shutdown();
  },
});
logger.info('listening', { port: service.port, store: redactUrl(storeUrl), system: store.system, seeded_users: seedUsers, metrics_port: getTelemetry()?.prometheusPort });
