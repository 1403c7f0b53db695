import { request as httpRequest } from 'node:http';
import { startTcpProxy, waitUntil, type TcpProxy } from '@featurescope/example-service-kit/testing';
import { requireService, startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '@featurescope/test-utils';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featureRecord, post, startIngestService, uniqueTable } from './ingest-helpers.js';
import type { ServiceProcess } from '@featurescope/example-service-kit/testing';

const table = uniqueTable('ingest_test');
let mysqlUrl: string;
let db: mysql.Pool;
let proxy: TcpProxy;
let receiver: OtlpReceiver;
let service: ServiceProcess;
let base: string;

const rowsFor = async (userPrefix: string): Promise<{ entity_id: string; feature_name: string; value: number | null }[]> => {
  const [rows] = await db.query(`SELECT entity_id, feature_name, value FROM \`${table}\` WHERE entity_id LIKE ? ORDER BY entity_id, feature_name`, [`${userPrefix}%`]);
  return rows as { entity_id: string; feature_name: string; value: number | null }[];
};

beforeAll(async () => {
  mysqlUrl = await requireService('mysql');
  db = mysql.createPool({ uri: mysqlUrl, connectionLimit: 2 });
  const target = new URL(mysqlUrl);
  proxy = await startTcpProxy(target.hostname, Number(target.port || 3306));
  receiver = await startOtlpReceiver();
  ({ service, base } = await startIngestService({
    FEATURESCOPE_STORE_URL: proxy.urlFor(mysqlUrl),
    FEATURESCOPE_TABLE: table,
    OTEL_SERVICE_NAME: 'ingest-service-test',
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_METRICS_EXPORTER: 'otlp',
    OTEL_METRIC_EXPORT_INTERVAL: '500',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    STORE_RETRY_ATTEMPTS: '3',
    STORE_RETRY_BASE_MS: '20',
    STORE_RETRY_MAX_MS: '100',
  }));
});

afterAll(async () => {
  await service?.stop();
  await receiver?.close();
  await proxy?.close();
  await db?.query(`DROP TABLE IF EXISTS \`${table}\``);
  await db?.end();
});

const isInsert = (text: unknown): boolean => typeof text === 'string' && /^INSERT/i.test(text);

