import { instrumentFeatureStore } from '@featurescope/core';
import { createJsonLogger, errorCode, openStore, redactUrl, withTransientRetry } from '@featurescope/example-service-kit';
import { getTelemetry } from '@featurescope/otel';
import { createQualityEngine } from '@featurescope/quality';
import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import pg from 'pg';
import { processBatch } from './batch-processor.js';
import { ChangeFeed } from './change-feed.js';
import { DeadLetterTable } from './dead-letters.js';
import { PipelineMetrics } from './pipeline-metrics.js';
import type { InteractionRow } from './embedding.js';
import { BATCH_DEAD_LETTERED, BATCH_ROWS, BATCH_UPSERTED } from './pipeline-metrics.js';
import { ensureReplication } from './replication-setup.js';
import { startStatusServer } from './status-server.js';

const env = process.env;
const integer = (name: string, fallback: number): number => {
  const value = env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
  if (!Number.isInteger(value) || value < 0) throw new TypeError(`${name} must be a non-negative integer, got "${env[name]}"`);
  return value;
};

const logger = createJsonLogger('vector-pipeline');
const sourceUrl = env.SOURCE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
// A PGlite data directory keeps the vectors across restarts; pgvector runs inside it.
const vectorStoreUrl = env.VECTOR_STORE_URL ?? 'pglite://.pglite-data/vector-pipeline';
if (env.MILVUS_URL) throw new TypeError('MILVUS_URL: no Milvus store is available to this example yet; unset it to use pgvector (VECTOR_STORE_URL)');
const names = {
  table: env.SOURCE_TABLE ?? 'interactions',
  publication: env.PUBLICATION ?? 'vector_pipeline',
  slot: env.REPLICATION_SLOT ?? 'vector_pipeline',
  deadLetterTable: env.DEAD_LETTER_TABLE ?? 'vector_pipeline_dead_letters',
};
const collection = env.VECTOR_COLLECTION ?? 'interaction_embeddings';
const dimension = integer('EMBEDDING_DIMENSION', 16);

const pool = new pg.Pool({ connectionString: sourceUrl, max: 2 });
pool.on('error', (error) => logger.warn('idle source connection failed', { error_code: errorCode(error) }));
const startLsn = await ensureReplication(pool, names);
const rawStore = await openStore(vectorStoreUrl, { collections: [{ name: collection, dimension }] });
// Zero vectors (weight 0) are rejected: cosine similarity is undefined for them.
const quality = createQualityEngine({ features: { [collection]: { kind: 'vector', dimension, policy: 'reject' } } });
const store = instrumentFeatureStore(rawStore, { observers: [quality] });
const metrics = new PipelineMetrics();
const deadLetters = new DeadLetterTable(pool, names.deadLetterTable, names.table);
const totals = { batches: 0, upserted: 0, deadLettered: 0 };
const tracer = trace.getTracer('featurescope-example-vector-pipeline');

const feed = new ChangeFeed({
  connectionString: sourceUrl,
  slot: names.slot,
  publication: names.publication,
  table: names.table,
  batchSize: integer('BATCH_SIZE', 100),
  maxWaitMs: integer('BATCH_MAX_WAIT_MS', 200),
  startLsn,
  logger,
  onBatch: (rows, commitLsn) =>
    // One trace per micro-batch: the store's vector_upsert span (and its retries) nest under it.
    tracer.startActiveSpan('vector_pipeline batch', { attributes: { [BATCH_ROWS]: rows.length } }, async (span) => {
      try {
        await storeBatch(rows, commitLsn, span);
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        span.setAttribute('error.type', errorCode(error));
        throw error;
      } finally {
        span.end();
      }
    }),
});

async function storeBatch(rows: InteractionRow[], commitLsn: string, span: Span): Promise<void> {
  const outcome = await processBatch(rows, commitLsn, {
    store,
    collection,
    dimension,
    deadLetters,
    metrics,
    runUpsert: (work) => withTransientRetry(work, { onRetry: ({ attempt, error }) => logger.warn('vector upsert failed, retrying', { attempt, error_code: errorCode(error) }) }),
  });
  span.setAttributes({ [BATCH_UPSERTED]: outcome.upserted, [BATCH_DEAD_LETTERED]: outcome.deadLettered });
  totals.batches++;
  totals.upserted += outcome.upserted;
  totals.deadLettered += outcome.deadLettered;
  metrics.lastSuccessMs = Date.now();
  logger.info('batch stored', { rows: rows.length, upserted: outcome.upserted, dead_lettered: outcome.deadLettered, commit_lsn: commitLsn });
}

const status = await startStatusServer(integer('STATUS_PORT', 8082), env.HOST ?? '127.0.0.1', () => ({
  confirmed_lsn: feed.confirmedLsn,
  batches: totals.batches,
  upserted: totals.upserted,
  dead_lettered: totals.deadLettered,
  last_success_time: metrics.lastSuccessMs === undefined ? null : new Date(metrics.lastSuccessMs).toISOString(),
}));

let stopping: Promise<void> | undefined;
const shutdown = (reason: string): Promise<void> =>
  (stopping ??= (async () => {
    logger.info('shutting down: storing the pending micro-batch', { reason });
    await feed.stop();
    await status.close();
    quality.shutdown();
    await store.close();
    await pool.end();
    await getTelemetry()?.shutdown();
    logger.info('stopped', { reason, confirmed_lsn: feed.confirmedLsn });
  })());
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));

logger.info('listening', { status_port: status.port, source: redactUrl(sourceUrl), vector_store: redactUrl(vectorStoreUrl), slot: names.slot, start_lsn: startLsn });
await feed.run();
