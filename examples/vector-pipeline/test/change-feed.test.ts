import { requireService, startOtlpReceiver } from '@featurescope/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedInteraction } from '../src/embedding.js';
import { PipelineFixture, freePort, interactions } from './pipeline-helpers.js';

let fixture: PipelineFixture;

beforeAll(async () => {
  fixture = new PipelineFixture(await requireService('postgres'));
});

afterAll(async () => {
  await fixture?.cleanUp();
});

describe('vector-pipeline change feed', () => {
  it('delivers inserts as vectors, parks poison rows in the dead-letter table, and exports its metrics', async () => {
    const metricsPort = await freePort();
    const receiver = await startOtlpReceiver();
    const { process: pipeline, status } = await fixture.start({
      OTEL_METRICS_EXPORTER: 'prometheus',
      OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      BATCH_SIZE: '50',
    });
    try {
      const good1 = await fixture.insert(interactions(120));
      const poison = await fixture.insert([
        { user_id: null, item_id: 'item-1', event_type: 'click', weight: 1 },
        { user_id: 'user-1', item_id: 'item-1', event_type: 'click', weight: Number.NaN },
        { user_id: 'user-2', item_id: 'item-2', event_type: 'view', weight: 0 },
      ]);
      const good2 = await fixture.insert(interactions(30, 120));
      const done = await fixture.waitPast(status, good2.beforeCommitLsn);
      expect(done.upserted).toBe(150);
      expect(done.dead_lettered).toBe(3);
      expect(done.last_success_time).not.toBeNull();

      expect(await fixture.deadLetters()).toEqual([
        { source_id: poison.ids[0], error_code: 'malformed_row', error: 'user_id is missing or empty' },
        { source_id: poison.ids[1], error_code: 'embedding_error', error: 'weight is not a finite number' },
        { source_id: poison.ids[2], error_code: 'rejected_vector', error: expect.stringContaining('"zero"') },
      ]);

      const scrape = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      expect(scrape).toMatch(/vector_pipeline_records_total\{[^}]*vector_pipeline_status="upserted"[^}]*\} 150/);
      for (const code of ['malformed_row', 'embedding_error', 'rejected_vector']) {
        expect(scrape).toMatch(new RegExp(`vector_pipeline_records_total\\{vector_pipeline_status="dead_lettered",error_type="${code}"[^}]*\\} 1`));
      }
      expect(scrape).toMatch(/vector_pipeline_data_latency_count\{[^}]*\} 150/);
      expect(scrape).toMatch(/vector_pipeline_upsert_duration_count\{[^}]*\} [1-9]/);
      expect(scrape).toMatch(/vector_pipeline_last_success_time\{[^}]*\} 1\d{9}/);
      expect(scrape).toContain('featurescope_vectors_written_total');
      // Each micro-batch is a trace: the batch span with the store's vector_upsert span under it.
      const { batch } = await receiver.waitFor(() => {
        const spans = receiver.spans();
        const batch = spans.find((s) => s.name === 'vector_pipeline batch' && s.attributes['vector_pipeline.batch.dead_lettered'] === 3);
        return batch && spans.some((s) => s.parentSpanId === batch.spanId && s.attributes['db.operation.name'] === 'vector_upsert') ? { batch } : undefined;
      }, 20_000, 'a batch span with its vector_upsert span');
      expect(batch.attributes['vector_pipeline.batch.upserted']).toBe(Number(batch.attributes['vector_pipeline.batch.rows']) - 3);
      expect(await pipeline.stop()).toBe(0);

      const stored = await fixture.storedVectors();
      expect([...stored.keys()].sort()).toEqual([...good1.ids, ...good2.ids].sort());
      // Deterministic embedding: the stored vector is the one the row gives.
      const first = interactions(1)[0]!;
      const expected = embedInteraction({ id: good1.ids[0]!, ...first, occurred_at: new Date() }, 16);
      stored.get(good1.ids[0]!)!.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    } finally {
      await pipeline.stop();
      await receiver.close();
    }
  });
});
