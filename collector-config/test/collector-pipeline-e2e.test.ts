import { semconv } from '@featurescope/core';
import { startTelemetry, type TelemetryHandle } from '@featurescope/otel';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '@featurescope/test-utils';
import { metrics } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollectorProcess, distributionComponents } from './support/collector-process.js';
import { queriedSeries, type QueriedSeries } from './support/expected-queries.js';
import { runnablePipeline } from './support/pipeline-config.js';
import { freePort, PrometheusServer } from './support/prometheus-server.js';
import { loadQualityEngine, type QualityEngineLike } from './support/quality.js';
import { MIX, MIX_KIND_ATTR, sendTraceMix, type MixKind } from './support/trace-mix.js';
import { runWorkload, WORKLOAD, type WorkloadReport } from './support/workload-app.js';

// app (@featurescope/otel + core's in-memory store) → OTLP/HTTP → the running collector
// (prometheus-only.yaml, made runnable by support/pipeline-config.ts) → its prometheus exporter →
// a real Prometheus server scraping it with the shipped job; sampled traces → an OTLP receiver.

const SERVICE = 'featurescope-collector-e2e';
const INSTANCE = `pod-${process.pid}`;
const SECRETS = ['u-secret-1', 'c-secret-2', 'e-secret-3', 'a-secret-4'];
// The entity-id guard's pattern (collector-config/README.md), as Prometheus label names.
const ENTITY_LABEL = /^(.*_)?(entity|user|enduser|customer|account|card|device|member|session)_?ids?$/i;
// Label → the attribute it renders, for the metrics the library cannot be made to emit here.
const LABEL_ATTRIBUTES: Record<string, string> = {
  db_collection_name: semconv.ATTR_DB_COLLECTION_NAME,
  db_operation_name: semconv.ATTR_DB_OPERATION_NAME,
  featurescope_feature_name: semconv.ATTR_FEATURE_NAME,
  featurescope_rule: 'featurescope.rule',
  error_type: semconv.ATTR_ERROR_TYPE,
};

let traces: OtlpReceiver;
let collector: CollectorProcess;
let prometheus: PrometheusServer;
let telemetry: TelemetryHandle;
let quality: QualityEngineLike | Error;
let report: WorkloadReport;
const expected = queriedSeries();
const synthesized: string[] = [];

async function series(match: string): Promise<Record<string, string>[]> {
  const response = await fetch(`${prometheus.url}/api/v1/series?${new URLSearchParams({ 'match[]': match }).toString()}`);
  return ((await response.json()) as { data: Record<string, string>[] }).data;
}

/** Emits a queried metric the workload did not produce, with its documented kind and unit. */
function emitDocumented({ metric, labels }: QueriedSeries): void {
  const meter = metrics.getMeter('featurescope-collector-e2e-docs');
  const attributes: Record<string, string> = {};
  for (const label of labels) {
    if (label === 'job' || label === 'le') continue;
    const attribute = LABEL_ATTRIBUTES[label];
    if (!attribute) throw new Error(`no attribute known for label ${label}: add it to LABEL_ATTRIBUTES`);
    attributes[attribute] = label === 'db_collection_name' ? WORKLOAD.group : label === 'featurescope_feature_name' ? WORKLOAD.features[0] : 'x';
  }
  const options = { unit: metric.unit };
  if (metric.kind === 'counter') meter.createCounter(metric.name, options).add(3, attributes);
  else if (metric.kind === 'updowncounter') meter.createUpDownCounter(metric.name, options).add(3, attributes);
  else if (metric.kind === 'histogram') meter.createHistogram(metric.name, options).record(0.5, attributes);
  else meter.createGauge(metric.name, options).record(0.5, attributes);
}

