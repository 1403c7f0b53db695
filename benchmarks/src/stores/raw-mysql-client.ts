import { DEFAULT_FEATURE_COLUMNS, type FeatureStore, type LookupRequest, type LookupResult, type UpsertRequest, type UpsertResult } from '@featurescope/core';

interface RawPool {
  query(options: { sql: string; rowsAsArray?: boolean } | string, values?: unknown[]): Promise<[unknown, unknown]>;
  end(): Promise<void>;
}

const EMPTY_RESULT: LookupResult = Object.freeze({ values: new Map() });
const c = DEFAULT_FEATURE_COLUMNS;
const placeholders = (n: number): string => '?' + ', ?'.repeat(n - 1);

/**
 * The baseline users compare against: what an application would write with `mysql2` directly —
 * the same statements the featurescope store sends (same table, same bound parameters), one
 * `pool.query` per call, rows handed back unconverted. Upserts are one multi-row
 * `INSERT … ON DUPLICATE KEY UPDATE` (atomic on its own), with no explicit transaction.
 * It implements the FeatureStore shape only so the load runner can drive it; vectors are not supported.
 * Import it only after the driver instrumentations registered their require hooks.
 */
export class RawMysqlClient implements FeatureStore {
  readonly system = 'mariadb';
  readonly #pool: RawPool;
  readonly #table: string;
  readonly #sql = new Map<string, string>();

  private constructor(pool: RawPool, table: string) {
    this.#pool = pool;
    this.#table = table;
  }

  static async open(url: string, table: string, poolSize: number): Promise<RawMysqlClient> {
    const mysql = (await import('mysql2/promise')) as unknown as { createPool(options: object): RawPool };
    const pool = mysql.createPool({ uri: url, connectionLimit: poolSize });
    const client = new RawMysqlClient(pool, table);
    await pool.query('SELECT 1');
    return client;
  }

  #cached(key: string, build: () => string): string {
    let sql = this.#sql.get(key);
    if (sql === undefined) this.#sql.set(key, (sql = build()));
    return sql;
  }

  async lookup(request: LookupRequest): Promise<LookupResult> {
    await this.lookupRows(request);
    return EMPTY_RESULT;
  }

  /** The lookup's rows as mysql2 returns them: [entity, feature, value, µs since the epoch]. */
  async lookupRows(request: LookupRequest): Promise<unknown[][]> {
    const { entityIds, features } = request;
    const sql = this.#cached(`l${entityIds.length}:${features.length}`, () =>
      `SELECT \`${c.entityId}\`, \`${c.feature}\`, \`${c.value}\`, TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', \`${c.updatedAt}\`) ` +
      `FROM \`${this.#table}\` WHERE \`${c.entityId}\` IN (${placeholders(entityIds.length)}) AND \`${c.feature}\` IN (${placeholders(features.length)})`,
    );
    const [rows] = await this.#pool.query({ sql, rowsAsArray: true }, [...entityIds, ...features]);
    return rows as unknown[][];
  }

  async upsert(request: UpsertRequest): Promise<UpsertResult> {
    const rows = request.rows;
    const sql = this.#cached(`u${rows.length}`, () => {
      const tuple = '(?, ?, ?, UTC_TIMESTAMP(6))';
      return (
        `INSERT INTO \`${this.#table}\` (\`${c.entityId}\`, \`${c.feature}\`, \`${c.value}\`, \`${c.updatedAt}\`) VALUES ${tuple}${`, ${tuple}`.repeat(rows.length - 1)} ` +
        `ON DUPLICATE KEY UPDATE \`${c.value}\` = VALUES(\`${c.value}\`), \`${c.updatedAt}\` = VALUES(\`${c.updatedAt}\`)`
      );
    });
    const values: unknown[] = new Array<unknown>(rows.length * 3);
    for (let i = 0, j = 0; i < rows.length; i++) {
      const row = rows[i]!;
      values[j++] = row.entityId;
      values[j++] = row.feature;
      values[j++] = row.value;
    }
    await this.#pool.query(sql, values);
    return { written: rows.length };
  }

  upsertVectors(): never {
    throw new Error('RawMysqlClient: no vectors');
  }

  searchVectors(): never {
    throw new Error('RawMysqlClient: no vectors');
  }

  close(): Promise<void> {
    return this.#pool.end();
  }
}
