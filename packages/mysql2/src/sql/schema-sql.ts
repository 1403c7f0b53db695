import type { QuotedFeatureTable } from './feature-sql.js';

/** Which DDL to write: InnoDB (MySQL/MariaDB) or TiDB (clustered composite primary key). */
export type SchemaFlavor = 'mysql' | 'tidb';

/** Longest entity id / feature name the default table accepts (characters, utf8mb4). */
export const ENTITY_ID_MAX_LENGTH = 255;
export const FEATURE_NAME_MAX_LENGTH = 255;

/**
 * `CREATE TABLE IF NOT EXISTS` for a feature table. Both key columns are VARCHAR(255) utf8mb4 with a
 * binary collation, NO PAD where the server has one (`keyCollation`, see server/key-collation.ts): ids are
 * case-, accent- and trailing-space-sensitive: 2 × 255 × 4 = 2040 bytes of key, inside
 * InnoDB's and TiDB's 3072-byte limit. `(feature_name, updated_at DESC)` serves freshness scans.
 *
 * TiDB: the composite primary key is CLUSTERED (rows stored in key order, no hidden row id). TiDB's
 * `AUTO_RANDOM` column cannot be added beside it: AUTO_RANDOM is only allowed on a clustered
 * BIGINT primary key, and this table's primary key is (entity_id, feature_name).
 */
export function buildFeatureTableDdl(t: QuotedFeatureTable, flavor: SchemaFlavor, keyCollation = 'utf8mb4_bin'): string {
  const indexName = '`' + `ix_${t.table.replace(/[`.]/g, '').slice(0, 40)}_feature_updated` + '`';
  return [
    `CREATE TABLE IF NOT EXISTS ${t.table} (`,
    `  ${t.entityId} VARCHAR(${ENTITY_ID_MAX_LENGTH}) NOT NULL,`,
    `  ${t.feature} VARCHAR(${FEATURE_NAME_MAX_LENGTH}) NOT NULL,`,
    `  ${t.value} DOUBLE NULL,`,
    `  ${t.updatedAt} DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),`,
    `  PRIMARY KEY (${t.entityId}, ${t.feature})${flavor === 'tidb' ? ' CLUSTERED' : ''},`,
    `  KEY ${indexName} (${t.feature}, ${t.updatedAt} DESC)`,
    `) ${flavor === 'tidb' ? '' : 'ENGINE=InnoDB '}DEFAULT CHARSET=utf8mb4 COLLATE=${keyCollation}`,
  ].join('\n');
}
