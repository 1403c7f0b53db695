import { startTelemetry, type TelemetryHandle } from '@featurescope/otel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollectorProcess, distributionComponents } from './support/collector-process.js';
import { loadCollectorFiles, type CollectorConfig } from './support/otelcol-config.js';
import { onLoopback, withoutUnavailable } from './support/otelcol-template.js';
import { freePort, PrometheusServer } from './support/prometheus-server.js';
import { runWorkload, WORKLOAD, type WorkloadReport } from './support/workload-app.js';

// app → OTLP → the running collector with prometheus-remote-write.yaml → Prometheus' remote-write
// receiver: the same names and counts as the scrape path, with no scrape at all.

const SERVICE = 'featurescope-remote-write-e2e';
let collector: CollectorProcess;
let prometheus: PrometheusServer;
let telemetry: TelemetryHandle;
let report: WorkloadReport;

beforeAll(async () => {
  prometheus = await PrometheusServer.start({ global: { scrape_interval: '15s' }, scrape_configs: [] }, {}, ['--web.enable-remote-write-receiver']);
  const shipped = loadCollectorFiles().find((f) => f.file === 'prometheus-remote-write.yaml')!.config;
  const ports = { otlpGrpc: await freePort(), otlpHttp: await freePort() };
  const config = onLoopback(withoutUnavailable(shipped, await distributionComponents()).config, ports) as CollectorConfig & {
    exporters: Record<string, Record<string, unknown>>;
  };
  config.exporters.prometheusremotewrite!.endpoint = `${prometheus.url}/api/v1/write`;
  // The sampled traces have no backend in this test: nothing may leave loopback.
  config.exporters['otlp/traces']!.endpoint = `127.0.0.1:${await freePort()}`;
  collector = await CollectorProcess.start(config);
  Object.assign(process.env, {
    OTEL_SERVICE_NAME: SERVICE,
    OTEL_TRACES_EXPORTER: 'none',
    OTEL_METRICS_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${ports.otlpHttp}`,
    OTEL_METRIC_EXPORT_INTERVAL: '1000',
  });
  telemetry = startTelemetry({ strict: true });
  report = await runWorkload();
  await telemetry.forceFlush();
  await prometheus.waitFor(
    `sum(db_client_operation_duration_seconds_count{job="${SERVICE}", db_operation_name="lookup"})`,
    (s) => s.length === 1 && Number(s[0]!.value[1]) === report.lookups,
    90_000,
  );
}, 180_000);

afterAll(async () => {
  await telemetry?.shutdown();
  await collector?.stop();
  await prometheus?.stop();
});

describe('Prometheus remote write through the running collector', () => {
  it('writes the scrape path\'s names with exact counts', async () => {
    const sel = `job="${SERVICE}", db_collection_name="${WORKLOAD.group}"`;
    expect(await prometheus.value(`sum(db_client_operation_duration_seconds_count{${sel}, db_operation_name="upsert", error_type=""})`)).toBe(WORKLOAD.upserts);
    expect(await prometheus.value(`sum(db_client_operation_duration_seconds_count{${sel}, db_operation_name="upsert", error_type!=""})`)).toBe(WORKLOAD.failedUpserts);
    const written = await prometheus.query(`sum by (featurescope_feature_name) (featurescope_rows_written_total{${sel}})`);
    expect(Object.fromEntries(written.map((s) => [s.metric.featurescope_feature_name, Number(s.value[1])]))).toEqual(
      Object.fromEntries(WORKLOAD.features.map((f) => [f, report.rowsWrittenPerFeature])),
    );
    expect((await prometheus.query(`db_client_operation_duration_seconds_bucket{${sel}, db_operation_name="lookup"}`)).length).toBeGreaterThan(1);
  });
});
