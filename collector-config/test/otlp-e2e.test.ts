import { semconv } from '@featurescope/core';
import { startTelemetry, type TelemetryHandle } from '@featurescope/otel';
import { startOtlpReceiver, type OtlpHistogramDataPoint, type OtlpNumberDataPoint, type OtlpReceiver, type ReceivedMetric } from '@featurescope/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCollectorFiles } from './support/otelcol-config.js';
import { runWorkload, WORKLOAD, type WorkloadReport } from './support/workload-app.js';

// The app side of the collector pipelines: @featurescope/otel exporting traces and metrics over
// OTLP/HTTP (protobuf) to a real receiver that decodes the wire format. The collector configs
// route on exactly what is asserted here (resource attributes, scope, names, attributes).

const SERVICE = 'featurescope-collector-config-otlp';
const CLIENT = 3;
const STATUS_ERROR = 2;
const CUMULATIVE = 2;

let receiver: OtlpReceiver;
let telemetry: TelemetryHandle;
let report: WorkloadReport;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  Object.assign(process.env, {
    OTEL_SERVICE_NAME: SERVICE,
    OTEL_RESOURCE_ATTRIBUTES: 'service.version=1.2.3,deployment.environment.name=e2e',
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_METRICS_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_METRIC_EXPORT_INTERVAL: '1000',
  });
  telemetry = startTelemetry({ strict: true });
  report = await runWorkload();
  await telemetry.forceFlush();
  const spansExpected = WORKLOAD.upserts + WORKLOAD.failedUpserts + WORKLOAD.lookups;
  await receiver.waitFor(() => receiver.spans().filter((span) => span.scope.name === semconv.INSTRUMENTATION_SCOPE).length >= spansExpected, 30_000, `${spansExpected} featurescope spans`);
  await receiver.waitFor(() => latest('db.client.operation.duration') !== undefined, 30_000, 'db.client.operation.duration');
}, 120_000);

afterAll(async () => {
  await telemetry?.shutdown();
  await receiver?.close();
});

/** The most recent export of a featurescope metric (cumulative, so it holds the totals). */
function latest(name: string): ReceivedMetric | undefined {
  return receiver.receivedMetrics().filter((metric) => metric.name === name && metric.scope.name === semconv.INSTRUMENTATION_SCOPE).at(-1);
}

