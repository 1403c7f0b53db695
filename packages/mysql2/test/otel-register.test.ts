import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPool, dropTables, mysqlUrl, uniqueTable } from './helpers.js';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}
interface OtlpTraces {
  resourceSpans: { scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[] }[];
}

const table = uniqueTable('fs_otel_register');
const CANARY_ENTITY = 'canary-child-entity-r4t8';
const CANARY_VALUE = '31415.926535';
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const app = fileURLToPath(new URL('./fixtures/otel-register-app.mjs', import.meta.url));

describe('an app run under node --import @featurescope/otel/register (child process, OTLP/JSON)', () => {
  let server: Server;
  const bodies: { path: string; body: string }[] = [];

  beforeAll(async () => {
    await mysqlUrl();
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        bodies.push({ path: request.url ?? '', body });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    const pool = await adminPool(await mysqlUrl());
    await dropTables(pool, [table]).finally(() => pool.end());
  });

  it('exports masked SQL spans under the feature-store spans, and no value anywhere', async () => {
    const { port } = server.address() as AddressInfo;
    const { OTEL_SDK_DISABLED: _ignored, ...env } = process.env;
    const child = spawn(process.execPath, ['--import', '@featurescope/otel/register', app], {
      cwd: packageDir,
      env: {
        ...env,
        FEATURESCOPE_MYSQL_URL: await mysqlUrl(),
        FS_TABLE: table,
        FS_CANARY_ENTITY: CANARY_ENTITY,
        FS_CANARY_VALUE: CANARY_VALUE,
        OTEL_SERVICE_NAME: 'mysql2-register-test',
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_METRICS_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, output).toBe(0);
    expect(output).toContain('app done');

    const traces = bodies.filter((b) => b.path === '/v1/traces').map((b) => JSON.parse(b.body) as OtlpTraces);
    const spansByScope = new Map<string, OtlpSpan[]>();
    for (const t of traces) {
      for (const rs of t.resourceSpans) for (const ss of rs.scopeSpans) spansByScope.set(ss.scope.name, [...(spansByScope.get(ss.scope.name) ?? []), ...ss.spans]);
    }
    const storeSpans = spansByScope.get('@featurescope/core') ?? [];
    const sqlSpans = spansByScope.get('@opentelemetry/instrumentation-mysql2') ?? [];
    expect(storeSpans.map((s) => s.name).sort()).toEqual(['lookup otel_group', 'upsert otel_group']);
    const byId = new Map(storeSpans.map((s) => [s.spanId, s]));
    const underStore = sqlSpans.filter((s) => byId.has(s.parentSpanId ?? ''));
    // upsert: START, INSERT, INSERT, COMMIT (one row per statement); lookup: SELECT.
    expect(underStore.map((s) => `${byId.get(s.parentSpanId!)!.name}: ${s.name}`).sort()).toEqual(
      ['lookup otel_group: SELECT', 'upsert otel_group: COMMIT', 'upsert otel_group: INSERT', 'upsert otel_group: INSERT', 'upsert otel_group: START'].sort(),
    );
    for (const s of underStore) expect(s.traceId).toBe(byId.get(s.parentSpanId!)!.traceId);

    expect(bodies.some((b) => b.path === '/v1/metrics')).toBe(true);
    for (const { path, body } of bodies) {
      for (const needle of [CANARY_ENTITY, CANARY_VALUE, '31415']) expect(body, `${path} leaks ${needle}`).not.toContain(needle);
    }
  }, 60_000);
});
