import { requireService, startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '@featurescope/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from './support/canaries.js';
import { runNode } from './support/run-node.js';

const CANARY_PARAM = 'param-CANARY-b41d';
const CANARY_LITERAL = 'literal-CANARY-c92e';
const TIMEOUT = 60_000;

/** Runs driver-app.mjs under the register hook, exporting spans to the receiver; returns the spans of its trace. */
async function runDriverApp(receiver: OtlpReceiver, driver: string, url: string, optIn = false): Promise<{ appSpan: ReceivedSpan; spans: ReceivedSpan[] }> {
  receiver.clear();
  const args = optIn ? ['driver-app.mjs'] : ['--import', '@featurescope/otel/register', 'driver-app.mjs'];
  const run = await runNode(args, {
    ...(optIn ? { FIXTURE_OPT_IN: driver } : {}),
    FIXTURE_DRIVER: driver,
    FIXTURE_URL: url,
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_METRICS_EXPORTER: 'none',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_SERVICE_NAME: `driver-nesting-${driver}`,
  });
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
  const { traceId, spanId } = run.result as { traceId: string; spanId: string };
  const spans = receiver.spans().filter((span) => span.traceId === traceId);
  const appSpan = spans.find((span) => span.spanId === spanId);
  expect(appSpan?.name).toBe('app handle-request');
  return { appSpan: appSpan!, spans };
}

function expectNoCanary(receiver: OtlpReceiver): void {
  const exported = textOf(receiver.traces);
  expect(exported.length).toBeGreaterThan(0);
  expect(exported).not.toContain(CANARY_PARAM);
  expect(exported).not.toContain(CANARY_LITERAL);
}

describe('driver instrumentations registered by --import @featurescope/otel/register (ESM app, real servers)', () => {
  let receiver: OtlpReceiver;
  beforeAll(async () => {
    receiver = await startOtlpReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });

  it('pg: the query span is a child of the app span and carries no parameter value', async () => {
    const url = await requireService('postgres');
    const { appSpan, spans } = await runDriverApp(receiver, 'pg', url);
    const querySpans = spans.filter((span) => span.scope.name === '@opentelemetry/instrumentation-pg' && span.name.startsWith('pg.query'));
    expect(querySpans).toHaveLength(1);
    expect(querySpans[0]!.parentSpanId).toBe(appSpan.spanId);
    expect(querySpans[0]!.attributes['db.query.text'] ?? querySpans[0]!.attributes['db.statement']).toBe('SELECT $1::text AS echoed');
    expectNoCanary(receiver);
  }, TIMEOUT);

  it('mysql2: statement spans are children of the app span; bound values and literals are masked', async () => {
    const url = await requireService('mysql');
    const { appSpan, spans } = await runDriverApp(receiver, 'mysql2', url);
    const querySpans = spans.filter((span) => span.scope.name === '@opentelemetry/instrumentation-mysql2');
    expect(querySpans.length).toBeGreaterThanOrEqual(2);
    for (const span of querySpans) expect(span.parentSpanId).toBe(appSpan.spanId);
    const texts = querySpans.map((span) => span.attributes['db.query.text'] ?? span.attributes['db.statement']);
    expect(texts).toEqual(expect.arrayContaining(['SELECT ? AS echoed', 'SELECT ? AS inline_value']));
    expectNoCanary(receiver);
  }, TIMEOUT);

  it('mysql2 with maskStatement: false opted back in: the literal reaches the span (masking did the work; the canary search works)', async () => {
    const url = await requireService('mysql');
    const { spans } = await runDriverApp(receiver, 'mysql2', url, true);
    const texts = spans.filter((span) => span.scope.name === '@opentelemetry/instrumentation-mysql2').map((span) => span.attributes['db.query.text'] ?? span.attributes['db.statement']);
    expect(texts).toContain(`SELECT '${CANARY_LITERAL}' AS inline_value`);
    expect(textOf(receiver.traces)).toContain('CANARY');
  }, TIMEOUT);

  it('ioredis: command spans are children of the app span; keys and values are redacted', async () => {
    const url = await requireService('redis');
    const { appSpan, spans } = await runDriverApp(receiver, 'ioredis', url);
    const commandSpans = spans.filter((span) => span.scope.name === '@opentelemetry/instrumentation-ioredis');
    expect(commandSpans.map((span) => span.name)).toEqual(expect.arrayContaining(['hset', 'hget', 'del']));
    for (const span of commandSpans) expect(span.parentSpanId).toBe(appSpan.spanId);
    const hset = commandSpans.find((span) => span.name === 'hset')!;
    expect(hset.attributes['db.query.text'] ?? hset.attributes['db.statement']).toBe('hset [3 arguments]');
    expectNoCanary(receiver);
  }, TIMEOUT);
});