describe('OTLP/HTTP export of a featurescope app', () => {
  it('decodes every request it received', () => {
    expect(receiver.errors).toEqual([]);
    expect(receiver.requests.every((request) => request.status === 200)).toBe(true);
    expect(receiver.requests.map((request) => request.path)).toEqual(expect.arrayContaining(['/v1/traces', '/v1/metrics']) as unknown);
  });

  it('carries the resource attributes Datadog maps to service, version and env', () => {
    for (const resource of [...receiver.spans().map((span) => span.resource), ...receiver.receivedMetrics().map((metric) => metric.resource)]) {
      expect(resource).toMatchObject({ 'service.name': SERVICE, 'service.version': '1.2.3', 'deployment.environment.name': 'e2e' });
    }
  });

  it('sends one CLIENT span per store call, named "<operation> <group>", under the core scope', () => {
    const spans = receiver.spans().filter((span) => span.scope.name === semconv.INSTRUMENTATION_SCOPE);
    const upserts = spans.filter((span) => span.name === `upsert ${WORKLOAD.group}`);
    const lookups = spans.filter((span) => span.name === `lookup ${WORKLOAD.group}`);
    expect(upserts).toHaveLength(report.upserts + report.failedUpserts);
    expect(lookups).toHaveLength(report.lookups);
    for (const span of spans) {
      expect(span.kind).toBe(CLIENT);
      expect(span.attributes).toMatchObject({
        [semconv.ATTR_DB_SYSTEM_NAME]: 'memory',
        [semconv.ATTR_DB_COLLECTION_NAME]: WORKLOAD.group,
        [semconv.ATTR_DB_OPERATION_NAME]: span.name.split(' ')[0],
      });
      expect(span.attributes).not.toHaveProperty(semconv.ATTR_ENTITY_IDS);
    }
    const failed = upserts.filter((span) => span.status.code === STATUS_ERROR);
    expect(failed).toHaveLength(report.failedUpserts);
    for (const span of failed) expect(span.attributes[semconv.ATTR_ERROR_TYPE]).toBe('InvalidInputError');
  });

  it('puts the lookup age the tail-sampling policy compares on every lookup span, as a double in seconds', () => {
    const lookups = receiver.spans().filter((span) => span.name === `lookup ${WORKLOAD.group}`);
    for (const span of lookups) {
      const age = span.attributes[semconv.ATTR_LOOKUP_AGE_MAX];
      expect(typeof age).toBe('number');
      expect(age as number).toBeGreaterThanOrEqual(0);
      expect(age as number).toBeLessThan(60);
      expect(span.attributes[semconv.ATTR_LOOKUP_HITS]).toBe(WORKLOAD.lookupEntities * WORKLOAD.features.length);
    }
  });

  it('exports the duration histogram in seconds, cumulative, with exact counts per operation and outcome', () => {
    const duration = latest(semconv.METRIC_DB_CLIENT_OPERATION_DURATION)!;
    expect(duration).toMatchObject({ type: 'histogram', unit: 's', aggregationTemporality: CUMULATIVE });
    const count = (operation: string, errorType?: string): number =>
      (duration.dataPoints as OtlpHistogramDataPoint[])
        .filter((point) => point.attributes[semconv.ATTR_DB_OPERATION_NAME] === operation && point.attributes[semconv.ATTR_ERROR_TYPE] === errorType)
        .reduce((sum, point) => sum + point.count, 0);
    expect(count('upsert')).toBe(report.upserts);
    expect(count('upsert', 'InvalidInputError')).toBe(report.failedUpserts);
    expect(count('lookup')).toBe(report.lookups);
    const lookupPoint = (duration.dataPoints as OtlpHistogramDataPoint[]).find((point) => point.attributes[semconv.ATTR_DB_OPERATION_NAME] === 'lookup')!;
    expect(lookupPoint.explicitBounds).toEqual([...semconv.DB_DURATION_BUCKETS]);
    expect(lookupPoint.min!).toBeGreaterThanOrEqual(WORKLOAD.lookupDelayMs / 1000 - 0.002);
  });

  it('exports per-feature counters as monotonic cumulative sums with their annotation unit', () => {
    const written = latest(semconv.METRIC_ROWS_WRITTEN)!;
    expect(written).toMatchObject({ type: 'sum', unit: '{value}', isMonotonic: true, aggregationTemporality: CUMULATIVE });
    const perFeature = Object.fromEntries(
      (written.dataPoints as OtlpNumberDataPoint[]).map((point) => [point.attributes[semconv.ATTR_FEATURE_NAME], point.value]),
    );
    expect(perFeature).toEqual(Object.fromEntries(WORKLOAD.features.map((feature) => [feature, report.rowsWrittenPerFeature])));
  });

  it('sends no metric attribute the collector\'s entity-id guard would have to drop', () => {
    const { config } = loadCollectorFiles()[0]!;
    const actions = (config.processors?.['attributes/drop-entity-ids'] as { actions: { key?: string; pattern?: string }[] }).actions;
    const pattern = new RegExp(actions.find((a) => a.pattern !== undefined)!.pattern!.replace(/^\(\?i\)/, ''), 'i');
    const keys = new Set(receiver.receivedMetrics().flatMap((metric) => metric.dataPoints.flatMap((point) => Object.keys(point.attributes))));
    expect(keys.size).toBeGreaterThan(3);
    expect([...keys].filter((key) => pattern.test(key) || key === semconv.ATTR_ENTITY_IDS)).toEqual([]);
  });
});
