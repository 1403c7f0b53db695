import { createRequire } from 'node:module';
import { HistogramExport, InvalidInputError, attachHistogramExport } from '@featurescope/core';
import { createQualityEngine } from '@featurescope/quality';
import { createTestTelemetry, type TestTelemetry } from '@featurescope/test-utils';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { MilvusClient as MilvusClientType } from '@zilliz/milvus2-sdk-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrumentMilvusClient } from '../src/index.js';
import { startMilvusLite, type MilvusLite } from './milvus-lite.js';

const { MilvusClient, DataType } = createRequire(import.meta.url)('@zilliz/milvus2-sdk-node') as typeof import('@zilliz/milvus2-sdk-node');

let sequence = 0;
const uniqueCollection = (label: string): string => `fs_${label}_${process.pid}_${(sequence++).toString(36)}`;

async function createCollection(client: MilvusClientType, name: string, dimension: number): Promise<void> {
  const status = await client.createCollection({
    collection_name: name,
    fields: [
      { name: 'id', data_type: DataType.VarChar, is_primary_key: true, max_length: 128 },
      { name: 'vector', data_type: DataType.FloatVector, dim: dimension },
    ],
    index_params: [{ field_name: 'vector', index_type: 'FLAT', metric_type: 'COSINE' }],
  });
  expect(status.error_code).toBe('Success');
  expect((await client.loadCollection({ collection_name: name })).error_code).toBe('Success');
}

