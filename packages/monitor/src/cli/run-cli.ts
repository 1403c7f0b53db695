import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { startTelemetry } from '@featurescope/otel';
import { MonitorConfigError } from '../errors.js';
import { createMonitorServer } from '../http/monitor-server.js';
import { createStoreMonitor } from '../monitor/store-monitor.js';
import { openMonitorSource } from '../sql/open-source.js';
import { readCliSettings, USAGE } from './settings.js';

/** Where the CLI writes; `process.stdout` / `process.stderr` by default. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const consoleIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * Runs `featurescope …`. `monitor` runs until SIGINT/SIGTERM (or `signal` aborts) and resolves 0;
 * `monitor baseline capture` resolves when done. Resolves 2 on a configuration error, 1 on any other failure.
 */
export async function runCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  io: CliIo = consoleIo,
  signal?: AbortSignal,
): Promise<number> {
  try {
    const settings = await readCliSettings(argv, env);
    if (settings.command === 'help') {
      io.out(USAGE);
      return 0;
    }
    const source = await openMonitorSource(settings.store);
    // The SDK (OTEL_* variables, Prometheus on :9464 by default) only for the long-running command.
    const telemetry = settings.command === 'run' ? startTelemetry({ serviceName: 'featurescope-monitor' }) : undefined;
    const log = (line: string): void => io.out(`${new Date().toISOString()} ${line}`);
    const monitor = createStoreMonitor({ ...settings.options, source, log });
    if (settings.command === 'baseline-capture') {
      try {
        const captured = await monitor.captureBaseline({
          ...(settings.captureFeatures === undefined ? {} : { features: settings.captureFeatures }),
          ...(settings.captureWindowSeconds === undefined ? {} : { windowSeconds: settings.captureWindowSeconds }),
        });
        for (const c of captured) io.out(`baseline ${c.feature}: ${c.count} values in the window, ${c.kept} kept${c.sampled ? ' (sampled)' : ''}`);
        io.out(`captured ${captured.length} baseline${captured.length === 1 ? '' : 's'} from ${source.description}`);
        return 0;
      } finally {
        await monitor.close();
      }
    }
    const server = createMonitorServer(monitor);
    server.listen(settings.port, settings.host);
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    const o = monitor.options;
    log(
      `monitoring ${o.featureTable.table.display} on ${source.description} every ${o.intervalSeconds}s ` +
        `(window ${o.windowSeconds}s, ${o.features === undefined ? `features discovered, cap ${o.maxFeatures}` : `${o.features.length} features`}); API on ${settings.host}:${port}` +
        (telemetry?.prometheusPort === undefined ? '' : `, metrics on :${telemetry.prometheusPort}/metrics`),
    );
    monitor.start();
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      if (signal?.aborted === true) stop();
      signal?.addEventListener('abort', stop, { once: true });
    });
    log('stopping');
    server.close();
    await monitor.close();
    await telemetry?.shutdown();
    return 0;
  } catch (error) {
    if (error instanceof MonitorConfigError) {
      io.err(`featurescope: ${error.message}`);
      io.err(USAGE);
      return 2;
    }
    io.err(`featurescope: ${(error as Error).message ?? String(error)}`);
    return 1;
  }
}
