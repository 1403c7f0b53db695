import { instrumentFeatureStore } from '@featurescope/core';
import { createTestTelemetry, type TestTelemetry } from '@featurescope/test-utils';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresFeatureStore, type PostgresFeatureStore } from '../src/index.js';
import { dropTables, serverUrl, uniqueTable } from './helpers.js';

// pg must load only after the instrumentation is enabled: this file never imports pg statically,
// and the store imports it lazily when it opens the postgres:// URL below.
const GROUP = 'span_tree';
const table = uniqueTable('spans');
// Canary ids: if any of them shows up in a span attribute, a bound parameter leaked.
const CANARY_A = `canary-entity-a-${process.pid}-7f3e1c`;
const CANARY_B = `canary-entity-b-${process.pid}-9d2b4a`;

describe('pg spans nest under the feature-store spans', { timeout: 60_000 }, () => {
  let telemetry: TestTelemetry;
  let instrumentation: PgInstrumentation;
  let store: PostgresFeatureStore;
  let url: string;

  beforeAll(async () => {
    url = await serverUrl();
    telemetry = createTestTelemetry({ global: true });
    instrumentation = new PgInstrumentation();
    instrumentation.setTracerProvider(telemetry.tracerProvider);
    instrumentation.enable();
    const raw = await createPostgresFeatureStore({ url, table });
    await raw.ensureSchema();
    telemetry.reset();
    store = instrumentFeatureStore(raw, { tracerProvider: telemetry.tracerProvider, meterProvider: telemetry.meterProvider });
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    instrumentation?.disable();
    await telemetry?.shutdown();
    await dropTables(url, [table]);
  });

  it('parents every pg span on the upsert/lookup span, in the same trace, without parameter values', async () => {
    await store.upsert({
      group: GROUP,
      rows: [
        { entityId: CANARY_A, feature: 'amount', value: 31.25 },
        { entityId: CANARY_B, feature: 'amount', value: 47.5 },
      ],
    });
    const { values } = await store.lookup({ group: GROUP, entityIds: [CANARY_A, CANARY_B], features: ['amount'] });
    expect(values.get(CANARY_B)?.get('amount')?.value).toBe(47.5);

    const spans = telemetry.spans();
    const upsertSpan = onlySpan(spans, `upsert ${GROUP}`);
    const lookupSpan = onlySpan(spans, `lookup ${GROUP}`);
    const storeSpans = new Set([upsertSpan, lookupSpan]);
    const pgSpans = spans.filter((s) => !storeSpans.has(s));
    expect(pgSpans.length).toBeGreaterThan(0);
    expect(pgSpans.every((s) => s.instrumentationScope.name === '@opentelemetry/instrumentation-pg')).toBe(true);
    const sqlSpans = pgSpans.filter((s) => s.name.startsWith('pg.query'));
    // One statement per call: the INSERT … unnest upsert and the ANY() lookup.
    expect(sqlSpans).toHaveLength(2);
    const [insertSpan, selectSpan] = sqlSpans.sort((a, b) => hr(a.startTime) - hr(b.startTime));
    expect(String(insertSpan!.attributes['db.statement'] ?? insertSpan!.attributes['db.query.text'])).toMatch(/^INSERT INTO/);
    expect(String(selectSpan!.attributes['db.statement'] ?? selectSpan!.attributes['db.query.text'])).toMatch(/^SELECT/);
    expect(insertSpan!.parentSpanContext?.spanId).toBe(upsertSpan.spanContext().spanId);
    expect(selectSpan!.parentSpanContext?.spanId).toBe(lookupSpan.spanContext().spanId);
    expect(insertSpan!.spanContext().traceId).toBe(upsertSpan.spanContext().traceId);
    expect(selectSpan!.spanContext().traceId).toBe(lookupSpan.spanContext().traceId);
    // Pool spans (pg-pool.connect) too: every pg span is a direct child of one feature-store span.
    const parents = new Map([upsertSpan, lookupSpan].map((s) => [s.spanContext().spanId, s.spanContext().traceId]));
    for (const span of pgSpans) {
      expect(parents.has(span.parentSpanContext?.spanId ?? ''), `${span.name} parent`).toBe(true);
      expect(span.spanContext().traceId).toBe(parents.get(span.parentSpanContext!.spanId));
    }

    const serialized = JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events })));
    expect(serialized).not.toContain('canary-entity');
    expect(serialized).not.toContain('31.25');
  });
});

function onlySpan(spans: readonly ReadableSpan[], name: string): ReadableSpan {
  const found = spans.filter((s) => s.name === name);
  expect(found, `spans named ${name}`).toHaveLength(1);
  return found[0]!;
}

function hr(time: [number, number]): number {
  return time[0] * 1e9 + time[1];
}
