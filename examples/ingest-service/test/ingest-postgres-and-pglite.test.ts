import { spawn } from 'node:child_process';
import { requireService, startOtlpReceiver } from '@featurescope/test-utils';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { featureRecord, post, serviceDir, startIngestService, uniqueTable } from './ingest-helpers.js';

describe('ingest-service on PostgreSQL', () => {
  it('writes through the pg store and traces POST /v1/ingest → upsert → INSERT', async () => {
    const url = await requireService('postgres');
    const table = uniqueTable('ingest_test');
    const receiver = await startOtlpReceiver();
    const { service, base } = await startIngestService({ FEATURESCOPE_STORE_URL: url, FEATURESCOPE_TABLE: table, OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      expect((await post(base, [featureRecord('pg-1', 'amount_avg_7d', 3), featureRecord('pg-2', 'risk_score', 0.25)])).body).toEqual({ written: 2 });
      const bad = await post(base, [featureRecord('pg-3', 'amount_avg_7d', 3), { ...featureRecord('pg-4', 'risk_score', 0.5), user_id: 42 }]);
      expect(bad.status).toBe(400);
      expect(bad.body.problems).toEqual([{ field: '[1].user_id', message: expect.any(String) }]);
      const { rows } = await db.query(`SELECT entity_id, feature_name, value FROM "${table}" ORDER BY entity_id`);
      expect(rows).toEqual([
        { entity_id: 'pg-1', feature_name: 'amount_avg_7d', value: 3 },
        { entity_id: 'pg-2', feature_name: 'risk_score', value: 0.25 },
      ]);
      await receiver.waitFor(() => {
        const spans = receiver.spans();
        const server = spans.find((s) => s.name === 'POST /v1/ingest' && s.attributes['http.response.status_code'] === 200);
        const upsert = server && spans.find((s) => s.parentSpanId === server.spanId && s.attributes['db.operation.name'] === 'upsert');
        return upsert && spans.some((s) => s.parentSpanId === upsert.spanId && s.attributes['db.system.name'] === 'postgresql' && /^INSERT/.test(s.attributes['db.query.text'] as string));
      }, 20_000, 'server → upsert → pg INSERT spans');
    } finally {
      expect(await service.stop()).toBe(0);
      await db.query(`DROP TABLE IF EXISTS "${table}"`);
      await db.end();
      await receiver.close();
    }
  });
});

describe('npm start (embedded PGlite, nothing configured)', () => {
  it('serves /v1/ingest, traces it down to the PGlite INSERT, and stops cleanly on SIGTERM', async () => {
    const receiver = await startOtlpReceiver();
    const env = { ...process.env, PORT: '0', OTEL_METRICS_EXPORTER: 'none', OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url };
    const child = spawn('npm', ['start', '--silent'], { cwd: serviceDir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // npm may exit before the service; the pipe closes once the service has exited too.
    const exited = new Promise<void>((resolve) => child.stdout.once('close', () => resolve()));
    try {
      const deadline = Date.now() + 90_000;
      let port: number | undefined;
      while (port === undefined && Date.now() < deadline) {
        port = /"msg":"listening","port":(\d+)/.exec(output)?.[1] as unknown as number | undefined;
        if (port === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(port, output).toBeDefined();
      const base = `http://127.0.0.1:${port}`;
      expect((await post(base, featureRecord('lite-1', 'amount_avg_7d', 1))).body).toEqual({ written: 1 });
      expect((await post(base, [featureRecord('lite-2', 'amount_avg_7d', 1), { ...featureRecord('lite-2', 'amount_avg_7d', 1), feature_value: 'NaN' }])).status).toBe(400);
      expect(output).toContain('"store":"pglite://memory"');
      await receiver.waitFor(() => {
        const spans = receiver.spans();
        const server = spans.find((s) => s.name === 'POST /v1/ingest' && s.attributes['http.response.status_code'] === 200);
        const upsert = server && spans.find((s) => s.parentSpanId === server.spanId && s.attributes['db.operation.name'] === 'upsert');
        return upsert && spans.some((s) => s.parentSpanId === upsert.spanId && s.name === 'INSERT' && s.kind === 3);
      }, 20_000, 'server → upsert → PGlite INSERT spans');
    } finally {
      // npm does not pass SIGTERM through `sh -c` to node; signal the whole group, as a terminal's Ctrl-C or a container stop would.
      process.kill(-child.pid!, 'SIGTERM');
    }
    await exited;
    await receiver.close();
    expect(output).toContain('"msg":"stopped"');
    expect(output).not.toMatch(/Error|error/);
  });
});
