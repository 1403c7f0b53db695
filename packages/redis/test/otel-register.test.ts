import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, deletePrefix, redisUrl, uniquePrefix } from './helpers.js';

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes?: OtlpAttribute[];
}
interface OtlpTraces {
  resourceSpans: { scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[] }[];
}

const prefix = uniquePrefix('otel');
const CANARY_ENTITY = 'canary-redis-entity-q7w2';
const CANARY_VALUE = '27182.818284';
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const app = fileURLToPath(new URL('./fixtures/otel-register-app.mjs', import.meta.url));

describe('an app run under node --import @featurescope/otel/register with ioredis (child process, OTLP/JSON)', () => {
  let server: Server;
  const bodies: { path: string; body: string }[] = [];

  beforeAll(async () => {
    await redisUrl();
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
    const admin = adminClient(await redisUrl());
    await deletePrefix(admin, prefix).finally(() => admin.disconnect());
  });

  it('nests the Redis command spans under the store spans, with redacted statements and no value anywhere', async () => {
    const { port } = server.address() as AddressInfo;
    const { OTEL_SDK_DISABLED: _ignored, ...env } = process.env;
    const child = spawn(process.execPath, ['--import', '@featurescope/otel/register', app], {
      cwd: packageDir,
      env: {
        ...env,
        FEATURESCOPE_REDIS_URL: await redisUrl(),
        FS_PREFIX: prefix,
        FS_CANARY_ENTITY: CANARY_ENTITY,
        FS_CANARY_VALUE: CANARY_VALUE,
        OTEL_SERVICE_NAME: 'redis-register-test',
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

    const spansByScope = new Map<string, OtlpSpan[]>();
    for (const body of bodies.filter((b) => b.path === '/v1/traces')) {
      for (const rs of (JSON.parse(body.body) as OtlpTraces).resourceSpans) {
        for (const ss of rs.scopeSpans) spansByScope.set(ss.scope.name, [...(spansByScope.get(ss.scope.name) ?? []), ...ss.spans]);
      }
    }
    const storeSpans = spansByScope.get('@featurescope/core') ?? [];
    const redisSpans = spansByScope.get('@opentelemetry/instrumentation-ioredis') ?? [];
    expect(storeSpans.map((s) => s.name).sort()).toEqual(['lookup otel_group', 'upsert otel_group']);
    const byId = new Map(storeSpans.map((s) => [s.spanId, s]));
    const tree = redisSpans.filter((s) => byId.has(s.parentSpanId ?? '')).map((s) => `${byId.get(s.parentSpanId!)!.name}: ${s.name}`);
    // The upsert is one MULTI/EXEC with an HSET per entity; the lookup one pipeline of HMGET per entity.
    expect(tree.sort()).toEqual(
      ['upsert otel_group: multi', 'upsert otel_group: hset', 'upsert otel_group: hset', 'upsert otel_group: exec', 'lookup otel_group: hmget', 'lookup otel_group: hmget'].sort(),
    );
    for (const s of redisSpans.filter((x) => byId.has(x.parentSpanId ?? ''))) expect(s.traceId).toBe(byId.get(s.parentSpanId!)!.traceId);
    const statements = redisSpans.flatMap((s) => (s.attributes ?? []).filter((a) => a.key === 'db.statement' || a.key === 'db.query.text').map((a) => a.value.stringValue));
    expect(statements).toContain('hset [5 arguments]');
    // Store spans name the server themselves.
    const upsert = storeSpans.find((s) => s.name === 'upsert otel_group')!;
    expect(upsert.attributes?.find((a) => a.key === 'server.address')?.value.stringValue).toBe(new URL(await redisUrl()).hostname);

    expect(bodies.some((b) => b.path === '/v1/metrics')).toBe(true);
    for (const { path, body } of bodies) {
      for (const needle of [CANARY_ENTITY, CANARY_VALUE, '27182']) expect(body, `${path} leaks ${needle}`).not.toContain(needle);
    }
  }, 60_000);
});
