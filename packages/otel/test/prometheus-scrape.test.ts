import { InMemoryFeatureStore, instrumentFeatureStore, registerHistogramSource, semconv } from '@featurescope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURESCOPE_SERIES_LIMIT, startTelemetry, type TelemetryHandle } from '../src/index.js';
import { CANARY_ENTITY, CANARY_VALUE, CANARY_VALUE_TEXT } from './support/canaries.js';
import { freePort } from './support/free-port.js';

const GROUP = 'prom_scrape_features';

/** GET /metrics; retried briefly because the exporter starts listening asynchronously. */
async function scrape(port: number): Promise<string> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 40; attempt++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      return await response.text();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw lastError;
}

describe('Prometheus endpoint (default metrics exporter), scraped over real HTTP', () => {
  let port: number;
  let telemetry: TelemetryHandle;
  let body: string;
  let unregister: () => void;

  beforeAll(async () => {
    port = await freePort();
    for (const key of Object.keys(process.env)) if (key.startsWith('OTEL_')) delete process.env[key];
    process.env.OTEL_EXPORTER_PROMETHEUS_PORT = String(port);
    process.env.OTEL_SERVICE_NAME = 'prom-scrape-test';
    telemetry = startTelemetry({ strict: true });
    // A histogram aggregated outside the SDK, as @featurescope/quality does, exported by the bridge.
    unregister = registerHistogramSource({
      scope: { name: '@featurescope/test-bridge', version: '9.9.9' },
      collect: () => [
        {
          name: 'featurescope.test.bridge_values',
          description: 'Bridge test histogram',
          unit: '{value}',
          boundaries: [1, 10],
          points: [{ attributes: { [semconv.ATTR_FEATURE_NAME]: 'txn_amount' }, bucketCounts: [2, 3, 1], count: 6, sum: 40, min: 0.5, max: 12, startTimeMs: Date.now() - 1000 }],
        },
      ],
    });
    const store = instrumentFeatureStore(new InMemoryFeatureStore());
    await store.upsert({
      group: GROUP,
      rows: [
        { entityId: CANARY_ENTITY, feature: 'txn_count_1h', value: CANARY_VALUE },
        { entityId: CANARY_ENTITY, feature: 'avg_amount', value: 12 },
      ],
    });
    await store.lookup({ group: GROUP, entityIds: [CANARY_ENTITY, 'entity-absent'], features: ['txn_count_1h', 'never_written'] });
    body = await scrape(port);
  });

  afterAll(async () => {
    unregister();
    await telemetry.shutdown();
  });

  it('reports the port it serves on', () => {
    expect(telemetry.prometheusPort).toBe(port);
  });

  it('renders the operation-duration histogram without a unit suffix (this exporter version adds none)', () => {
    const labels = `db_system_name="memory",db_operation_name="upsert",db_collection_name="${GROUP}",otel_scope_name="@featurescope/core"`;
    expect(body).toContain('# TYPE db_client_operation_duration histogram');
    expect(body).toContain('# UNIT db_client_operation_duration s');
    expect(body).toContain(`db_client_operation_duration_bucket{${labels},otel_scope_version="0.1.0",le="0.001"}`);
    expect(body).toMatch(new RegExp(`db_client_operation_duration_count\\{${labels},otel_scope_version="0\\.1\\.0"\\} 1\\n`));
    expect(body).toMatch(/db_client_operation_duration_sum\{[^}]*db_operation_name="lookup"[^}]*\} \d/);
    expect(body).not.toContain('db_client_operation_duration_seconds');
  });

  it('renders the per-feature counters with _total and the feature name as a label', () => {
    expect(body).toContain('# TYPE featurescope_rows_written_total counter');
    expect(body).toContain('# UNIT featurescope_rows_written_total {value}');
    expect(body).toMatch(new RegExp(`featurescope_rows_written_total\\{db_system_name="memory",db_collection_name="${GROUP}",featurescope_feature_name="txn_count_1h",otel_scope_name="@featurescope/core",otel_scope_version="0\\.1\\.0"\\} 1\\n`));
    expect(body).toMatch(/featurescope_values_read_total\{[^}]*featurescope_feature_name="txn_count_1h"[^}]*\} 1\n/);
    expect(body).toMatch(/featurescope_lookup_misses_total\{[^}]*featurescope_feature_name="never_written"[^}]*\} 2\n/);
    expect(body).toMatch(/featurescope_lookup_misses_total\{[^}]*featurescope_feature_name="txn_count_1h"[^}]*\} 1\n/);
  });

  it('exports histograms registered with the core histogram-source bridge', () => {
    expect(body).toContain('# TYPE featurescope_test_bridge_values histogram');
    const labels = 'featurescope_feature_name="txn_amount",otel_scope_name="@featurescope/test-bridge",otel_scope_version="9.9.9"';
    // Prometheus buckets are cumulative: 2, 2+3, 2+3+1.
    expect(body).toContain(`featurescope_test_bridge_values_bucket{${labels},le="1"} 2\n`);
    expect(body).toContain(`featurescope_test_bridge_values_bucket{${labels},le="10"} 5\n`);
    expect(body).toContain(`featurescope_test_bridge_values_bucket{${labels},le="+Inf"} 6\n`);
    expect(body).toContain(`featurescope_test_bridge_values_count{${labels}} 6\n`);
  });

  it('labels target_info with the service name from OTEL_SERVICE_NAME', () => {
    expect(body).toMatch(/target_info\{[^}]*service_name="prom-scrape-test"/);
  });

  it('contains no entity id and no feature value', () => {
    expect(body).not.toContain(CANARY_ENTITY);
    expect(body).not.toContain('entity-absent');
    expect(body).not.toContain(CANARY_VALUE_TEXT);
  });

  it('keeps thousands of per-feature series apart (no SDK overflow series below FEATURESCOPE_SERIES_LIMIT)', async () => {
    const wide = instrumentFeatureStore(new InMemoryFeatureStore(), { maxFeatureNames: 4999, maxGroups: 1, tracing: false });
    const rows = Array.from({ length: 2500 }, (_, i) => ({ entityId: 'e', feature: `wide_${i}`, value: i }));
    await wide.upsert({ group: 'prom_wide_features', rows });
    const wideBody = await scrape(port);
    const series = wideBody.split('\n').filter((line) => line.startsWith('featurescope_rows_written_total{') && line.includes('prom_wide_features'));
    expect(series).toHaveLength(2500);
    expect(wideBody).not.toContain('otel_metric_overflow');
    expect(FEATURESCOPE_SERIES_LIMIT).toBeGreaterThan(2500);
  });

  it('stops serving after shutdown', async () => {
    await telemetry.shutdown();
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });
});
