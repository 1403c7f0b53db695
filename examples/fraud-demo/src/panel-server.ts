import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { StoreInspector } from '@featurescope/core';
import { createMonitorServer, createStoreMonitor, openMonitorSource } from '@featurescope/monitor';
import { postgresStoreInspector, type PGliteLike } from '@featurescope/postgres';
import { DEFAULT_MONITOR_PORT, MONITOR_ENV } from '@featurescope/monitor/cli';
import type { EmbeddedDatabase } from './open-store.js';

/** The monitor the demo runs beside its service, with the panel on its HTTP port. */
export interface DemoPanel {
  /** `http://localhost:<port>/`: the overview page; `#feature=amount_avg_7d` opens that panel. */
  readonly url: string;
  /** Stores the last `windowSeconds` of every feature as the monitor's drift baseline. */
  captureBaseline(windowSeconds: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a store monitor (5 s cycles over a 30 s window) and its HTTP server on
 * FEATURESCOPE_MONITOR_PORT (default 9470; 0 = any free port). Resolves the reason instead when
 * it cannot run: a PGlite directory is open in this process already, or the port is taken.
 */
export async function startPanel(url: string, embedded: EmbeddedDatabase | undefined): Promise<DemoPanel | string> {
  let source: StoreInspector;
  if (embedded !== undefined) source = postgresStoreInspector(embedded as unknown as PGliteLike);
  else if (url.startsWith('pglite:')) return 'a PGlite directory cannot be opened twice; run `featurescope monitor` on it after the demo';
  else if (url.startsWith('redis')) return 'the store monitor reads SQL feature tables; Redis has none to scan';
  else source = await openMonitorSource(url);
  const monitor = createStoreMonitor({ source, intervalSeconds: 5, windowSeconds: 30, volumeWindowSeconds: 5, log: () => {} });
  const server = createMonitorServer(monitor);
  const requested = Number(process.env[MONITOR_ENV.PORT] || DEFAULT_MONITOR_PORT);
  server.listen(requested, '127.0.0.1');
  try {
    await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error as Error))]);
  } catch (error) {
    await monitor.close();
    return `port ${requested}: ${(error as Error).message} (set ${MONITOR_ENV.PORT})`;
  }
  monitor.start();
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}/`,
    captureBaseline: async (windowSeconds) => {
      await monitor.captureBaseline({ windowSeconds });
    },
    close: async () => {
      server.close();
      await monitor.close();
    },
  };
}
