import { histogramExportOf, InMemoryFeatureStore, instrumentFeatureStore, semconv } from '@featurescope/core';
import { metrics } from '@opentelemetry/api';
import { startOtlpReceiver, type OtlpHistogramDataPoint, type OtlpReceiver, type ReceivedMetric } from '@featurescope/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelemetry, type TelemetryHandle } from '../src/index.js';
import { CANARY_ENTITY, CANARY_VALUE, CANARY_VALUE_TEXT, textOf } from './support/canaries.js';

const GROUP = 'user_features';

describe('OTLP/HTTP protobuf export of traces and metrics to a real receiver', () => {
  let receiver: OtlpReceiver;
  let telemetry: TelemetryHandle;
  let unregister: () => void;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    for (const key of Object.keys(process.env)) if (key.startsWith('OTEL_')) delete process.env[key];
    Object.assign(process.env, {
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_HEADERS: 'x-featurescope-test=token%3Dabc',
      OTEL_SERVICE_NAME: 'otlp-export-test',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=ci,team=ml-platform',
      // Long interval: the test flushes explicitly, so every export it sees is one it asked for.
      OTEL_METRIC_EXPORT_INTERVAL: '600000',
    });
    telemetry = startTelemetry({ strict: true });
    // A histogram aggregated outside the SDK, as @featurescope/quality does, exported through startTelemetry's HistogramExport.
    unregister = histogramExportOf(metrics.getMeterProvider())!.add({
      scope: { name: '@featurescope/test-bridge' },
      collect: () => [
        {
          name: 'featurescope.test.bridge_values',
          description: 'Bridge test histogram',
          unit: '{value}',
          boundaries: [1, 10],
          points: [{ attributes: { [semconv.ATTR_FEATURE_NAME]: 'txn_amount' }, bucketCounts: [2, 3, 1], count: 6, sum: 40, min: 0.5, max: 12, startTimeMs: 1_700_000_000_000 }],
        },
      ],
    });
    const store = instrumentFeatureStore(new InMemoryFeatureStore());
    await store.upsert({ group: GROUP, rows: [{ entityId: CANARY_ENTITY, feature: 'txn_count_1h', value: CANARY_VALUE }] });
    await store.lookup({ group: GROUP, entityIds: [CANARY_ENTITY], features: ['txn_count_1h', 'never_written'] });
    await telemetry.forceFlush();
    await receiver.waitFor(() => receiver.spans().length >= 2 && receiver.metrics.length >= 1, 10_000, 'spans and metrics');
  });

  afterAll(async () => {
    unregister();
    await telemetry.shutdown();
    await receiver.close();
  });

  it('sends protobuf to /v1/traces and /v1/metrics with the configured headers', () => {
    expect(receiver.errors).toEqual([]);
    const paths = new Set(receiver.requests.map((request) => request.path));
    expect(paths).toEqual(new Set(['/v1/traces', '/v1/metrics']));
    for (const request of receiver.requests) {
      expect(request.headers['content-type']).toBe('application/x-protobuf');
      expect(request.headers['x-featurescope-test']).toBe('token=abc');
    }
  });

  it('carries the resource from OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES', () => {
    for (const span of receiver.spans()) {
      expect(span.resource).toMatchObject({ 'service.name': 'otlp-export-test', 'deployment.environment.name': 'ci', team: 'ml-platform', 'telemetry.sdk.language': 'nodejs' });
    }
    expect(receiver.metrics[0]!.resourceMetrics[0]!.resource.attributes['service.name']).toBe('otlp-export-test');
  });

  it('exports the store spans under the @featurescope/core scope with their attributes', () => {
    const spans = receiver.spans().filter((span) => span.scope.name === '@featurescope/core');
    const upsert = spans.find((span) => span.name === `upsert ${GROUP}`);
    const lookup = spans.find((span) => span.name === `lookup ${GROUP}`);
    expect(upsert).toBeDefined();
    expect(lookup).toBeDefined();
    expect(upsert!.kind).toBe(3); // SPAN_KIND_CLIENT
    expect(upsert!.scope.version).toBe('0.1.0');
    expect(upsert!.attributes).toMatchObject({
      [semconv.ATTR_DB_SYSTEM_NAME]: 'memory',
      [semconv.ATTR_DB_OPERATION_NAME]: 'upsert',
      [semconv.ATTR_DB_COLLECTION_NAME]: GROUP,
      [semconv.ATTR_ROW_COUNT]: 1,
    });
    expect(lookup!.attributes).toMatchObject({ [semconv.ATTR_DB_OPERATION_NAME]: 'lookup', [semconv.ATTR_ENTITY_COUNT]: 1 });
    expect(lookup!.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(lookup!.endTimeUnixNano).toBeGreaterThan(lookup!.startTimeUnixNano);
  });

  it('exports the metrics with their names, units, temporality and bucket boundaries', () => {
    const byName = new Map<string, ReceivedMetric>();
    for (const metric of receiver.receivedMetrics()) if (metric.scope.name === '@featurescope/core') byName.set(metric.name, metric);
    const duration = byName.get(semconv.METRIC_DB_CLIENT_OPERATION_DURATION);
    expect(duration).toMatchObject({ type: 'histogram', unit: 's', aggregationTemporality: 2 });
    const upsertPoint = duration!.dataPoints.find((point) => point.attributes[semconv.ATTR_DB_OPERATION_NAME] === 'upsert') as OtlpHistogramDataPoint;
    expect(upsertPoint.count).toBe(1);
    expect(upsertPoint.explicitBounds).toEqual([...semconv.DB_DURATION_BUCKETS]);
    expect(upsertPoint.bucketCounts.reduce((a, b) => a + b, 0)).toBe(1);

    const rowsWritten = byName.get(semconv.METRIC_ROWS_WRITTEN);
    expect(rowsWritten).toMatchObject({ type: 'sum', unit: '{value}', isMonotonic: true });
    expect(rowsWritten!.dataPoints).toEqual([
      expect.objectContaining({ value: 1, attributes: { [semconv.ATTR_DB_SYSTEM_NAME]: 'memory', [semconv.ATTR_DB_COLLECTION_NAME]: GROUP, [semconv.ATTR_FEATURE_NAME]: 'txn_count_1h' } }),
    ]);
    expect(byName.get(semconv.METRIC_VALUES_READ)?.dataPoints[0]).toMatchObject({ value: 1 });
    const misses = byName.get(semconv.METRIC_LOOKUP_MISSES)!.dataPoints;
    expect(misses.map((point) => point.attributes[semconv.ATTR_FEATURE_NAME])).toEqual(['never_written']);
  });

  it('exports histograms registered with the core histogram-source bridge', () => {
    const bridged = receiver.receivedMetrics().find((metric) => metric.name === 'featurescope.test.bridge_values');
    expect(bridged).toMatchObject({ type: 'histogram', unit: '{value}', aggregationTemporality: 2, scope: { name: '@featurescope/test-bridge' } });
    expect(bridged!.dataPoints).toEqual([
      expect.objectContaining({
        attributes: { [semconv.ATTR_FEATURE_NAME]: 'txn_amount' },
        count: 6,
        sum: 40,
        min: 0.5,
        max: 12,
        bucketCounts: [2, 3, 1],
        explicitBounds: [1, 10],
        startTimeUnixNano: 1_700_000_000_000_000_000n,
      }),
    ]);
  });

  it('puts no entity id or feature value anywhere in the export', () => {
    const exported = textOf(receiver.traces) + textOf(receiver.metrics);
    expect(exported).toContain(GROUP); // the search itself works
    expect(exported).not.toContain(CANARY_ENTITY);
    expect(exported).not.toContain(CANARY_VALUE_TEXT);
  });
});
