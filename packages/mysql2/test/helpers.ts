import { requireService } from '@featurescope/test-utils';
import type { Pool } from 'mysql2/promise';

/** MariaDB's URL after checking it answers; fails with how-to-start instructions otherwise. */
export function mysqlUrl(): Promise<string> {
  return requireService('mysql');
}

let sequence = 0;
/** A table name private to one test file and run (several packages share the test database). */
export function uniqueTable(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${(sequence++).toString(36)}`;
}

/** A plain mysql2 pool for test set-up, checks and KILLs. Imported lazily so instrumentation can load first. */
export async function adminPool(url: string, connectionLimit = 2): Promise<Pool> {
  const mysql = await import('mysql2/promise');
  return mysql.createPool({ uri: url, connectionLimit, timezone: 'Z' });
}

export async function dropTables(pool: Pool, tables: readonly string[]): Promise<void> {
  for (const table of tables) await pool.query(`DROP TABLE IF EXISTS \`${table}\``);
}

/**
 * Narrows a feature table's entity column, like an existing table wrapped by the store: ids within
 * featurescope's 255-character limit can still be too long for it (ER_DATA_TOO_LONG from the server).
 */
export async function narrowEntityColumn(pool: Pool, table: string, width: number): Promise<void> {
  await pool.query(`ALTER TABLE \`${table}\` MODIFY entity_id VARCHAR(${width}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL`);
}
