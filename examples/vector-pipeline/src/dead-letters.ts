import type pg from 'pg';
import type { FailureCode } from './embedding.js';
import { quoteIdent } from './sql-names.js';

/** One record that could not be turned into a stored vector. */
export interface DeadLetter {
  readonly sourceId: string;
  readonly code: FailureCode;
  readonly error: string;
  readonly payload: unknown;
}

/**
 * The dead-letter table in the source database. Keyed by (source table, source id), written with
 * `ON CONFLICT DO NOTHING`: a batch replayed after a crash does not duplicate its dead letters.
 */
export class DeadLetterTable {
  readonly #insert: string;
  constructor(
    readonly pool: pg.Pool,
    table: string,
    readonly sourceTable: string,
  ) {
    this.#insert =
      `INSERT INTO ${quoteIdent(table)} (source_table, source_id, error_code, error, payload, commit_lsn) ` +
      `SELECT $1, u.id, u.code, u.error, u.payload::jsonb, $2::pg_lsn FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) AS u(id, code, error, payload) ` +
      `ON CONFLICT (source_table, source_id) DO NOTHING`;
  }

  async add(letters: readonly DeadLetter[], commitLsn: string): Promise<void> {
    if (letters.length === 0) return;
    await this.pool.query(this.#insert, [
      this.sourceTable,
      commitLsn,
      letters.map((l) => l.sourceId),
      letters.map((l) => l.code),
      letters.map((l) => l.error),
      letters.map((l) => JSON.stringify(l.payload, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value))),
    ]);
  }
}
