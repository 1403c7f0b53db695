import pg from 'pg';
import { quoteIdent } from './sql-names.js';

export interface ReplicationNames {
  readonly table: string;
  readonly publication: string;
  readonly slot: string;
  readonly deadLetterTable: string;
}

/**
 * Creates what the pipeline needs in the source database when missing (idempotent): the
 * interactions table (an example schema; point `SOURCE_TABLE` at yours), a publication for it, a
 * pgoutput logical replication slot, and the dead-letter table. Returns the slot's confirmed LSN.
 */
export async function ensureReplication(pool: pg.Pool, names: ReplicationNames): Promise<string> {
  const table = quoteIdent(names.table);
  await pool.query(
    `CREATE TABLE IF NOT EXISTS ${table} (id bigserial PRIMARY KEY, user_id text, item_id text, event_type text, weight double precision, occurred_at timestamptz NOT NULL DEFAULT now())`,
  );
  await pool.query(
    `CREATE TABLE IF NOT EXISTS ${quoteIdent(names.deadLetterTable)} (source_table text NOT NULL, source_id text NOT NULL, error_code text NOT NULL, error text NOT NULL, ` +
      `payload jsonb, commit_lsn pg_lsn, failed_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (source_table, source_id))`,
  );
  const { rowCount: hasPublication } = await pool.query('SELECT 1 FROM pg_publication WHERE pubname = $1', [names.publication]);
  if (!hasPublication) {
    await pool.query(`CREATE PUBLICATION ${quoteIdent(names.publication)} FOR TABLE ${table} WITH (publish = 'insert')`).catch(ignoreDuplicate);
  }
  const slot = await pool.query<{ confirmed: string | null }>('SELECT confirmed_flush_lsn::text AS confirmed FROM pg_replication_slots WHERE slot_name = $1', [names.slot]);
  if (slot.rowCount) return slot.rows[0]!.confirmed ?? '0/0';
  const created = await pool.query<{ lsn: string }>(`SELECT lsn::text AS lsn FROM pg_create_logical_replication_slot($1, 'pgoutput')`, [names.slot]);
  return created.rows[0]!.lsn;
}

/** Drops the slot (waiting for a just-killed walsender to let go of it) and the publication. */
export async function dropReplication(pool: pg.Pool, names: Pick<ReplicationNames, 'slot' | 'publication'>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query<{ active_pid: number | null }>('SELECT active_pid FROM pg_replication_slots WHERE slot_name = $1', [names.slot]);
    if (rows.length === 0) break;
    if (rows[0]!.active_pid !== null) await pool.query('SELECT pg_terminate_backend($1)', [rows[0]!.active_pid]);
    try {
      await pool.query('SELECT pg_drop_replication_slot($1)', [names.slot]);
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await pool.query(`DROP PUBLICATION IF EXISTS ${quoteIdent(names.publication)}`);
}

function ignoreDuplicate(error: unknown): void {
  // Two replicas starting at once: the other one created it.
  if ((error as { code?: string }).code !== '42710') throw error;
}