describe('instrumentMilvusClient against a real Milvus Lite server', { timeout: 60_000 }, () => {
  let milvus: MilvusLite;
  let telemetry: TestTelemetry;
  // The quality engine's self-aggregated histograms (norms, top scores, result counts) leave through this.
  const histogramExport = new HistogramExport();
  let raw: MilvusClientType;
  let client: MilvusClientType;
  let quality: ReturnType<typeof createQualityEngine>;

  beforeAll(async () => {
    milvus = await startMilvusLite();
    // Global providers with a context manager: the store span is current inside the SDK call.
    telemetry = createTestTelemetry({ global: true });
    attachHistogramExport(telemetry.meterProvider, histogramExport);
    quality = createQualityEngine({ meterProvider: telemetry.meterProvider, features: { emb: { kind: 'vector', dimension: 4, policy: 'record' } } });
    raw = new MilvusClient({ address: milvus.address, logLevel: 'error' });
    client = instrumentMilvusClient(new MilvusClient({ address: milvus.address, logLevel: 'error' }), {
      tracerProvider: telemetry.tracerProvider,
      meterProvider: telemetry.meterProvider,
      observers: [quality],
    });
  }, 90_000);
  afterAll(async () => {
    quality?.shutdown();
    await raw?.closeConnection();
    await client?.closeConnection();
    await telemetry?.shutdown();
    await milvus?.stop();
  });

  it('turns upsert, insert and search into vector spans with collection, dimension, topK and metric type', async () => {
    const name = uniqueCollection('spans');
    await createCollection(raw, name, 4);
    telemetry.reset();
    const upserted = await client.upsert({ collection_name: name, data: [{ id: 'x', vector: [1, 0, 0, 0] }, { id: 'xy', vector: [1, 1, 0, 0] }] });
    const inserted = await client.insert({ collection_name: name, data: [{ id: 'y', vector: [0, 1, 0, 0] }] });
    const found = await client.search({ collection_name: name, data: [[3, 0, 0, 0]], limit: 2, metric_type: 'COSINE', output_fields: ['id'] });
    expect(upserted.status.error_code).toBe('Success');
    expect(inserted.status.error_code).toBe('Success');
    expect(found.results.map((r) => r.id)).toEqual(['x', 'xy']);
    expect(found.results[0]!.score).toBeCloseTo(1, 5);
    expect(found.results[1]!.score).toBeCloseTo(Math.SQRT1_2, 5);

    const spans = telemetry.spans();
    expect(spans.map((s) => s.name)).toEqual([`vector_upsert ${name}`, `vector_upsert ${name}`, `vector_search ${name}`]);
    expect(spans.every((s) => s.kind === SpanKind.CLIENT && s.status.code !== SpanStatusCode.ERROR)).toBe(true);
    const [port] = milvus.address.split(':').slice(1).map(Number);
    expect(spans[0]!.attributes).toMatchObject({
      'db.system.name': 'milvus',
      'db.operation.name': 'vector_upsert',
      'db.collection.name': name,
      'featurescope.vector.count': 2,
      'featurescope.vector.dimension': 4,
      'server.address': '127.0.0.1',
      'server.port': port,
      'db.namespace': 'default',
    });
    expect(spans[2]!.attributes).toMatchObject({
      'db.operation.name': 'vector_search',
      'featurescope.vector.top_k': 2,
      'featurescope.vector.dimension': 4,
      'featurescope.vector.metric_type': 'COSINE',
      'db.response.returned_rows': 2,
    });
    expect(await telemetry.sumOf('featurescope.vectors.written', { 'db.collection.name': name })).toBe(3);
  });

  it('returns the very response the SDK returns, for results and for failed statuses, and marks the span failed', async () => {
    const name = uniqueCollection('same');
    await createCollection(raw, name, 4);
    await raw.upsert({ collection_name: name, data: [{ id: 'a', vector: [1, 0, 0, 0] }] });
    const params = { collection_name: name, data: [[1, 0, 0, 0]], limit: 1, output_fields: ['id'] };
    const direct = await raw.search(params);
    const wrapped = await client.search(params);
    expect(wrapped).toEqual(direct);

    telemetry.reset();
    const missing = { collection_name: uniqueCollection('never_created'), data: [[1, 0, 0, 0]], limit: 1 };
    const directFailure = await raw.search(missing).then((r) => r, (e: unknown) => e);
    const wrappedFailure = await client.search(missing).then((r) => r, (e: unknown) => e);
    expect(wrappedFailure).toEqual(directFailure);
    const [span] = telemetry.spans();
    expect(span!.status.code).toBe(SpanStatusCode.ERROR);
    expect(span!.attributes['error.type']).toBeTypeOf('string');
  });

  it('feeds the quality engine: vector norms, invalid vectors, top scores and result counts', async () => {
    const name = 'emb';
    await raw.dropCollection({ collection_name: name });
    await createCollection(raw, name, 4);
    await client.upsert({ collection_name: name, data: [{ id: 'a', vector: [3, 4, 0, 0] }, { id: 'b', vector: [0, 0, 0, 0] }] });
    await client.search({ collection_name: name, data: [[3, 4, 0, 0]], limit: 5, metric_type: 'COSINE' });
    // The zero vector is invalid (counted, written anyway under the 'record' policy).
    expect(await telemetry.sumOf('featurescope.vector.invalid', { 'db.collection.name': name, 'featurescope.vector.problem': 'zero' })).toBe(1);
    const histograms = new Map(histogramExport.sources().flatMap((source) => source.collect()).map((h) => [h.name, h.points.find((p) => p.attributes['db.collection.name'] === name)]));
    // Norms of the written vectors: 5 and 0.
    expect(histograms.get('featurescope.vector.norm')).toMatchObject({ count: 2, sum: 5, min: 0, max: 5 });
    // The best match of the search is the query's own direction: cosine 1.
    expect(histograms.get('featurescope.vector_search.top_score')?.count).toBe(1);
    expect(histograms.get('featurescope.vector_search.top_score')?.max).toBeCloseTo(1, 5);
    expect(histograms.get('featurescope.vector_search.results')).toMatchObject({ count: 1, sum: 2 });
  });

  it('rethrows what the SDK throws, and a throwing hook never reaches the call', async () => {
    const hooked = instrumentMilvusClient(new MilvusClient({ address: milvus.address, logLevel: 'error' }), {
      tracerProvider: telemetry.tracerProvider,
      meterProvider: telemetry.meterProvider,
      hooks: {
        requestHook: () => {
          throw new Error('hook failure');
        },
      },
    });
    try {
      const params = { data: [[1, 0, 0, 0]], limit: 1 } as unknown as Parameters<MilvusClientType['search']>[0];
      const direct = await raw.search(params).then(() => undefined, (e: unknown) => e);
      const wrapped = await hooked.search(params).then(() => undefined, (e: unknown) => e);
      expect(direct).toBeInstanceOf(Error);
      expect(wrapped).toBeInstanceOf((direct as Error).constructor as new () => Error);
      expect((wrapped as Error).message).toBe((direct as Error).message);
      const name = uniqueCollection('hook');
      await createCollection(raw, name, 4);
      expect((await hooked.upsert({ collection_name: name, data: [{ id: 'a', vector: [0, 0, 1, 0] }] })).status.error_code).toBe('Success');
    } finally {
      await hooked.closeConnection();
    }
  });

  it('reports centroid drift of written embeddings against a baseline', async () => {
    let now = Date.parse('2026-06-01T00:00:00Z');
    const drift = createQualityEngine({ meterProvider: telemetry.meterProvider, now: () => now, window: { durationMs: 60_000, minCount: 2 }, features: { drift_emb: { kind: 'vector', dimension: 4 } } });
    const watched = instrumentMilvusClient(new MilvusClient({ address: milvus.address, logLevel: 'error' }), { tracing: false, meterProvider: telemetry.meterProvider, observers: [drift] });
    try {
      await raw.dropCollection({ collection_name: 'drift_emb' });
      await createCollection(raw, 'drift_emb', 4);
      const write = (rows: [string, number[]][]) => watched.upsert({ collection_name: 'drift_emb', data: rows.map(([id, vector]) => ({ id, vector })) });
      drift.startBaselineCapture();
      await write([['a', [1, 0, 0, 0]], ['b', [1, 0.1, 0, 0]]]);
      drift.finishBaselineCapture();
      now += 60_000;
      await write([['c', [0, 1, 0, 0]], ['d', [0, 1, 0.1, 0]]]);
      now += 60_000;
      await write([['e', [0, 1, 0, 0]]]); // the next window starts: the previous one is compared
      const metrics = await telemetry.collect();
      const point = metrics.scopeMetrics
        .flatMap((scope) => scope.metrics)
        .filter((metric) => metric.descriptor.name === 'featurescope.vector.centroid_drift')
        .flatMap((metric) => metric.dataPoints as { attributes: Record<string, unknown>; value: unknown }[])
        .find((p) => p.attributes['db.collection.name'] === 'drift_emb');
      // Judged against the baseline's own spread (about 1 with no shift): a 90° rotation is far beyond it.
      expect(point?.value as number).toBeGreaterThan(10);
    } finally {
      drift.shutdown();
      await watched.closeConnection();
    }
  });

  it('leaves a quality rejection to the caller as the typed error, before anything is sent', async () => {
    const strict = createQualityEngine({ features: { strict_emb: { kind: 'vector', dimension: 4, policy: 'reject' } } });
    const rejecting = instrumentMilvusClient(new MilvusClient({ address: milvus.address, logLevel: 'error' }), { tracing: false, metrics: false, observers: [strict] });
    try {
      const error = await rejecting.upsert({ collection_name: 'strict_emb', data: [{ id: 'a', vector: [1, 2, 3] }] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
    } finally {
      strict.shutdown();
      await rejecting.closeConnection();
    }
  });
});
