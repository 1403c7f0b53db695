import { startTcpProxy, waitUntil, type ServiceProcess, type TcpProxy } from '@featurescope/example-service-kit/testing';
import { requireService, startOtlpReceiver, type OtlpReceiver } from '@featurescope/test-utils';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFeatures, startServingApi, uniqueTable } from './serving-helpers.js';

const table = uniqueTable('serving_test');
let db: mysql.Pool;
let proxy: TcpProxy;
let receiver: OtlpReceiver;
let service: ServiceProcess;
let base: string;

beforeAll(async () => {
  const url = await requireService('mysql');
  db = mysql.createPool({ uri: url, connectionLimit: 2 });
  const target = new URL(url);
  proxy = await startTcpProxy(target.hostname, Number(target.port || 3306));
  receiver = await startOtlpReceiver();
  ({ service, base } = await startServingApi({
    FEATURESCOPE_STORE_URL: proxy.urlFor(url),
    FEATURESCOPE_TABLE: table,
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
  }));
  // risk_score may be 300 s old (FRAUD_FEATURES); this one is 600 s old, so it is served as stale.
  await db.query(
    `INSERT INTO \`${table}\` (entity_id, feature_name, value, updated_at) VALUES
     ('serve-1', 'amount_avg_7d', 61.5, UTC_TIMESTAMP(6)), ('serve-1', 'risk_score', 0.75, UTC_TIMESTAMP(6) - INTERVAL 600 SECOND),
     ('serve-2', 'amount_avg_7d', 10, UTC_TIMESTAMP(6))`,
  );
});

afterAll(async () => {
  await service?.stop();
  await receiver?.close();
  await proxy?.close();
  await db?.query(`DROP TABLE IF EXISTS \`${table}\``);
  await db?.end();
});

describe('serving-api on MariaDB', () => {
  it('serves values with their age, flags values past the maximum age as stale, and null for misses', async () => {
    const { status, body } = await getFeatures(base, '/v1/features/serve-1?features=amount_avg_7d,risk_score,txn_count_24h');
    expect(status).toBe(200);
    const features = body.features as Record<string, { value: number; age_seconds: number; stale: boolean } | null>;
    expect(features.amount_avg_7d).toMatchObject({ value: 61.5, stale: false });
    expect(features.amount_avg_7d!.age_seconds).toBeLessThan(60);
    expect(features.risk_score).toMatchObject({ value: 0.75, stale: true });
    expect(features.risk_score!.age_seconds).toBeGreaterThanOrEqual(600);
    expect(features.txn_count_24h).toBeNull();
  });

  it('puts the served age and stale count on the server span, under which the lookup span runs, without the user id', async () => {
    receiver.clear();
    expect((await getFeatures(base, '/v1/features/serve-1?features=amount_avg_7d,risk_score')).status).toBe(200);
    const { server, lookup } = await receiver.waitFor(() => {
      const spans = receiver.spans();
      const server = spans.find((s) => s.name === 'GET /v1/features/:user_id' && s.attributes['serving.stale_count'] !== undefined);
      const lookup = server && spans.find((s) => s.parentSpanId === server.spanId && s.attributes['db.operation.name'] === 'lookup');
      return lookup ? { server, lookup } : undefined;
    }, 20_000, 'server and lookup spans');
    expect(server.attributes['serving.stale_count']).toBe(1);
    expect(server.attributes['serving.feature_age.max']).toBeGreaterThanOrEqual(600);
    expect(server.attributes['url.path']).toBe('/v1/features/:user_id');
    expect(lookup.attributes['featurescope.lookup.age.max']).toBeGreaterThanOrEqual(600);
    const trace = JSON.stringify(receiver.spans().filter((s) => s.traceId === server.traceId), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    expect(trace).not.toContain('serve-1');
  });

  it('answers 400 naming the parameter', async () => {
    expect(await getFeatures(base, '/v1/features/serve-1')).toEqual({ status: 400, body: { error: 'invalid_request', problems: [{ field: 'features', message: expect.any(String) }], problem_count: 1 } });
    const bad = await getFeatures(base, '/v1/features/serve-1?features=amount_avg_7d,drop%20table');
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual([{ field: 'features[1]', message: expect.any(String) }]);
  });

  it('answers 503 while the database is unreachable and recovers when it is back', async () => {
    proxy.down();
    const down = await getFeatures(base, '/v1/features/serve-2?features=amount_avg_7d');
    expect(down).toEqual({ status: 503, body: { error: 'store_unavailable', message: expect.any(String) } });
    proxy.up();
    const back = await waitUntil(async () => {
      const answer = await getFeatures(base, '/v1/features/serve-2?features=amount_avg_7d');
      return answer.status === 200 ? answer : undefined;
    }, 30_000, '200 after the database is back');
    expect((back.body.features as Record<string, { value: number }>).amount_avg_7d!.value).toBe(10);
  });
});
