import { ValueType } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectorPrometheusName,
  datadogNames,
  readDocumentedMetrics,
  sdkPrometheusName,
  type DocumentedMetric,
} from './support/metric-names.js';
import { freePort } from './support/prometheus-server.js';

// The renderings the dashboards and rules rely on. The collector's is the Prometheus translator's
// rule set (github.com/prometheus/otlptranslator, default UnderscoreEscapingWithSuffixes); the SDK
// exporter's is checked against the real @opentelemetry/exporter-prometheus below.

const m = (name: string, kind: DocumentedMetric['kind'], unit: string): DocumentedMetric => ({ name, kind, unit });

describe('the collector\'s Prometheus names', () => {
  it.each([
    [m('db.client.operation.duration', 'histogram', 's'), 'db_client_operation_duration_seconds'],
    [m('featurescope.rows.written', 'counter', '{value}'), 'featurescope_rows_written_total'],
    [m('featurescope.vectors.written', 'counter', '{vector}'), 'featurescope_vectors_written_total'],
    [m('featurescope.feature.last_write_time', 'gauge', 's'), 'featurescope_feature_last_write_time_seconds'],
    [m('featurescope.feature.staleness', 'histogram', 's'), 'featurescope_feature_staleness_seconds'],
    [m('featurescope.feature.mean', 'gauge', ''), 'featurescope_feature_mean'],
    [m('featurescope.drift.psi', 'gauge', '1'), 'featurescope_drift_psi_ratio'],
    [m('featurescope.vector_search.top_score', 'histogram', '1'), 'featurescope_vector_search_top_score'],
    [m('http.server.request.duration', 'histogram', 'ms'), 'http_server_request_duration_milliseconds'],
    [m('process.network.io', 'counter', 'By'), 'process_network_io_bytes_total'],
    [m('requests.rate', 'gauge', '{request}/s'), 'requests_rate_per_second'],
    [m('system.uptime.seconds', 'gauge', 's'), 'system_uptime_seconds'],
  ])('%o → %s', (metric, expected) => {
    expect(collectorPrometheusName(metric)).toBe(expected);
  });
});

describe('the app\'s own /metrics (@opentelemetry/exporter-prometheus 0.223)', () => {
  let exporter: PrometheusExporter;
  let provider: MeterProvider;
  let port: number;
  const metrics = [
    m('db.client.operation.duration', 'histogram', 's'),
    m('featurescope.rows.written', 'counter', '{value}'),
    m('featurescope.feature.last_write_time', 'gauge', 's'),
    m('featurescope.drift.psi', 'gauge', '1'),
    m('featurescope.feature.in_flight', 'updowncounter', '{value}'),
  ];

  beforeAll(async () => {
    port = await freePort();
    exporter = new PrometheusExporter({ host: '127.0.0.1', port });
    provider = new MeterProvider({ readers: [exporter] });
    const meter = provider.getMeter('metric-names-test');
    const attributes = { 'db.collection.name': 'txn', 'featurescope.feature.name': 'amount' };
    for (const metric of metrics) {
      const options = { unit: metric.unit, valueType: ValueType.DOUBLE };
      if (metric.kind === 'histogram') meter.createHistogram(metric.name, options).record(0.2, attributes);
      if (metric.kind === 'counter') meter.createObservableCounter(metric.name, options).addCallback((r) => r.observe(3, attributes));
      if (metric.kind === 'updowncounter') meter.createUpDownCounter(metric.name, options).add(2, attributes);
      if (metric.kind === 'gauge') meter.createObservableGauge(metric.name, options).addCallback((r) => r.observe(1.5, attributes));
    }
    await exporter.startServer();
  });
  afterAll(async () => {
    await provider.shutdown();
  });

  it('names each metric as sdkPrometheusName says: _total on counters, no unit suffix, attributes with underscores', async () => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const families = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((match) => [match[1], match[2]]);
    expect(families).toEqual([
      ['target_info', 'gauge'],
      ['db_client_operation_duration', 'histogram'],
      ['featurescope_rows_written_total', 'counter'],
      ['featurescope_feature_last_write_time', 'gauge'],
      ['featurescope_drift_psi', 'gauge'],
      ['featurescope_feature_in_flight', 'gauge'],
    ]);
    expect(metrics.map(sdkPrometheusName)).toEqual(families.slice(1).map(([name]) => name));
    expect(text).toMatch(/db_client_operation_duration_bucket\{db_collection_name="txn",featurescope_feature_name="amount",otel_scope_name="metric-names-test",le="5"\} 1/);
  });
});

describe('Datadog names', () => {
  it('keep the OpenTelemetry name; histograms add the aggregation metrics', () => {
    expect(datadogNames(m('featurescope.rows.written', 'counter', '{value}'))).toEqual(['featurescope.rows.written']);
    expect(datadogNames(m('db.client.operation.duration', 'histogram', 's'))).toEqual([
      'db.client.operation.duration',
      'db.client.operation.duration.count',
      'db.client.operation.duration.sum',
      'db.client.operation.duration.min',
      'db.client.operation.duration.max',
    ]);
  });
});

describe('docs/telemetry.md', () => {
  it('lists the core metrics with instrument and unit', () => {
    const documented = readDocumentedMetrics();
    expect(documented).toContainEqual({ name: 'db.client.operation.duration', kind: 'histogram', unit: 's' });
    expect(documented).toContainEqual({ name: 'featurescope.rows.written', kind: 'counter', unit: '{value}' });
  });

  it('parses metric tables whatever their column order, and ignores other tables', () => {
    const text = [
      '| attribute | type |', '|---|---|', '| `db.system.name` | string |', '',
      '| unit | metric | instrument | description |', '|:-|-|-|-|', '| s | `a.b` | histogram | x |', '| {value} | `c.d` | observable counter | y \\| z |',
    ].join('\n');
    expect(readDocumentedMetrics(text)).toEqual([m('a.b', 'histogram', 's'), m('c.d', 'counter', '{value}')]);
  });
});
