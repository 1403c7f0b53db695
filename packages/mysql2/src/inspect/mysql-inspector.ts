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
import { buildDriftBinsSql, driftBinsParams } from '../drift/drift-bins-sql.js';

/**
 * The subset of a `mysql2/promise` Pool the inspector uses (declared locally: mysql2 is loaded
 * only when {@link openMysqlInspector} opens a URL).
 */
export interface MysqlInspectorPool {
  query(options: { sql: string; rowsAsArray?: boolean; timeout?: number }, values?: unknown): Promise<[unknown, unknown]>;
  end(): Promise<void>;
}

/** Options of {@link mysqlStoreInspector}. */
export interface MysqlStoreInspectorOptions {
  /** Ends the pool on `close()`; set when the inspector created the pool itself. @default false */
  readonly ownsPool?: boolean;
  /** Shown in logs instead of the URL (which may hold a password). @default 'mysql' */
  readonly description?: string;
}

// Features per freshness / aggregate statement: short statements, few round trips.
const FEATURES_PER_STATEMENT = 50;
// DATETIME(6) holds UTC (the mysql2 store writes UTC_TIMESTAMP(6)): read it as microseconds
// since the epoch so neither the session time zone nor the pool's options can shift it.
const EPOCH = "'1970-01-01 00:00:00'";
const NOW = 'UTC_TIMESTAMP(6)';
// Client-side backstop when the server ignores the statement timeout (e.g. during a network stall).
const CLIENT_TIMEOUT_GRACE_MS = 5000;

/**
 * A {@link StoreInspector} over MySQL, MariaDB or TiDB (detected from `VERSION()`). Timeouts:
 * MariaDB `SET STATEMENT max_statement_time=… FOR`, MySQL and TiDB the `MAX_EXECUTION_TIME(ms)`
 * optimizer hint. Distribution queries read the newest `maxRows` values of the window (`LIMIT`).
 */
export function mysqlStoreInspector(pool: MysqlInspectorPool, options: MysqlStoreInspectorOptions = {}): StoreInspector {
  return new MysqlStoreInspector(pool, options);
}

class MysqlStoreInspector implements StoreInspector {
  system: InspectedSystem = 'mysql';
  readonly description: string;
  #prepared = false;
  readonly #pool: MysqlInspectorPool;
  readonly #ownsPool: boolean;

  constructor(pool: MysqlInspectorPool, options: MysqlStoreInspectorOptions) {
    this.#pool = pool;
    this.#ownsPool = options.ownsPool ?? false;
    this.description = options.description ?? 'mysql';
  }

