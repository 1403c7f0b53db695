import { metrics, type Attributes, type Counter, type Histogram } from '@opentelemetry/api';
import type { FailureCode } from './embedding.js';

/** Metric names of the pipeline (listed with units in the README). */
export const PIPELINE_METRICS = {
  records: 'vector_pipeline.records',
  dataLatency: 'vector_pipeline.data_latency',
  upsertDuration: 'vector_pipeline.upsert.duration',
  lastSuccess: 'vector_pipeline.last_success_time',
} as const;

/** Attributes of the `vector_pipeline batch` span. */
export const BATCH_ROWS = 'vector_pipeline.batch.rows';
export const BATCH_UPSERTED = 'vector_pipeline.batch.upserted';
export const BATCH_DEAD_LETTERED = 'vector_pipeline.batch.dead_lettered';

/** Seconds, from 10 ms to 1 h: change-feed latency spans replication lag and batching. */
const LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];
const UPSERT_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Counters and histograms only (they sum across replicas), plus one gauge whose fleet maximum is
 * meaningful. Attributes are a fixed small set: status and failure code.
 */
export class PipelineMetrics {
  readonly #records: Counter;
  readonly #dataLatency: Histogram;
  readonly #upsertDuration: Histogram;
  readonly #statusAttributes = new Map<string, Attributes>();
  lastSuccessMs: number | undefined;

  constructor() {
    const meter = metrics.getMeter('featurescope-example-vector-pipeline');
    this.#records = meter.createCounter(PIPELINE_METRICS.records, { unit: '{record}', description: 'Change-feed records processed, by outcome' });
    this.#dataLatency = meter.createHistogram(PIPELINE_METRICS.dataLatency, {
      unit: 's',
      description: "Seconds from a record's event time (occurred_at) to its vector being stored",
      advice: { explicitBucketBoundaries: LATENCY_BUCKETS },
    });
    this.#upsertDuration = meter.createHistogram(PIPELINE_METRICS.upsertDuration, {
      unit: 's',
      description: 'Duration of one micro-batch vector upsert, retries included',
      advice: { explicitBucketBoundaries: UPSERT_BUCKETS },
    });
    meter
      .createObservableGauge(PIPELINE_METRICS.lastSuccess, { unit: 's', description: 'Unix time of the last micro-batch stored and acknowledged' })
      .addCallback((result) => {
        if (this.lastSuccessMs !== undefined) result.observe(this.lastSuccessMs / 1000);
      });
  }

  upserted(count: number): void {
    if (count > 0) this.#records.add(count, this.#attributes('upserted'));
  }

  deadLettered(code: FailureCode, count = 1): void {
    this.#records.add(count, this.#attributes('dead_lettered', code));
  }

  dataLatency(seconds: number): void {
    this.#dataLatency.record(seconds > 0 ? seconds : 0);
  }

  upsertDuration(seconds: number): void {
    this.#upsertDuration.record(seconds);
  }

  #attributes(status: string, code?: FailureCode): Attributes {
    const key = `${status}/${code ?? ''}`;
    let attributes = this.#statusAttributes.get(key);
    if (attributes === undefined) {
      attributes = code === undefined ? { 'vector_pipeline.status': status } : { 'vector_pipeline.status': status, 'error.type': code };
      this.#statusAttributes.set(key, attributes);
    }
    return attributes;
  }
}
