import { createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from './support/free-port.js';
import { runNode } from './support/run-node.js';

/**
 * Fault injection (issue 13 defects 2 and 7): the OTLP collector is down — a closed port, or a
 * black hole that accepts connections and never answers. Durations scale with
 * FEATURESCOPE_FAULT_SECONDS (default 5 s for CI; the figures in docs/reliability.md are from 60 s).
 */
const FAULT_SECONDS = Number(process.env.FEATURESCOPE_FAULT_SECONDS ?? '5');
const REGISTER = ['--import', '@featurescope/otel/register'];

type Collector = { url: string; close: () => Promise<void> };

async function closedCollector(): Promise<Collector> {
  return { url: `http://127.0.0.1:${await freePort()}`, close: () => Promise.resolve() };
}

async function blackHoleCollector(): Promise<Collector> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    sockets.push(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const collectors: [string, () => Promise<Collector>][] = [
  ['closed', closedCollector],
  ['black-holed', blackHoleCollector],
];

describe.each(collectors)('collector %s', (label, start) => {
  it.each([
    [100, false],
    [4000, false],
    [4000, true],
  ])(`the process exits ≤ 2 s after its work ends (%i spans, shutdown() called: %s)`, async (calls, shutdown) => {
    const collector = await start();
    try {
      const run = await runNode([...REGISTER, 'burst-app.mjs'], {
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_METRICS_EXPORTER: 'none',
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        FIXTURE_CALLS: String(calls),
        FIXTURE_SHUTDOWN: shutdown ? '1' : '0',
      });
      const exitedAt = performance.timeOrigin + performance.now();
      expect(run.code, run.stderr).toBe(0);
      const exitMillis = exitedAt - (run.result!.workEndedAt as number);
      console.log(`[collector ${label}] ${calls} spans, shutdown ${shutdown}: exit ${exitMillis.toFixed(0)} ms after the work ended`);
      expect(exitMillis).toBeLessThan(2000);
    } finally {
      await collector.close();
    }
  }, 60_000);

  it(`${FAULT_SECONDS} s at ≥ 1,000 ops/s: 0 errors, identical results, heap growth < 20 MB, drops counted`, async () => {
    const collector = await start();
    const port = await freePort();
    try {
      const run = await runNode(['--expose-gc', ...REGISTER, 'collector-down-app.mjs'], {
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_METRICS_EXPORTER: 'prometheus',
        OTEL_EXPORTER_PROMETHEUS_PORT: String(port),
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        FIXTURE_SECONDS: String(FAULT_SECONDS),
        FIXTURE_RATE: '1200',
      }, (FAULT_SECONDS + 60) * 1000);
      expect(run.code, run.stderr).toBe(0);
      const result = run.result as { calls: number; opsPerSecond: number; errors: number; mismatches: number; heapGrowthMb: number; dropped: Record<string, number> };
      console.log(`[collector ${label}] ${FAULT_SECONDS} s: ${JSON.stringify(result)}`);
      expect(result.opsPerSecond).toBeGreaterThanOrEqual(1000);
      expect(result.errors).toBe(0);
      expect(result.mismatches).toBe(0);
      expect(result.heapGrowthMb).toBeLessThan(20);
      const dropped = Object.values(result.dropped).reduce((a, b) => a + b, 0);
      // Every span of the run (1.1 per call, plus the warm-up's) was dropped, except the few still queued.
      expect(dropped).toBeGreaterThan(result.calls);
      expect(Object.keys(result.dropped).sort()).toEqual(['collector_unavailable', 'export_failed', 'queue_full']);
    } finally {
      await collector.close();
    }
  }, (FAULT_SECONDS + 90) * 1000);
});