  async prepare(timeoutMs: number): Promise<void> {
    if (this.#prepared) return;
    const rows = await this.#select('SELECT VERSION()', [], timeoutMs);
    const first = rows[0]?.[0];
    const version = typeof first === 'string' ? first : '';
    this.system = /tidb/i.test(version) ? 'tidb' : /mariadb/i.test(version) ? 'mariadb' : 'mysql';
    this.#prepared = true;
  }

  async discoverFeatures(t: FeatureTable, limit: number, timeoutMs: number): Promise<string[]> {
    // A skip scan: one index seek per name. The stores' (feature, updated_at DESC) index gets no
    // loose index scan for DISTINCT on MariaDB, which would read the whole index instead.
    const c = cols(t);
    const first = `SELECT ${c.feature} FROM ${c.table} ORDER BY ${c.feature} LIMIT 1`;
    const next = `SELECT ${c.feature} FROM ${c.table} WHERE ${c.feature} > ? ORDER BY ${c.feature} LIMIT 1`;
    const names: string[] = [];
    let rows = await this.#select(first, [], timeoutMs);
    while (rows.length > 0 && names.length < limit) {
      const name = String(rows[0]![0]);
      names.push(name);
      rows = await this.#select(next, [name], timeoutMs);
    }
    return names;
  }

  async freshness(t: FeatureTable, features: readonly string[], volumeWindowSeconds: number, timeoutMs: number): Promise<FreshnessRow[]> {
    const out: FreshnessRow[] = [];
    for (const chunk of chunks(features, FEATURES_PER_STATEMENT)) {
      const sql = mysqlFreshnessSql(t, chunk.length);
      const params = chunk.flatMap((f) => [f, f, f, Math.round(volumeWindowSeconds * 1e6)]);
      for (const row of await this.#select(sql, params, timeoutMs)) {
        const lastWrite = toOptionalNumber(row[1]);
        out.push({
          feature: String(row[0]),
          lastWriteTime: lastWrite === undefined ? undefined : lastWrite / 1e6,
          updatedRows: toNumber(row[2]),
          databaseTime: toNumber(row[3]) / 1e6,
        });
      }
    }
    return out;
  }

  async windowAggregates(
    t: FeatureTable,
    features: readonly string[],
    windowSeconds: number,
    timeoutMs: number,
  ): Promise<Map<string, WindowAggregates>> {
    const c = cols(t);
    const out = new Map<string, WindowAggregates>();
    for (const chunk of chunks(features, FEATURES_PER_STATEMENT)) {
      const sql =
        `SELECT ${c.feature}, COUNT(*), COUNT(${c.value}), AVG(${c.value}), STDDEV_POP(${c.value}), MIN(${c.value}), MAX(${c.value}) ` +
        `FROM ${c.table} WHERE ${c.feature} IN (${chunk.map(() => '?').join(', ')}) AND ${c.updatedAt} >= ${NOW} - INTERVAL ? MICROSECOND ` +
        `GROUP BY ${c.feature}`;
      for (const row of await this.#select(sql, [...chunk, Math.round(windowSeconds * 1e6)], timeoutMs)) {
        out.set(String(row[0]), windowAggregatesFromRow(row));
      }
    }
    return out;
  }

  async driftBins(t: FeatureTable, feature: string, edges: ArrayLike<number>, windowSeconds: number, timeoutMs: number): Promise<DriftBinRow[]> {
    const sql = buildDriftBinsSql(t.table.display, t.columns, edges.length);
    const rows = await this.#select(sql, driftBinsParams(feature, windowSeconds, edges), timeoutMs);
    return rows.map((row) => [toNumber(row[0]), toNumber(row[1])] as const);
  }

  beginCycle(): Promise<void> {
    return Promise.resolve();
  }

  async windowSample(t: FeatureTable, feature: string, windowSeconds: number, plan: SamplingPlan, timeoutMs: number): Promise<WindowSample> {
    const c = cols(t);
    const tiflash = plan.tiflash && this.system === 'tidb';
    // One row more than the cap tells whether the window was cut.
    const sql =
      `SELECT ${c.value} FROM ${c.table} t WHERE ${c.feature} = ? AND ${c.updatedAt} >= ${NOW} - INTERVAL ? MICROSECOND ` +
      `AND ${c.value} IS NOT NULL ORDER BY ${c.updatedAt} DESC LIMIT ?`;
    const rows = await this.#select(sql, [feature, Math.round(windowSeconds * 1e6), plan.maxRows + 1], timeoutMs, tiflash ? 'READ_FROM_STORAGE(TIFLASH[t])' : undefined);
    const sampled = rows.length > plan.maxRows;
    const count = Math.min(rows.length, plan.maxRows);
    const values = new Float64Array(count);
    for (let i = 0; i < count; i++) values[i] = toNumber(rows[i]![0]);
    return {
      values,
      sampling: { sampled, method: sampled ? 'limit' : 'none', limit: plan.maxRows, ...(tiflash ? { storage: 'tiflash' as const } : {}) },
    };
  }

  async ensureBaselineTable(b: TableRef, timeoutMs: number): Promise<void> {
    await this.#execute(
      `CREATE TABLE IF NOT EXISTS ${quoteTable(b, '`')} (table_name VARCHAR(255) NOT NULL, feature_name VARCHAR(255) NOT NULL, ` +
        `captured_at DATETIME(6) NOT NULL, body LONGTEXT NOT NULL, PRIMARY KEY (table_name, feature_name))`,
      [],
      timeoutMs,
    );
  }

