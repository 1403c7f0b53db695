import type { MeterProvider } from '@opentelemetry/api';
import { PoolMetrics, type PoolSnapshot } from '@featurescope/core';
import { INSTRUMENTATION_SCOPE } from '../semconv.js';
import { VERSION } from '../version.js';
import type { CommandRunner } from './command-runner.js';

/**
 * `db.client.connection.*` for the client's one multiplexed connection, through core's shared
 * {@link PoolMetrics} (observed at collection time, nothing on the hot path): a pool of at most one
 * connection, `used` while commands are in flight, `idle` when connected and quiet, absent while
 * disconnected; pending requests are the commands awaiting a reply or queued while reconnecting.
 * There is no checkout, so no wait time is recorded.
 */
export function connectionMetrics(runner: CommandRunner, meterProvider: MeterProvider, poolName: string): PoolMetrics {
  return new PoolMetrics(meterProvider, { scope: INSTRUMENTATION_SCOPE, version: VERSION, poolName, read: () => snapshotOf(runner) });
}

function snapshotOf(runner: CommandRunner): PoolSnapshot | undefined {
  const pending = runner.pending();
  // ioredis hides its queues only if its internals changed: report nothing rather than a guess.
  if (pending === undefined) return undefined;
  const open = runner.ready ? 1 : 0;
  return { total: open, idle: open === 1 && pending === 0 ? 1 : 0, pending, max: 1 };
}
