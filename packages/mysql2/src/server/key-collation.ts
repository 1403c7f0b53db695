import { InvalidInputError, MAX_REPORTED_PROBLEMS, type InputProblem } from '@featurescope/core';
import type { MysqlPoolConnection } from '../driver-types.js';

/**
 * Exact key comparison on the MySQL family. `utf8mb4_bin` is PAD SPACE: `'u1'` and `'u1 '` are one
 * key, so two entities would share a row. NO PAD binary collations compare byte for byte:
 * `utf8mb4_0900_bin` (MySQL 8+, TiDB 7.4+) and `utf8mb4_nopad_bin` (MariaDB 10.2+). Each server is
 * probed for the first that exists and really is NO PAD.
 */
export const EXACT_KEY_COLLATIONS: readonly string[] = ['utf8mb4_0900_bin', 'utf8mb4_nopad_bin'];
/** Used only when the server has no NO PAD binary collation; keys ending in a space are then refused. */
export const FALLBACK_KEY_COLLATION = 'utf8mb4_bin';

/** The server's exact key collation, or undefined when it has none. Never throws on an unknown collation. */
export async function probeExactCollation(connection: MysqlPoolConnection, isConnectionError: (error: unknown) => boolean): Promise<string | undefined> {
  for (const collation of EXACT_KEY_COLLATIONS) {
    try {
      const [rows] = await connection.query({ sql: `SELECT _utf8mb4'u1' COLLATE ${collation} = _utf8mb4'u1 ' COLLATE ${collation}`, rowsAsArray: true });
      if (Number((rows as unknown[][])[0]?.[0]) === 0) return collation;
    } catch (error) {
      if (isConnectionError(error)) throw error;
      // Unknown collation on this server: try the next.
    }
  }
  return undefined;
}

/** Collations of a table's key columns: exact when every one is NO PAD binary. */
export async function hasExactKeys(connection: MysqlPoolConnection, table: string, columns: readonly string[]): Promise<boolean | undefined> {
  const [schema, name] = table.includes('.') ? table.split('.') : [undefined, table];
  const [rows] = await connection.query(
    { sql: 'SELECT COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND COLUMN_NAME IN (?, ?)', rowsAsArray: true },
    [schema ?? null, name, ...columns],
  );
  const collations = (rows as unknown[][]).map((row) => String(row[0]));
  if (collations.length === 0) return undefined;
  return collations.every((collation) => EXACT_KEY_COLLATIONS.includes(collation));
}

const PADDED = 'must not end with a space: this table compares keys with PAD SPACE (utf8mb4_bin), which would merge it with the same key without the space';

/**
 * For a table whose keys are PAD SPACE: refuses keys ending in a space, which the server would
 * merge with the key without it. Names the rows, never the values.
 */
export function refusePaddedUpsertKeys(rows: ReadonlyArray<{ readonly entityId: string; readonly feature: string }>): void {
  const problems: InputProblem[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.entityId.endsWith(' ')) problems.push({ code: 'INVALID_ENTITY_ID', index: i, field: `rows[${i}].entityId`, message: PADDED });
    if (row.feature.endsWith(' ')) problems.push({ code: 'INVALID_FEATURE_NAME', index: i, field: `rows[${i}].feature`, message: PADDED });
  }
  if (problems.length > 0) throw new InvalidInputError(problems.slice(0, MAX_REPORTED_PROBLEMS), problems.length);
}

/** The lookup counterpart of {@link refusePaddedUpsertKeys}. */
export function refusePaddedLookupKeys(entityIds: readonly string[], features: readonly string[]): void {
  const problems: InputProblem[] = [];
  entityIds.forEach((id, i) => id.endsWith(' ') && problems.push({ code: 'INVALID_ENTITY_ID', index: i, field: `entityIds[${i}]`, message: PADDED }));
  features.forEach((name, i) => name.endsWith(' ') && problems.push({ code: 'INVALID_FEATURE_NAME', index: i, field: `features[${i}]`, message: PADDED }));
  if (problems.length > 0) throw new InvalidInputError(problems.slice(0, MAX_REPORTED_PROBLEMS), problems.length);
}
