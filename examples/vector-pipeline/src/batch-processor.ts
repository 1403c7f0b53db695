import { InvalidInputError, type FeatureStore, type VectorRecord } from '@featurescope/core';
import { RecordFailure, embedInteraction, eventTimeMs, type InteractionRow } from './embedding.js';
import type { DeadLetter, DeadLetterTable } from './dead-letters.js';
import type { PipelineMetrics } from './pipeline-metrics.js';

export interface BatchProcessorOptions {
  readonly store: FeatureStore;
  readonly collection: string;
  readonly dimension: number;
  readonly deadLetters: DeadLetterTable;
  readonly metrics: PipelineMetrics;
  /** Runs the store upsert (with retries). */
  readonly runUpsert: <T>(work: () => Promise<T>) => Promise<T>;
}

export interface BatchOutcome {
  readonly upserted: number;
  readonly deadLettered: number;
}

/**
 * Turns one micro-batch of rows into vectors and stores them: rows that cannot be embedded and
 * vectors the store or the quality rules reject go to the dead-letter table; the rest are upserted
 * by id (the source row's primary key), so a replayed batch overwrites instead of duplicating.
 * Throws (and nothing is acknowledged) when the store or the dead-letter table cannot be written.
 */
export async function processBatch(rows: readonly InteractionRow[], commitLsn: string, options: BatchProcessorOptions): Promise<BatchOutcome> {
  const letters: DeadLetter[] = [];
  let records: { record: VectorRecord; row: InteractionRow }[] = [];
  for (const row of rows) {
    try {
      const vector = embedInteraction(row, options.dimension);
      records.push({ row, record: { id: row.id, vector, metadata: { user_id: row.user_id as string, item_id: row.item_id as string, event_type: row.event_type as string } } });
    } catch (error) {
      if (!(error instanceof RecordFailure)) throw error;
      letters.push({ sourceId: row.id, code: error.code, error: error.message, payload: row });
    }
  }
  const started = performance.now();
  // Each rejection names the offending records; park them and write the rest. Bounded: every
  // round removes at least one record.
  while (records.length > 0) {
    try {
      await options.runUpsert(() => options.store.upsertVectors({ collection: options.collection, records: records.map((r) => r.record) }));
      break;
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      const rejected = new Set(error.problems.map((p) => p.index).filter((i) => i >= 0));
      if (rejected.size === 0) throw error;
      for (const index of rejected) {
        const { row } = records[index]!;
        const problem = error.problems.find((p) => p.index === index)!;
        letters.push({ sourceId: row.id, code: 'rejected_vector', error: problem.message, payload: row });
      }
      records = records.filter((_, i) => !rejected.has(i));
    }
  }
  const done = performance.now();
  await options.deadLetters.add(letters, commitLsn);
  if (records.length > 0) options.metrics.upsertDuration((done - started) / 1000);
  options.metrics.upserted(records.length);
  for (const letter of letters) options.metrics.deadLettered(letter.code);
  const now = Date.now();
  for (const { row } of records) {
    const eventMs = eventTimeMs(row);
    if (eventMs !== undefined) options.metrics.dataLatency((now - eventMs) / 1000);
  }
  return { upserted: records.length, deadLettered: letters.length };
}
