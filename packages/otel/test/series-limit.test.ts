import { InMemoryFeatureStore, instrumentFeatureStore } from '@featurescope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURESCOPE_SERIES_LIMIT, startTelemetry, type TelemetryHandle } from '../src/index.js';
import { freePort } from './support/free-port.js';

const GROUPS = 60;
const FEATURES = 210;

/** GET /metrics as Prometheus scrapes it; retried briefly while the exporter starts listening. */
async function scrape(port: number): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      return await response.text();
    } catch (error) {
      if (attempt >= 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

// Issue 13 defect 3: 60 groups × 210 features used to scrape 10,459 of 12,600 rows.
describe(`series limit: ${GROUPS} groups × ${FEATURES} features through the Prometheus endpoint`, () => {
  let port: number;
  let telemetry: TelemetryHandle;

  beforeAll(async () => {
    port = await freePort();
    for (const key of Object.keys(process.env)) if (key.startsWith('OTEL_')) delete process.env[key];
    process.env.OTEL_EXPORTER_PROMETHEUS_PORT = String(port);
    telemetry = startTelemetry({ strict: true });
    const store = instrumentFeatureStore(new InMemoryFeatureStore(), { tracing: false });
    for (let g = 0; g < GROUPS; g++) {
      await store.upsert({ group: `group_${g}`, rows: Array.from({ length: FEATURES }, (_, f) => ({ entityId: 'e', feature: `feature_${f}`, value: f })) });
    }
  });
  afterAll(() => telemetry.shutdown());

  it('keeps every row: past the caps, counts are added into the _other series, and no SDK overflow series appears', async () => {
    const body = await scrape(port);
    const series = [...body.matchAll(/^featurescope_rows_written_total\{([^}]*)\} (\d+)/gm)];
    const total = series.reduce((sum, [, , value]) => sum + Number(value), 0);
    console.log(`[series limit] ${series.length} series, ${total} of ${GROUPS * FEATURES} rows scraped`);
    expect(total).toBe(GROUPS * FEATURES);
    expect(series.length).toBeLessThanOrEqual(FEATURESCOPE_SERIES_LIMIT);
    expect(body).not.toContain('otel_metric_overflow');
    // The 12 groups past the cap of 48 share db.collection.name="_other"; their rows are summed there.
    const otherGroup = series.filter(([, labels]) => labels!.includes('db_collection_name="_other"')).reduce((sum, [, , value]) => sum + Number(value), 0);
    expect(otherGroup).toBe((GROUPS - 48) * FEATURES);
  });

  it('refuses caps that disagree with the limit, naming both options', () => {
    expect(() => instrumentFeatureStore(new InMemoryFeatureStore(), { maxGroups: 100, maxFeatureNames: 200 })).toThrow(/maxGroups.*maxFeatureNames.*10000/);
  });
});
