import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { startServiceProcess, waitUntil, type ServiceProcess } from '@featurescope/example-service-kit/testing';
import pg from 'pg';
import { dropReplication } from '../src/replication-setup.js';

export const pipelineDir = fileURLToPath(new URL('..', import.meta.url));

/** The arguments `npm start` runs node with (a test checks package.json says the same). */
export const START_ARGS = ['--import', '@featurescope/otel/register', 'dist/main.js'];

export interface PipelineStatus {
  confirmed_lsn: string;
  batches: number;
  upserted: number;
  dead_lettered: number;
  last_success_time: string | null;
}

/** Unique slot, publication and tables for one test, a PGlite directory, and a pool on the source database. */
export class PipelineFixture {
  readonly suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  readonly names = { table: `vp_${this.suffix}`, publication: `vp_${this.suffix}`, slot: `vp_${this.suffix}`, deadLetterTable: `vp_${this.suffix}_dlq` };
  readonly dataDir = mkdtempSync(join(tmpdir(), 'vector-pipeline-'));
  readonly pool: pg.Pool;

  constructor(readonly sourceUrl: string) {
    this.pool = new pg.Pool({ connectionString: sourceUrl, max: 3 });
  }

  /** Starts the built pipeline as `npm start` does; resolves once it is streaming. */
  async start(env: Record<string, string> = {}): Promise<{ process: ServiceProcess; status: () => Promise<PipelineStatus> }> {
    const process = startServiceProcess(pipelineDir, START_ARGS, {
      SOURCE_DATABASE_URL: this.sourceUrl,
      SOURCE_TABLE: this.names.table,
      PUBLICATION: this.names.publication,
      REPLICATION_SLOT: this.names.slot,
      DEAD_LETTER_TABLE: this.names.deadLetterTable,
      VECTOR_STORE_URL: `pglite://${this.dataDir}`,
      STATUS_PORT: '0',
      OTEL_METRICS_EXPORTER: 'none',
      ...env,
    });
    const listening = await process.waitForLog((line) => line.msg === 'listening', 120_000, 'the pipeline to start');
    const url = `http://127.0.0.1:${String(listening.status_port)}/status`;
    return { process, status: async () => (await (await fetch(url)).json()) as PipelineStatus };
  }

  /** Inserts rows in one transaction; returns their ids and a WAL position before its commit. */
  async insert(rows: readonly { user_id: string | null; item_id: string | null; event_type: string | null; weight: number }[]): Promise<{ ids: string[]; beforeCommitLsn: string }> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows: inserted } = await client.query<{ id: string }>(
        `INSERT INTO "${this.names.table}" (user_id, item_id, event_type, weight) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[]) RETURNING id::text`,
        [rows.map((r) => r.user_id), rows.map((r) => r.item_id), rows.map((r) => r.event_type), rows.map((r) => r.weight)],
      );
      const { rows: lsn } = await client.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
      await client.query('COMMIT');
      return { ids: inserted.map((r) => r.id), beforeCommitLsn: lsn[0]!.lsn };
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  /** Waits until the pipeline has stored and acknowledged a commit past `lsn`. */
  async waitPast(status: () => Promise<PipelineStatus>, lsn: string, timeoutMs = 60_000): Promise<PipelineStatus> {
    return waitUntil(async () => {
      const current = await status();
      return lsnValue(current.confirmed_lsn) > lsnValue(lsn) ? current : undefined;
    }, timeoutMs, `the pipeline to confirm past ${lsn}`);
  }

  async deadLetters(): Promise<{ source_id: string; error_code: string; error: string }[]> {
    const { rows } = await this.pool.query(`SELECT source_id, error_code, error FROM "${this.names.deadLetterTable}" ORDER BY source_id::bigint`);
    return rows as { source_id: string; error_code: string; error: string }[];
  }

  /** Every stored vector id with its components, read from the PGlite directory (the pipeline must be stopped). */
  async storedVectors(collection = 'interaction_embeddings'): Promise<Map<string, number[]>> {
    const db = await PGlite.create({ dataDir: this.dataDir, extensions: { vector } });
    try {
      const { rows } = await db.query<{ id: string; embedding: string }>(`SELECT id, embedding::text AS embedding FROM vectors_${collection}`);
      return new Map(rows.map((r) => [r.id, JSON.parse(r.embedding) as number[]]));
    } finally {
      await db.close();
    }
  }

  async cleanUp(): Promise<void> {
    await dropReplication(this.pool, this.names);
    await this.pool.query(`DROP TABLE IF EXISTS "${this.names.table}", "${this.names.deadLetterTable}"`);
    await this.pool.end();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

function lsnValue(lsn: string): bigint {
  const [high, low] = lsn.split('/');
  return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function interactions(count: number, from = 0): { user_id: string; item_id: string; event_type: string; weight: number }[] {
  return Array.from({ length: count }, (_, i) => ({ user_id: `user-${(from + i) % 37}`, item_id: `item-${(from + i) % 11}`, event_type: i % 3 ? 'click' : 'purchase', weight: 1 + (i % 4) }));
}
