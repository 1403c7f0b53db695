import {
  quoteIdentifier as quote,
  quoteTable,
  toNumber,
  toOptionalNumber,
  windowAggregatesFromRow,
  type DriftBinRow,
  type FeatureTable,
  type FreshnessRow,
  type InspectedSystem,
  type SamplingPlan,
  type StoreInspector,
  type StoredBaselineRow,
  type TableRef,
  type WindowAggregates,
  type WindowSample,
} from '@featurescope/core';
import { buildDriftBinsSql } from '../drift/drift-bins-sql.js';
import { isPGlite } from '../driver/open-executor.js';
import type { PGliteLike, PgPoolLike } from '../types.js';

/** Options of {@link postgresStoreInspector}. */
export interface PostgresStoreInspectorOptions {
  /** Ends the pool / closes the PGlite instance on `close()`; set when the inspector opened it. @default false */
  readonly owned?: boolean;
  /** Shown in logs instead of the URL (which may hold a password). @default 'postgresql' */
  readonly description?: string;
}

type Run = (text: string, params: unknown[]) => Promise<unknown[][]>;

/** Runs `body` in a read-only transaction whose statements stop after `timeoutMs` (SET LOCAL). */
type ReadOnly = <T>(timeoutMs: number, body: (run: Run) => Promise<T>) => Promise<T>;

const ARRAY_ROWS = { rowMode: 'array' } as const;

/**
 * A {@link StoreInspector} over PostgreSQL (a `pg` Pool) or PGlite (an instance). Every read runs in
 * `BEGIN READ ONLY; SET LOCAL statement_timeout = …`. Distribution queries take a TABLESAMPLE when
 * the table's row estimate (`pg_class.reltuples`) is above the plan's threshold.
 */
export function postgresStoreInspector(client: PgPoolLike | PGliteLike, options: PostgresStoreInspectorOptions = {}): StoreInspector {
  return new PostgresStoreInspector(client, options);
}

class PostgresStoreInspector implements StoreInspector {
  readonly system: InspectedSystem = 'postgresql';
  readonly description: string;
  readonly #readOnly: ReadOnly;
  readonly #write: (timeoutMs: number, text: string, params: unknown[]) => Promise<void>;
  readonly #close: () => Promise<void>;
  /** Row estimate per table, refreshed by {@link beginCycle}. */
  readonly #estimates = new Map<string, number>();

