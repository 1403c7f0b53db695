import { diag } from '@opentelemetry/api';
import { CallDeadline, errorCodeOf, withRetry, withinLimit, type PoolMetrics, type StoreEndpoint } from '@featurescope/core';
import { IoRedisRunner, NodeRedisRunner, type CommandRunner } from './connection/command-runner.js';
import { connectionMetrics as startConnectionMetrics } from './connection/connection-metrics.js';
import { isNodeRedis, type IoRedisLike } from './driver-types.js';
import type { RedisFeatureStoreOptions } from './options.js';
import { RedisFeatureStore } from './redis-feature-store.js';
import { resolveRedisOptions } from './resolve-options.js';
import { isRetryableRedisError } from './retry/retryable-errors.js';
import { detectServer } from './server/detect-server.js';

/**
 * Creates a {@link RedisFeatureStore}: validates the options, creates an ioredis client from `url`
 * (loading ioredis only then) or uses `client`, and detects the server once (`INFO server`,
 * `MODULE LIST`), with the store's retry policy, within `connectTimeoutMs` and `callTimeoutMs`.
 */
export async function createRedisFeatureStore(options: RedisFeatureStoreOptions): Promise<RedisFeatureStore> {
  const resolved = resolveRedisOptions(options);
  const ownsClient = resolved.client === undefined;
  const client = resolved.client ?? (await createClient(resolved.url!, resolved.timeouts.connectTimeoutMs));
  const runner: CommandRunner = isNodeRedis(client) ? new NodeRedisRunner(client) : new IoRedisRunner(client);
  const endpoint = runner.endpoint();
  let connectionMetrics: PoolMetrics | undefined;
  try {
    const deadline = new CallDeadline(resolved.timeouts, resolved.now);
    const server = await withRetry(resolved.retry, () => withinLimit(detectServer(runner), deadline.limitFor('connect'), () => undefined), {
      isRetryable: isRetryableRedisError,
      deadline,
    });
    if (resolved.meterProvider !== undefined) {
      connectionMetrics = startConnectionMetrics(runner, resolved.meterProvider, resolved.poolName ?? poolNameOf(endpoint));
    }
    return new RedisFeatureStore({ options: resolved, runner, ownsClient, server, endpoint, connectionMetrics });
  } catch (error) {
    connectionMetrics?.shutdown();
    if (ownsClient) (client as IoRedisLike).disconnect();
    throw error;
  }
}

/**
 * ioredis is an optional peer dependency, loaded only when the store creates the client. Commands
 * fail after 2 reconnect attempts instead of ioredis's 20, so the store's own retries and deadline
 * decide how long a call may take.
 */
async function createClient(url: string, connectTimeout: number): Promise<IoRedisLike> {
  const module = (await import('ioredis')) as unknown as { Redis?: IoRedisConstructor; default?: IoRedisConstructor };
  const Redis = module.Redis ?? module.default!;
  const client = new Redis(url, { maxRetriesPerRequest: 2, connectTimeout, connectionName: 'featurescope' });
  // Without a listener ioredis prints every failed (re)connection to the console; the failing
  // commands already reach the caller as errors.
  client.on('error', (error) => diag.debug('@featurescope/redis: connection error', errorCodeOf(error)));
  return client;
}

type IoRedisConstructor = new (url: string, options: Record<string, unknown>) => IoRedisLike;

function poolNameOf(endpoint: StoreEndpoint): string {
  return endpoint.port === undefined ? `${endpoint.address}/${endpoint.namespace}` : `${endpoint.address}:${endpoint.port}/${endpoint.namespace}`;
}