beforeAll(async () => {
  const components = await distributionComponents();
  traces = await startOtlpReceiver();
  const ports = { otlpGrpc: await freePort(), otlpHttp: await freePort(), prometheus: await freePort(), traceCapture: traces.url };
  collector = await CollectorProcess.start(runnablePipeline('prometheus-only.yaml', components, ports));
  prometheus = await PrometheusServer.start({
    global: { scrape_interval: '1s' },
    scrape_configs: [{ job_name: 'otel-collector', honor_labels: true, static_configs: [{ targets: [`127.0.0.1:${ports.prometheus}`] }] }],
  });
  Object.assign(process.env, {
    OTEL_SERVICE_NAME: SERVICE,
    OTEL_RESOURCE_ATTRIBUTES: `service.instance.id=${INSTANCE},service.version=1.4.0,deployment.environment.name=e2e`,
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_METRICS_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${ports.otlpHttp}`,
    OTEL_METRIC_EXPORT_INTERVAL: '1000',
  });
  telemetry = startTelemetry({ strict: true });
  quality = await loadQualityEngine(WORKLOAD.features);
  report = await runWorkload(quality instanceof Error ? [] : [quality]);
  // A metric from another library that carries entity ids: the collector must strip them.
  metrics.getMeter('featurescope-collector-e2e-leaky').createCounter('e2e.entity_probe', { unit: '{value}' }).add(1, {
    [semconv.ATTR_DB_COLLECTION_NAME]: WORKLOAD.group, user_id: SECRETS[0], 'customer.id': SECRETS[1], [semconv.ATTR_ENTITY_IDS]: SECRETS[2], 'app.account.id': SECRETS[3],
  });
  sendTraceMix();
  await telemetry.forceFlush();
  await prometheus.waitFor(`sum(db_client_operation_duration_seconds_count{job="${SERVICE}", db_operation_name="lookup"})`, (s) => s.length === 1 && Number(s[0]!.value[1]) === report.lookups, 60_000);
  for (const entry of expected) {
    if ((await series(`${entry.series}{job="${SERVICE}"}`)).length === 0) {
      emitDocumented(entry);
      synthesized.push(entry.series);
    }
  }
  await telemetry.forceFlush();
  await prometheus.waitFor(`count(e2e_entity_probe_total{job="${SERVICE}"})`, (s) => s.length === 1, 60_000);
  for (const entry of expected) await prometheus.waitFor(`count(${entry.series}{job="${SERVICE}"})`, (s) => s.length === 1, 60_000);
  await traces.waitFor(() => traces.spans().some((span) => span.attributes[MIX_KIND_ATTR] === 'sentinel'), 60_000, 'the sentinel trace');
}, 240_000);

afterAll(async () => {
  if (quality !== undefined && !(quality instanceof Error)) quality.shutdown();
  await telemetry?.shutdown();
  await prometheus?.stop();
  await collector?.stop();
  await traces?.close();
});

describe('metrics through the running collector into Prometheus', () => {
  it('have every series the alert rules and the Grafana dashboard query, with every label they use', async () => {
    expect(expected.length).toBeGreaterThan(10);
    for (const { series: name, labels } of expected) {
      const found = await series(`${name}{job="${SERVICE}"}`);
      expect(found.length, name).toBeGreaterThan(0);
      for (const label of labels) expect(found.some((s) => label in s), `${name} has label ${label}`).toBe(true);
    }
  });

  it('come mostly from the real library (the rest is emitted with its documented kind and unit)', () => {
    // Which names the workload cannot produce without a vector store and a baseline: listed so a
    // regression in the library's exports shows up here as a longer list.
    console.info(`series emitted from docs/telemetry.md (not produced by the workload): ${synthesized.join(', ') || 'none'}`);
    expect(synthesized.length).toBeLessThan(expected.length / 2);
    expect(synthesized).not.toContain('db_client_operation_duration_seconds_bucket');
    expect(synthesized).not.toContain('featurescope_rows_written_total');
  });

  it('have the documented type in Prometheus\' metadata (the unit is in the name)', async () => {
    const body = (await (await fetch(`${prometheus.url}/api/v1/metadata`)).json()) as { data: Record<string, { type: string; unit: string }[]> };
    for (const { series: name, metric } of expected) {
      const base = metric.kind === 'histogram' ? name.replace(/_(bucket|sum|count)$/, '') : name;
      const meta = body.data[base] ?? body.data[base.replace(/_total$/, '')];
      expect(meta, `metadata of ${base}`).toBeDefined();
      const type = { counter: 'counter', histogram: 'histogram', gauge: 'gauge', updowncounter: 'gauge' }[metric.kind];
      expect(meta!.map((m) => m.type), base).toContain(type);
    }
  });

  it('map service.name to job, service.instance.id to instance and the rest to target_info', async () => {
    const found = await series(`db_client_operation_duration_seconds_count{job="${SERVICE}"}`);
    expect(new Set(found.map((s) => s.instance))).toEqual(new Set([INSTANCE]));
    const info = await series(`target_info{job="${SERVICE}"}`);
    expect(info.length).toBeGreaterThan(0);
    expect(info[0]).toMatchObject({ instance: INSTANCE, service_version: '1.4.0', deployment_environment_name: 'e2e' });
    // transform/metrics drops command lines and paths from the resource.
    for (const s of info) for (const key of ['process_command_args', 'process_command_line', 'process_executable_path']) expect(s, key).not.toHaveProperty(key);
  });

  it('carry no entity-id label and no entity id value (attributes/drop-entity-ids)', async () => {
    const probe = await series(`e2e_entity_probe_total{job="${SERVICE}"}`);
    expect(probe).toHaveLength(1);
    expect(probe[0]).toMatchObject({ db_collection_name: WORKLOAD.group });
    const everything = await series(`{job="${SERVICE}"}`);
    expect(everything.length).toBeGreaterThan(20);
    for (const s of everything) {
      for (const [label, value] of Object.entries(s)) {
        expect(label, `${s.__name__}`).not.toMatch(ENTITY_LABEL);
        for (const secret of SECRETS) expect(value).not.toContain(secret);
      }
    }
  });

  it('include span metrics of featurescope\'s spans only (filter/featurescope-spans)', async () => {
    const calls = await series(`traces_span_metrics_calls_total{job="${SERVICE}"}`);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((s) => s.db_operation_name !== undefined)).toBe(true);
    expect(calls.some((s) => s.span_name?.startsWith('mix.'))).toBe(false);
  });
});

describe('tail sampling on what leaves the collector', () => {
  const kept = (kind: MixKind): ReceivedSpan[] => traces.spans().filter((span) => span.attributes[MIX_KIND_ATTR] === kind);

  it('keeps every trace with an error, a stale lookup, a drift or a validation event', () => {
    for (const kind of ['error', 'stale', 'drift', 'validation'] as const) {
      const indexes = new Set(kept(kind).map((span) => Number(span.attributes['test.mix.index'])));
      expect(indexes.size, kind).toBe(MIX[kind]);
    }
    // The workload's failed upserts are ERROR spans of the real library.
    const failed = traces.spans().filter((span) => span.scope.name === semconv.INSTRUMENTATION_SCOPE && span.status.code === 2);
    expect(failed).toHaveLength(WORKLOAD.failedUpserts);
  });

  it('keeps about 5 % of the other traces', () => {
    const plain = new Set(kept('plain').map((span) => Number(span.attributes['test.mix.index']))).size;
    // Binomial(1000, 0.05): mean 50, sd 6.9; [20, 85] is beyond 4 sd on either side.
    console.info(`plain traces kept: ${plain} of ${MIX.plain}`);
    expect(plain).toBeGreaterThanOrEqual(20);
    expect(plain).toBeLessThanOrEqual(85);
  });

  it('exports decodable OTLP without command lines in the resource', () => {
    expect(traces.errors).toEqual([]);
    for (const span of traces.spans()) {
      expect(span.resource['service.name']).toBe(SERVICE);
      for (const key of ['process.command_args', 'process.command_line', 'process.executable.path']) expect(span.resource, key).not.toHaveProperty(key);
    }
  });
});
