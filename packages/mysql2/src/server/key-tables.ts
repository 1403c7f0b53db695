import type { MysqlPoolConnection } from '../driver-types.js';
import type { ResolvedStoreOptions } from '../resolve-options.js';
import type { QuotedFeatureTable } from '../sql/feature-sql.js';
import { hasExactKeys } from './key-collation.js';

/** `\`schema\`.\`table\`` → `schema.table` (names are validated, so backticks occur only as quotes). */
export const unquote = (quoted: string): string => quoted.replace(/`/g, '');

/** Every distinct feature table of the options, the default first. */
export function featureTablesOf(options: ResolvedStoreOptions): QuotedFeatureTable[] {
  const tables = new Map<string, QuotedFeatureTable>([[options.defaultTable.table, options.defaultTable]]);
  for (const table of options.groupTables.values()) tables.set(table.table, table);
  return [...tables.values()];
}

/**
 * Reads the key columns' collations of each table and records in `exact` those that compare keys
 * exactly. Returns a note per existing table that does not (created before, or by someone else).
 */
export async function verifyKeyTables(connection: MysqlPoolConnection, tables: readonly QuotedFeatureTable[], exact: Set<string>): Promise<string[]> {
  const notes: string[] = [];
  for (const table of tables) {
    const verdict = await hasExactKeys(connection, unquote(table.table), [unquote(table.entityId), unquote(table.feature)]);
    if (verdict === true) exact.add(table.table);
    else exact.delete(table.table);
    if (verdict === false) {
      notes.push(`${unquote(table.table)}: key columns compare with PAD SPACE, so keys ending in a space are refused; ALTER them to a NO PAD binary collation (utf8mb4_0900_bin / utf8mb4_nopad_bin) to accept them`);
    }
  }
  return notes;
}
