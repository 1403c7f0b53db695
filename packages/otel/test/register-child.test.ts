import { createServer, type Server } from 'node:net';
import { startOtlpReceiver } from '@featurescope/test-utils';
import { describe, expect, it } from 'vitest';
import { textOf } from './support/canaries.js';
import { freePort } from './support/free-port.js';
import { packageLines, runNode } from './support/run-node.js';

const REGISTER = ['--import', '@featurescope/otel/register'];
const TIMEOUT = 60_000;

describe('node --import @featurescope/otel/register (ESM app in a child process)', () => {
  it('serves Prometheus metrics by default and prints nothing', async () => {
    const port = await freePort();
    const run = await runNode([...REGISTER, 'store-app.mjs'], { OTEL_EXPORTER_PROMETHEUS_PORT: String(port), FIXTURE_SCRAPE: '1', FIXTURE_REPORT_PATCHED: '1' });
    expect(run.code, run.stderr).toBe(0);
    expect(packageLines(run.stdout + run.stderr)).toEqual([]);
    // No trace export, so no driver is patched: its instrumentation would only cost.
    expect(run.result).toMatchObject({ started: true, prometheusPort: port, pgPatched: false });
    const scrape = String(run.result!.scrape);
    expect(scrape).toContain('featurescope_rows_written_total{');
    expect(scrape).toMatch(/target_info\{[^}]*service_name="featurescope-otel-fixture"/); // from the app's package.json
    expect(scrape).not.toContain('entity-CANARY-7f3a');
  }, TIMEOUT);

  it('exports traces and metrics over OTLP when the environment says so, and nothing to Prometheus', async () => {
    const receiver = await startOtlpReceiver();
    const port = await freePort();
    try {
      const run = await runNode([...REGISTER, 'store-app.mjs'], {
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_METRICS_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_SERVICE_NAME: 'child-otlp',
        OTEL_EXPORTER_PROMETHEUS_PORT: String(port),
        FIXTURE_REPORT_PATCHED: '1',
      });
      expect(run.code, run.stderr).toBe(0);
      expect(run.result).toMatchObject({ started: true, prometheusPort: null, pgPatched: true });
      // The register hook flushes on beforeExit, so everything arrived before the child exited.
      const spanNames = receiver.spans().map((span) => span.name);
      expect(spanNames).toEqual(expect.arrayContaining(['upsert child_features', 'lookup child_features']));
      expect(receiver.spans()[0]!.resource['service.name']).toBe('child-otlp');
      expect(receiver.receivedMetrics().map((metric) => metric.name)).toEqual(expect.arrayContaining(['db.client.operation.duration', 'featurescope.rows.written']));
      expect(textOf(receiver.traces) + textOf(receiver.metrics)).not.toContain('entity-CANARY-7f3a');
      await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
    } finally {
      await receiver.close();
    }
  }, TIMEOUT);

  it('writes metrics and spans to stdout with the console exporters', async () => {
    const run = await runNode([...REGISTER, 'store-app.mjs'], { OTEL_TRACES_EXPORTER: 'console', OTEL_METRICS_EXPORTER: 'console' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("name: 'upsert child_features'");
    expect(run.stdout).toContain("name: 'db.client.operation.duration'");
  }, TIMEOUT);

  it('prints exactly one line for an invalid value, naming the variable and the accepted values, and uses the default', async () => {
    const port = await freePort();
    const run = await runNode([...REGISTER, 'store-app.mjs'], {
      OTEL_METRICS_EXPORTER: 'promethues',
      OTEL_EXPORTER_PROMETHEUS_PORT: String(port),
      FIXTURE_SCRAPE: '1',
    });
    expect(run.code, run.stderr).toBe(0);
    const lines = packageLines(run.stdout + run.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('OTEL_METRICS_EXPORTER="promethues"');
    expect(lines[0]).toContain('prometheus, otlp, console, none');
    expect(run.stderr).toContain(lines[0]);
    expect(String(run.result!.scrape)).toContain('featurescope_rows_written_total{');
  }, TIMEOUT);

  it('logs a taken Prometheus port once and keeps the app running', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = await runNode([...REGISTER, 'store-app.mjs'], { OTEL_EXPORTER_PROMETHEUS_PORT: String(port), FIXTURE_LINGER_MS: '300' });
      expect(run.code, run.stderr).toBe(0);
      const lines = packageLines(run.stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`port ${port}`);
      expect(lines[0]).toContain('EADDRINUSE');
      expect(lines[0]).toContain('OTEL_EXPORTER_PROMETHEUS_PORT');
      expect(run.result).toMatchObject({ stillRunning: true, prometheusPortAfter: null });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }, TIMEOUT);

  it('shutdown() returns within the 1 s bound when the OTLP collector is down', async () => {
    const closedPort = await freePort();
    const started = performance.now();
    const run = await runNode([...REGISTER, 'store-app.mjs'], {
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${closedPort}`,
      FIXTURE_SHUTDOWN: '1',
    });
    const processMillis = performance.now() - started;
    expect(run.code, run.stderr).toBe(0);
    // A functional bound on the timeout behaviour, not a benchmark.
    expect(run.result!.shutdownMillis as number).toBeLessThan(1500);
    console.info(`shutdown with collector down: ${Math.round(run.result!.shutdownMillis as number)} ms; child process total ${Math.round(processMillis)} ms`);
  }, TIMEOUT);
});

describe('CommonJS', () => {
  it("require('@featurescope/otel/register') starts telemetry for a CJS app", async () => {
    const port = await freePort();
    const run = await runNode(['cjs-app.cjs'], { OTEL_EXPORTER_PROMETHEUS_PORT: String(port) });
    expect(run.code, run.stderr).toBe(0);
    expect(run.result).toMatchObject({ started: true });
    expect(String(run.result!.scrape)).toContain('featurescope_rows_written_total{');
  }, TIMEOUT);

  it('node --require @featurescope/otel/register works too', async () => {
    const port = await freePort();
    const run = await runNode(['--require', '@featurescope/otel/register', 'preloaded-cjs-app.cjs'], { OTEL_EXPORTER_PROMETHEUS_PORT: String(port) });
    expect(run.code, run.stderr).toBe(0);
    expect(run.result).toEqual({ started: true, prometheusPort: port });
  }, TIMEOUT);
});