  async loadBaselines(b: TableRef, featureTable: string, timeoutMs: number): Promise<StoredBaselineRow[]> {
    try {
      const rows = await this.#select(`SELECT feature_name, body FROM ${quoteTable(b, '`')} WHERE table_name = ?`, [featureTable], timeoutMs);
      return rows.map((row) => ({ feature: String(row[0]), body: String(row[1]) }));
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ER_NO_SUCH_TABLE') return [];
      throw error;
    }
  }

  async saveBaseline(b: TableRef, featureTable: string, row: StoredBaselineRow, timeoutMs: number): Promise<void> {
    await this.#execute(
      `INSERT INTO ${quoteTable(b, '`')} (table_name, feature_name, captured_at, body) VALUES (?, ?, UTC_TIMESTAMP(6), ?) ` +
        `ON DUPLICATE KEY UPDATE captured_at = VALUES(captured_at), body = VALUES(body)`,
      [featureTable, row.feature, row.body],
      timeoutMs,
    );
  }

  async close(): Promise<void> {
    if (this.#ownsPool) await this.#pool.end();
  }

  /** A read-only SELECT under the server-side statement timeout of this flavour. */
  async #select(select: string, params: unknown[], timeoutMs: number, extraHint?: string): Promise<unknown[][]> {
    const ms = Math.max(1, Math.round(timeoutMs));
    let sql: string;
    if (this.system === 'mariadb') {
      sql = `SET STATEMENT max_statement_time=${(ms / 1000).toFixed(3)} FOR ${withHint(select, extraHint)}`;
    } else if (this.#prepared) {
      sql = withHint(select, [`MAX_EXECUTION_TIME(${ms})`, extraHint].filter(Boolean).join(' '));
    } else {
      sql = select; // VERSION() before the flavour is known: the client-side timeout bounds it.
    }
    const [rows] = await this.#pool.query({ sql, rowsAsArray: true, timeout: ms + CLIENT_TIMEOUT_GRACE_MS }, params);
    return rows as unknown[][];
  }

  async #execute(sql: string, params: unknown[], timeoutMs: number): Promise<void> {
    await this.#pool.query({ sql, timeout: Math.round(timeoutMs) + CLIENT_TIMEOUT_GRACE_MS }, params);
  }
}

/**
 * Freshness and volume of `count` features in one statement: per feature a UNION ALL branch of two
 * index seeks on (feature, updated_at), the newest row and a range count. Parameters per branch:
 * feature, feature, feature, volume window in µs.
 */
export function mysqlFreshnessSql(t: FeatureTable, count: number): string {
  const c = cols(t);
  const branch =
    `SELECT ?, TIMESTAMPDIFF(MICROSECOND, ${EPOCH}, (SELECT ${c.updatedAt} FROM ${c.table} WHERE ${c.feature} = ? ORDER BY ${c.updatedAt} DESC LIMIT 1)), ` +
    `(SELECT COUNT(*) FROM ${c.table} WHERE ${c.feature} = ? AND ${c.updatedAt} >= ${NOW} - INTERVAL ? MICROSECOND), ` +
    `TIMESTAMPDIFF(MICROSECOND, ${EPOCH}, ${NOW})`;
  return Array.from({ length: count }, () => branch).join(' UNION ALL ');
}

/** Puts an optimizer hint right after the statement's first SELECT (where MySQL and TiDB read it). */
function withHint(select: string, hint: string | undefined): string {
  return hint === undefined || hint === '' ? select : select.replace(/^SELECT /, `SELECT /*+ ${hint} */ `);
}

function cols(t: FeatureTable): { table: string; feature: string; value: string; updatedAt: string } {
  return {
    table: quoteTable(t.table, '`'),
    feature: quote(t.columns.feature, '`'),
    value: quote(t.columns.value, '`'),
    updatedAt: quote(t.columns.updatedAt, '`'),
  };
}

function* chunks<T>(items: readonly T[], size: number): Iterable<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