describe('ingest-service on MariaDB', () => {
  it('writes one value and a batch, and the batch is readable from the table', async () => {
    expect((await post(base, featureRecord('ok-1', 'amount_avg_7d', 12.5))).body).toEqual({ written: 1 });
    const batch = [featureRecord('ok-2', 'amount_avg_7d', 7), featureRecord('ok-2', 'txn_count_24h', 3), featureRecord('ok-3', 'chargebacks_90d', null)];
    const answer = await post(base, batch);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ written: 3 });
    expect(await rowsFor('ok-')).toEqual([
      { entity_id: 'ok-1', feature_name: 'amount_avg_7d', value: 12.5 },
      { entity_id: 'ok-2', feature_name: 'amount_avg_7d', value: 7 },
      { entity_id: 'ok-2', feature_name: 'txn_count_24h', value: 3 },
      { entity_id: 'ok-3', feature_name: 'chargebacks_90d', value: null },
    ]);
  });

  it('answers 400 naming the bad field (not its value) and writes nothing of a bad batch', async () => {
    const batch = [featureRecord('bad-1', 'amount_avg_7d', 1), featureRecord('bad-2', 'amount_avg_7d', 2), { ...featureRecord('bad-3', 'txn_count_24h', 1), feature_value: 'secret-value' }];
    const answer = await post(base, batch);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_request');
    expect(answer.body.problems).toEqual([{ field: '[2].feature_value', message: 'must be a finite number or null' }]);
    expect(JSON.stringify(answer.body)).not.toContain('secret-value');
    // A value the quality engine's `reject` rule refuses (txn_count_24h must be an integer).
    const rejected = await post(base, [featureRecord('bad-4', 'amount_avg_7d', 1), featureRecord('bad-4', 'txn_count_24h', 2.5)]);
    expect(rejected.status).toBe(400);
    expect((rejected.body.problems as { field: string }[])[0]!.field).toBe('[1].feature_value');
    const missing = await post(base, { user_id: 'bad-5', feature_name: 'amount_avg_7d', feature_value: 1 });
    expect(missing.status).toBe(400);
    expect(missing.body.problems).toEqual([{ field: 'event_timestamp', message: expect.stringContaining('ISO 8601') }]);
    expect(await rowsFor('bad-')).toEqual([]);
  });

  it('traces POST /v1/ingest → upsert → INSERT in one trace, with no entity id or value in any span', async () => {
    receiver.clear();
    expect((await post(base, [featureRecord('traced-user-1', 'amount_avg_7d', 4242.25)])).status).toBe(200);
    const tree = await receiver.waitFor(() => {
      const spans = receiver.spans();
      const server = spans.find((s) => s.kind === 2 && s.name === 'POST /v1/ingest' && s.attributes['http.response.status_code'] === 200);
      if (server === undefined) return undefined;
      const upsert = spans.find((s) => s.parentSpanId === server.spanId && s.attributes['db.operation.name'] === 'upsert');
      const insert = upsert && spans.find((s) => s.parentSpanId === upsert.spanId && isInsert(s.attributes['db.query.text'] ?? s.attributes['db.statement']));
      return insert ? { server, upsert: upsert, insert } : undefined;
    }, 20_000, 'server → upsert → INSERT spans');
    expect(tree.upsert.traceId).toBe(tree.server.traceId);
    expect(tree.insert.traceId).toBe(tree.server.traceId);
    expect(tree.server.attributes['http.route']).toBe('/v1/ingest');
    expect(tree.upsert.attributes['db.collection.name']).toBe('user_features');
    expect(tree.insert.kind).toBe(3);
    const everything = JSON.stringify(receiver.spans().filter((s: ReceivedSpan) => s.traceId === tree.server.traceId), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    expect(everything).not.toContain('traced-user-1');
    expect(everything).not.toContain('4242.25');
  });

  it('records ingest lag from event_timestamp in the quality engine histogram and HTTP request duration', async () => {
    const before = Date.now();
    expect((await post(base, [featureRecord('lag-1', 'amount_avg_7d', 1, 30), featureRecord('lag-2', 'amount_avg_7d', 1, 30)])).status).toBe(200);
    const lag = await receiver.waitFor(() => {
      for (const metric of receiver.receivedMetrics().reverse()) {
        if (metric.name !== 'featurescope.feature.ingest_lag') continue;
        const point = metric.dataPoints.find((p) => p.attributes['featurescope.feature.name'] === 'amount_avg_7d');
        if (point?.kind === 'histogram' && point.timeUnixNano > BigInt(before) * 1_000_000n && point.sum! >= 60) return point;
      }
      return undefined;
    }, 20_000, 'ingest lag histogram with the 30 s old values');
    expect(lag.count).toBeGreaterThanOrEqual(2);
    expect(receiver.receivedMetrics().some((m) => m.name === 'http.server.request.duration')).toBe(true);
  });

  it('retries while the database is unreachable, answers 503 when the retries run out, and recovers', async () => {
    proxy.down();
    const retriesBefore = service.logs.filter((l) => l.msg === 'store call failed, retrying').length;
    const answer = await post(base, [featureRecord('down-1', 'amount_avg_7d', 1)]);
    expect(answer.status).toBe(503);
    expect(answer.body.error).toBe('store_unavailable');
    expect(answer.headers.get('retry-after')).toBe('1');
    // STORE_RETRY_ATTEMPTS=3: two retries, then the 503.
    expect(service.logs.filter((l) => l.msg === 'store call failed, retrying').length - retriesBefore).toBe(2);
    proxy.up();
    const recovered = await waitUntil(async () => {
      const again = await post(base, [featureRecord('down-1', 'amount_avg_7d', 1)]);
      return again.status === 200 ? again : undefined;
    }, 30_000, 'a 200 after the database came back');
    expect(recovered.body).toEqual({ written: 1 });
    expect(await rowsFor('down-')).toEqual([{ entity_id: 'down-1', feature_name: 'amount_avg_7d', value: 1 }]);
  });

  it('drains an in-flight request on SIGTERM, then flushes its spans and exits 0', async () => {
    receiver.clear();
    const body = JSON.stringify([featureRecord('drain-1', 'amount_avg_7d', 5)]);
    const { port } = new URL(base);
    // Send the headers and half the body, so the request is in flight when SIGTERM arrives.
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/v1/ingest', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 10));
      void service.waitForLog((l) => l.msg === 'shutting down: draining in-flight requests', 30_000, 'shutdown log').then(() => req.end(body.slice(10)), reject);
    });
    await waitUntil(async () => ((await (await fetch(`${base}/healthz`)).json()) as { in_flight: number }).in_flight === 1, 10_000, 'the request in flight');
    service.child.kill('SIGTERM');
    const shutdownLine = await service.waitForLog((l) => l.msg === 'shutting down: draining in-flight requests');
    expect(shutdownLine.in_flight).toBe(1);
    expect(await answer).toEqual({ status: 200, text: '{"written":1}' });
    expect(await service.exited).toBe(0);
    expect(await rowsFor('drain-')).toHaveLength(1);
    // The last request's spans were exported by the shutdown flush, before the process exited.
    expect(receiver.spans().some((s) => s.name === 'POST /v1/ingest' && s.attributes['http.response.status_code'] === 200)).toBe(true);
  });
});
