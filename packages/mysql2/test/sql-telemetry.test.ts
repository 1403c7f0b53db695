import { instrumentFeatureStore, type FeatureStore } from '@featurescope/core';
import { createTestTelemetry } from '@featurescope/test-utils';
import { MySQL2Instrumentation } from '@opentelemetry/instrumentation-mysql2';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMysqlFeatureStore, type MysqlFeatureStore } from '../src/index.js';
import { dropTables, mysqlUrl, narrowEntityColumn, uniqueTable } from './helpers.js';

// The instrumentation must patch mysql2 before mysql2 loads: the providers and the instrumentation
// are set up first, and mysql2 is only imported (dynamically) in beforeAll.
const telemetry = createTestTelemetry({ global: true });
const instrumentation = new MySQL2Instrumentation({ maskStatement: true });
instrumentation.setTracerProvider(telemetry.tracerProvider);
instrumentation.enable();

const table = uniqueTable('fs_sql_telemetry');
const CANARY_ENTITY = 'canary-entity-q7z3x9';
const CANARY_FEATURE = 'canary_feature_k2m8';
const CANARY_VALUES = [918273.645, -0.000123987, 7.125e-200];
const MYSQL2_SCOPE = '@opentelemetry/instrumentation-mysql2';

/** Every string an exported span carries: name, attributes, event names and event attributes, status. */
function spanText(span: ReadableSpan): string {
  return JSON.stringify([span.name, span.attributes, span.events.map((e) => [e.name, e.attributes]), span.status]);
}

describe('SQL telemetry with @opentelemetry/instrumentation-mysql2 (maskStatement: true)', () => {
  let store: MysqlFeatureStore;
  let instrumented: FeatureStore;

  beforeAll(async () => {
    const mysql = await import('mysql2/promise');
    expect(instrumentation.getConfig().maskStatement).toBe(true);
    store = await createMysqlFeatureStore({ url: await mysqlUrl(), table, upsertChunkSize: 2 });
    await store.ensureSchema();
    const admin = mysql.createPool({ uri: await mysqlUrl(), connectionLimit: 1 });
    await narrowEntityColumn(admin, table, 64).finally(() => admin.end());
    instrumented = instrumentFeatureStore(store);
    // mysql2 was loaded after the instrumentation: its connections are patched.
    expect(typeof mysql.createPool).toBe('function');
    telemetry.reset();
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    const mysql = await import('mysql2/promise');
    const pool = mysql.createPool({ uri: await mysqlUrl(), connectionLimit: 1 });
    await dropTables(pool, [table]).finally(() => pool.end());
    instrumentation.disable();
    await telemetry.shutdown();
  });

  it('exports SQL spans without any parameter value, each a child of its feature-store span', async () => {
    const group = 'canary_group';
    // Three rows at two per statement: a transaction of two INSERTs.
    await instrumented.upsert({ group, rows: CANARY_VALUES.map((value, i) => ({ entityId: `${CANARY_ENTITY}-${i}`, feature: CANARY_FEATURE, value })) });
    const { values } = await instrumented.lookup({ group, entityIds: CANARY_VALUES.map((_, i) => `${CANARY_ENTITY}-${i}`), features: [CANARY_FEATURE] });
    expect(values.get(`${CANARY_ENTITY}-2`)?.get(CANARY_FEATURE)?.value).toBe(CANARY_VALUES[2]);
    // A failing call: the driver's error message must not carry the value either.
    const failure = await instrumented.upsert({ group, rows: [{ entityId: `${CANARY_ENTITY}-${'z'.repeat(100)}`, feature: CANARY_FEATURE, value: CANARY_VALUES[0]! }] }).catch((e: unknown) => e);
    expect((failure as { errno?: number }).errno).toBe(1406);

    const spans = telemetry.spans();
    const sqlSpans = spans.filter((s) => s.instrumentationScope.name === MYSQL2_SCOPE);
    const storeSpans = spans.filter((s) => s.instrumentationScope.name === '@featurescope/core');
    expect(storeSpans.map((s) => s.name)).toEqual([`upsert ${group}`, `lookup ${group}`, `upsert ${group}`]);
    expect(sqlSpans.map((s) => s.name)).toEqual(['START', 'INSERT', 'INSERT', 'COMMIT', 'SELECT', 'INSERT']);
    for (const span of sqlSpans) expect(span.attributes['db.query.text']).not.toMatch(/canary|918273|7\.125/);

    const needles = [CANARY_ENTITY, ...CANARY_VALUES.map(String), '918273', '000123987', '7.125'];
    for (const span of spans) {
      const text = spanText(span);
      for (const needle of needles) expect(text, `span "${span.name}" leaks ${needle}`).not.toContain(needle);
    }
    // The feature name is a SQL parameter too: it may name the group's metrics (core's design), never a SQL span.
    for (const span of sqlSpans) expect(spanText(span)).not.toContain(CANARY_FEATURE);

    // Parentage: every SQL span sits directly under the feature-store span of its call.
    const byId = new Map(storeSpans.map((s) => [s.spanContext().spanId, s]));
    const parents = sqlSpans.map((s) => byId.get(s.parentSpanContext?.spanId ?? ''));
    expect(parents.map((p) => p?.name)).toEqual([`upsert ${group}`, `upsert ${group}`, `upsert ${group}`, `upsert ${group}`, `lookup ${group}`, `upsert ${group}`]);
    sqlSpans.forEach((s, i) => expect(s.spanContext().traceId).toBe(parents[i]!.spanContext().traceId));
    expect(parents[0]).toBe(storeSpans[0]);
    expect(parents[5]).toBe(storeSpans[2]);
  }, 30_000);

  it('control: the same search finds an id that is on a span (so the checks above can fail)', async () => {
    telemetry.reset();
    // core's opt-in entity ids put the id on the feature-store span; the search must see it there.
    const leaky = instrumentFeatureStore(store, { entityIds: 'plain' });
    await leaky.lookup({ group: 'control', entityIds: ['control-id-5v1'], features: ['f'] });
    expect(telemetry.spans().some((s) => spanText(s).includes('control-id-5v1'))).toBe(true);
  });

  it('exports no parameter value on any metric', async () => {
    const collected = JSON.stringify(await telemetry.collect());
    expect(collected).toContain('db.client.connection.count');
    for (const needle of [CANARY_ENTITY, '918273', '000123987', '7.125']) expect(collected).not.toContain(needle);
  });
});