  constructor(client: PgPoolLike | PGliteLike, options: PostgresStoreInspectorOptions) {
    this.description = options.description ?? 'postgresql';
    const owned = options.owned ?? false;
    if (isPGlite(client)) {
      this.#readOnly = (timeoutMs, body) =>
        client.transaction(async (tx) => {
          await tx.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(timeoutMs))}`);
          return body(async (text, params) => (await tx.query(text, params, ARRAY_ROWS)).rows as unknown[][]);
        });
      this.#write = (timeoutMs, text, params) =>
        client.transaction(async (tx) => {
          await tx.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(timeoutMs))}`);
          await tx.query(text, params);
        });
      this.#close = () => (owned && !client.closed ? client.close() : Promise.resolve());
    } else {
      const inTransaction = async <T>(mode: string, timeoutMs: number, body: (run: Run) => Promise<T>): Promise<T> => {
        const connection = await client.connect();
        const run: Run = async (text, values) => (await connection.query({ text, values, ...ARRAY_ROWS })).rows as unknown[][];
        try {
          await run(`BEGIN ${mode}`, []);
          await run(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(timeoutMs))}`, []);
          const result = await body(run);
          await run('COMMIT', []);
          connection.release();
          return result;
        } catch (error) {
          // A broken or cancelled connection is dropped rather than handed back to the pool.
          await run('ROLLBACK', []).then(
            () => connection.release(),
            () => connection.release(true),
          );
          throw error;
        }
      };
      this.#readOnly = (timeoutMs, body) => inTransaction('READ ONLY', timeoutMs, body);
      this.#write = (timeoutMs, text, params) => inTransaction('', timeoutMs, (run) => run(text, params).then(() => undefined));
      this.#close = () => (owned ? client.end() : Promise.resolve());
    }
  }

  prepare(): Promise<void> {
    return Promise.resolve();
  }

  async discoverFeatures(t: FeatureTable, limit: number, timeoutMs: number): Promise<string[]> {
    const c = cols(t);
    // A recursive skip scan: one index seek per distinct name instead of reading the whole index.
    const sql =
      `WITH RECURSIVE names AS ((SELECT ${c.feature} AS name FROM ${c.table} ORDER BY ${c.feature} LIMIT 1) ` +
      `UNION ALL SELECT (SELECT ${c.feature} FROM ${c.table} WHERE ${c.feature} > names.name ORDER BY ${c.feature} LIMIT 1) ` +
      `FROM names WHERE names.name IS NOT NULL) SELECT name FROM names WHERE name IS NOT NULL LIMIT $1`;
    const rows = await this.#readOnly(timeoutMs, (run) => run(sql, [limit]));
    return rows.map((row) => String(row[0]));
  }

  async freshness(t: FeatureTable, features: readonly string[], volumeWindowSeconds: number, timeoutMs: number): Promise<FreshnessRow[]> {
    if (features.length === 0) return [];
    const c = cols(t);
    // Per name: the newest row and a range count, both index scans on (feature, updated_at).
    const sql =
      `SELECT f.name, extract(epoch FROM (SELECT ${c.updatedAt} FROM ${c.table} WHERE ${c.feature} = f.name ORDER BY ${c.updatedAt} DESC LIMIT 1))::float8, ` +
      `(SELECT count(*) FROM ${c.table} WHERE ${c.feature} = f.name AND ${c.updatedAt} >= now() - $2::float8 * interval '1 second')::float8, ` +
      `extract(epoch FROM now())::float8 ` +
      `FROM unnest($1::text[]) WITH ORDINALITY AS f(name, ord) ORDER BY f.ord`;
    const rows = await this.#readOnly(timeoutMs, (run) => run(sql, [features, volumeWindowSeconds]));
    return rows.map((row) => ({
      feature: String(row[0]),
      lastWriteTime: toOptionalNumber(row[1]),
      updatedRows: toNumber(row[2]),
      databaseTime: toNumber(row[3]),
    }));
  }

  async windowAggregates(
    t: FeatureTable,
    features: readonly string[],
    windowSeconds: number,
    timeoutMs: number,
  ): Promise<Map<string, WindowAggregates>> {
    const out = new Map<string, WindowAggregates>();
    if (features.length === 0) return out;
    const c = cols(t);
    const sql =
      `SELECT ${c.feature}, count(*)::float8, count(${c.value})::float8, avg(${c.value})::float8, stddev_pop(${c.value})::float8, ` +
      `min(${c.value})::float8, max(${c.value})::float8 FROM ${c.table} ` +
      `WHERE ${c.feature} = ANY($1::text[]) AND ${c.updatedAt} >= now() - $2::float8 * interval '1 second' GROUP BY ${c.feature}`;
    const rows = await this.#readOnly(timeoutMs, (run) => run(sql, [features, windowSeconds]));
    for (const row of rows) {
      out.set(String(row[0]), windowAggregatesFromRow(row));
    }
    return out;
  }

  async beginCycle(t: FeatureTable, _plan: SamplingPlan, timeoutMs: number): Promise<void> {
    const name = quoteTable(t.table, '"');
    const rows = await this.#readOnly(timeoutMs, (run) =>
      run('SELECT reltuples::float8 FROM pg_class WHERE oid = to_regclass($1)', [name]),
    );
    // reltuples is -1 until the table was first analysed: treat it as small.
    this.#estimates.set(name, Math.max(0, toNumber(rows[0]?.[0] ?? 0)));
  }

  async driftBins(t: FeatureTable, feature: string, edges: ArrayLike<number>, windowSeconds: number, timeoutMs: number): Promise<DriftBinRow[]> {
    const sql = buildDriftBinsSql(t.table.display, t.columns);
    const rows = await this.#readOnly(timeoutMs, (run) => run(sql, [feature, windowSeconds, Array.from(edges)]));
    return rows.map((row) => [toNumber(row[0]), toNumber(row[1])] as const);
  }

  async windowSample(t: FeatureTable, feature: string, windowSeconds: number, plan: SamplingPlan, timeoutMs: number): Promise<WindowSample> {
    const c = cols(t);
    const estimate = this.#estimates.get(c.table) ?? 0;
    const tablesample = estimate > plan.tablesampleAboveRows;
    const where = `WHERE ${c.feature} = $1 AND ${c.updatedAt} >= now() - $2::float8 * interval '1 second' AND ${c.value} IS NOT NULL`;
    const sql = tablesample
      ? `SELECT ${c.value}::float8 FROM ${c.table} TABLESAMPLE ${plan.tablesampleMethod.toUpperCase()} (${plan.tablesamplePercent}) ${where} LIMIT $3`
      : `SELECT ${c.value}::float8 FROM ${c.table} ${where} ORDER BY ${c.updatedAt} DESC LIMIT $3`;
    const rows = await this.#readOnly(timeoutMs, (run) => run(sql, [feature, windowSeconds, plan.maxRows + 1]));
    const capped = rows.length > plan.maxRows;
    const count = Math.min(rows.length, plan.maxRows);
    const values = new Float64Array(count);
    for (let i = 0; i < count; i++) values[i] = toNumber(rows[i]![0]);
    if (tablesample) {
      return {
        values,
        sampling: { sampled: true, method: `tablesample_${plan.tablesampleMethod}`, limit: plan.maxRows, percent: plan.tablesamplePercent },
      };
    }
    return { values, sampling: { sampled: capped, method: capped ? 'limit' : 'none', limit: plan.maxRows } };
  }

  async ensureBaselineTable(b: TableRef, timeoutMs: number): Promise<void> {
    await this.#write(
      timeoutMs,
      `CREATE TABLE IF NOT EXISTS ${quoteTable(b, '"')} (table_name text NOT NULL, feature_name text NOT NULL, ` +
        `captured_at timestamptz NOT NULL, body text NOT NULL, PRIMARY KEY (table_name, feature_name))`,
      [],
    );
  }

  async loadBaselines(b: TableRef, featureTable: string, timeoutMs: number): Promise<StoredBaselineRow[]> {
    const name = quoteTable(b, '"');
    const rows = await this.#readOnly(timeoutMs, async (run) => {
      const exists = await run('SELECT to_regclass($1) IS NOT NULL', [name]);
      if (exists[0]?.[0] !== true) return [];
      return run(`SELECT feature_name, body FROM ${name} WHERE table_name = $1`, [featureTable]);
    });
    return rows.map((row) => ({ feature: String(row[0]), body: String(row[1]) }));
  }

  async saveBaseline(b: TableRef, featureTable: string, row: StoredBaselineRow, timeoutMs: number): Promise<void> {
    await this.#write(
      timeoutMs,
      `INSERT INTO ${quoteTable(b, '"')} (table_name, feature_name, captured_at, body) VALUES ($1, $2, now(), $3) ` +
        `ON CONFLICT (table_name, feature_name) DO UPDATE SET captured_at = EXCLUDED.captured_at, body = EXCLUDED.body`,
      [featureTable, row.feature, row.body],
    );
  }

  close(): Promise<void> {
    return this.#close();
  }
}

function cols(t: FeatureTable): { table: string; feature: string; value: string; updatedAt: string } {
  return {
    table: quoteTable(t.table, '"'),
    feature: quote(t.columns.feature, '"'),
    value: quote(t.columns.value, '"'),
    updatedAt: quote(t.columns.updatedAt, '"'),
  };
}
