import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '@featurescope/core';
import { createMysqlFeatureStore } from '../src/index.js';
import { candidateVectorDialect, parseServerVersion, upsertSyntaxFor } from '../src/server/server-info.js';
import { DEFAULT_COLUMNS, buildLookupSql, buildUpsertSql, chunkBatch, quoteFeatureTable } from '../src/sql/feature-sql.js';
import { buildFeatureTableDdl } from '../src/sql/schema-sql.js';
import { buildVectorProbeSql, buildVectorSearchSql, buildVectorTableDdl, buildVectorUpsertSql, vectorText } from '../src/sql/vector-sql.js';

const features = quoteFeatureTable('features', DEFAULT_COLUMNS);
const vectors = { table: '`vectors_emb`' };

describe('server detection from SELECT VERSION()', () => {
  it.each([
    ['10.11.19-MariaDB-0+deb12u1', 'mariadb', [10, 11, 19], 'values-function', undefined],
    ['5.5.5-10.11.6-MariaDB', 'mariadb', [10, 11, 6], 'values-function', undefined],
    ['11.7.2-MariaDB', 'mariadb', [11, 7, 2], 'values-function', 'mariadb'],
    ['11.8.1-MariaDB-ubu2404', 'mariadb', [11, 8, 1], 'values-function', 'mariadb'],
    ['8.0.18', 'mysql', [8, 0, 18], 'values-function', undefined],
    ['8.0.19', 'mysql', [8, 0, 19], 'row-alias', undefined],
    ['8.4.3', 'mysql', [8, 4, 3], 'row-alias', undefined],
    ['9.1.0', 'mysql', [9, 1, 0], 'row-alias', 'mysql'],
    ['8.0.11-TiDB-v7.5.1', 'tidb', [7, 5, 1], 'values-function', undefined],
    ['8.0.11-TiDB-v8.5.0', 'tidb', [8, 5, 0], 'values-function', 'tidb'],
    ['8.0.11-TiDB-v8.4.0-serverless', 'tidb', [8, 4, 0], 'values-function', 'tidb'],
  ] as const)('%s → %s', (raw, system, [major, minor, patch], syntax, dialect) => {
    const version = parseServerVersion(raw);
    expect(version).toEqual({ system, major, minor, patch, raw });
    expect(upsertSyntaxFor(version)).toBe(syntax);
    expect(candidateVectorDialect(version)).toBe(dialect);
  });
});

describe('feature SQL', () => {
  it('upserts with VALUES() (MariaDB, TiDB) and the row alias (MySQL 8.0.19+), computing updated_at as UTC', () => {
    expect(buildUpsertSql(features, 2, 'values-function')).toBe(
      'INSERT INTO `features` (`entity_id`, `feature_name`, `value`, `updated_at`) VALUES (?, ?, ?, UTC_TIMESTAMP(6)), (?, ?, ?, UTC_TIMESTAMP(6)) ' +
        'ON DUPLICATE KEY UPDATE `value` = VALUES(`value`), `updated_at` = VALUES(`updated_at`)',
    );
    expect(buildUpsertSql(features, 1, 'row-alias')).toBe(
      'INSERT INTO `features` (`entity_id`, `feature_name`, `value`, `updated_at`) VALUES (?, ?, ?, UTC_TIMESTAMP(6)) AS incoming ' +
        'ON DUPLICATE KEY UPDATE `value` = incoming.`value`, `updated_at` = incoming.`updated_at`',
    );
  });

  it('looks up with IN lists and reads updated_at as microseconds since the epoch', () => {
    const custom = quoteFeatureTable('app.user_features', { entityId: 'user_id', feature: 'name', value: 'val', updatedAt: 'changed_at' });
    expect(buildLookupSql(custom, 3, 2)).toBe(
      "SELECT `user_id`, `name`, `val`, TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', `changed_at`) FROM `app`.`user_features` " +
        'WHERE `user_id` IN (?, ?, ?) AND `name` IN (?, ?)',
    );
  });

  it('rejects identifiers that are not plain names', () => {
    expect(() => quoteFeatureTable('features; DROP TABLE x', DEFAULT_COLUMNS)).toThrow(InvalidOptionError);
    expect(() => quoteFeatureTable('features', { ...DEFAULT_COLUMNS, value: 'va`l' })).toThrow(/columns.value/);
    expect(() => quoteFeatureTable('a.b.c', DEFAULT_COLUMNS)).toThrow(InvalidOptionError);
    expect(() => quoteFeatureTable('x'.repeat(64), DEFAULT_COLUMNS)).toThrow(InvalidOptionError);
  });

  it('chunks by row count and by estimated bytes; an oversized item gets its own chunk', () => {
    expect(chunkBatch(7, 3, 1e9, () => 1)).toEqual([
      { start: 0, end: 3 },
      { start: 3, end: 6 },
      { start: 6, end: 7 },
    ]);
    expect(chunkBatch(5, 100, 250, () => 100)).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 4 },
      { start: 4, end: 5 },
    ]);
    expect(chunkBatch(3, 100, 250, (i) => (i === 1 ? 1000 : 10))).toEqual([
      { start: 0, end: 1 },
      { start: 1, end: 2 },
      { start: 2, end: 3 },
    ]);
    expect(chunkBatch(0, 10, 10, () => 1)).toEqual([]);
  });
});

describe('DDL', () => {
  it('MySQL/MariaDB: InnoDB, composite primary key, DOUBLE NULL, DATETIME(6) maintained on update, freshness index', () => {
    expect(buildFeatureTableDdl(features, 'mysql')).toBe(
      [
        'CREATE TABLE IF NOT EXISTS `features` (',
        '  `entity_id` VARCHAR(255) NOT NULL,',
        '  `feature_name` VARCHAR(255) NOT NULL,',
        '  `value` DOUBLE NULL,',
        '  `updated_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),',
        '  PRIMARY KEY (`entity_id`, `feature_name`),',
        '  KEY `ix_features_feature_updated` (`feature_name`, `updated_at` DESC)',
        ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin',
      ].join('\n'),
    );
  });

  it('TiDB: the composite primary key is CLUSTERED and there is no AUTO_RANDOM column', () => {
    const ddl = buildFeatureTableDdl(features, 'tidb');
    expect(ddl).toContain('PRIMARY KEY (`entity_id`, `feature_name`) CLUSTERED,');
    expect(ddl).not.toMatch(/AUTO_RANDOM|ENGINE=/);
    expect(ddl).toMatch(/\) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin$/);
  });
});

describe('vector SQL per server (not run: no TiDB, MySQL 9 or MariaDB 11.7 server here)', () => {
  it('TiDB: VECTOR(n), VEC_FROM_TEXT, VEC_COSINE_DISTANCE', () => {
    expect(buildVectorTableDdl(vectors, 4, 'tidb')).toContain('`embedding` VECTOR(4) NOT NULL,');
    expect(buildVectorTableDdl(vectors, 4, 'tidb')).not.toContain('VECTOR INDEX');
    expect(buildVectorUpsertSql(vectors, 2, 'tidb', 'values-function')).toBe(
      'INSERT INTO `vectors_emb` (`id`, `embedding`, `metadata`, `updated_at`) VALUES (?, VEC_FROM_TEXT(?), ?, UTC_TIMESTAMP(6)), (?, VEC_FROM_TEXT(?), ?, UTC_TIMESTAMP(6)) ' +
        'ON DUPLICATE KEY UPDATE `embedding` = VALUES(`embedding`), `metadata` = VALUES(`metadata`), `updated_at` = VALUES(`updated_at`)',
    );
    expect(buildVectorSearchSql(vectors, 'tidb')).toBe(
      'SELECT `id`, `metadata`, VEC_COSINE_DISTANCE(`embedding`, VEC_FROM_TEXT(?)) AS distance FROM `vectors_emb` ORDER BY distance, `id` LIMIT ?',
    );
    expect(buildVectorProbeSql('tidb')).toBe("SELECT VEC_COSINE_DISTANCE(VEC_FROM_TEXT('[1,0]'), VEC_FROM_TEXT('[0,1]'))");
  });

  it("MySQL 9: VECTOR(n), STRING_TO_VECTOR, DISTANCE(…, 'COSINE'), row-alias upsert", () => {
    expect(buildVectorTableDdl(vectors, 768, 'mysql')).toContain('`embedding` VECTOR(768) NOT NULL,');
    expect(buildVectorUpsertSql(vectors, 1, 'mysql', 'row-alias')).toBe(
      'INSERT INTO `vectors_emb` (`id`, `embedding`, `metadata`, `updated_at`) VALUES (?, STRING_TO_VECTOR(?), ?, UTC_TIMESTAMP(6)) AS incoming ' +
        'ON DUPLICATE KEY UPDATE `embedding` = incoming.`embedding`, `metadata` = incoming.`metadata`, `updated_at` = incoming.`updated_at`',
    );
    expect(buildVectorSearchSql(vectors, 'mysql')).toBe(
      "SELECT `id`, `metadata`, DISTANCE(`embedding`, STRING_TO_VECTOR(?), 'COSINE') AS distance FROM `vectors_emb` ORDER BY distance, `id` LIMIT ?",
    );
    expect(buildVectorProbeSql('mysql')).toContain("DISTANCE(STRING_TO_VECTOR('[1,0]'), STRING_TO_VECTOR('[0,1]'), 'COSINE')");
  });

  it('MariaDB 11.7+: VECTOR(n) NOT NULL with a cosine VECTOR INDEX, VEC_FromText, VEC_DISTANCE_COSINE', () => {
    const ddl = buildVectorTableDdl(vectors, 3, 'mariadb');
    expect(ddl).toContain('`embedding` VECTOR(3) NOT NULL,');
    expect(ddl).toContain('PRIMARY KEY (`id`),\n  VECTOR INDEX (`embedding`) DISTANCE=cosine\n)');
    expect(buildVectorUpsertSql(vectors, 1, 'mariadb', 'values-function')).toContain('VALUES (?, VEC_FromText(?), ?, UTC_TIMESTAMP(6))');
    // A bare ORDER BY <distance> LIMIT n, the only shape MariaDB's HNSW index serves.
    expect(buildVectorSearchSql(vectors, 'mariadb')).toBe(
      'SELECT `id`, `metadata`, VEC_DISTANCE_COSINE(`embedding`, VEC_FromText(?)) AS distance FROM `vectors_emb` ORDER BY distance LIMIT ?',
    );
  });

  it('formats vectors as the text every dialect parses, rounded to float32', () => {
    expect(vectorText([1, 0, -0.5])).toBe('[1,0,-0.5]');
    expect(vectorText(new Float32Array([0.1]))).toBe(`[${Math.fround(0.1)}]`);
    expect(vectorText([0.1])).toBe(`[${Math.fround(0.1)}]`);
  });
});

describe('option validation (fails before connecting)', () => {
  const url = 'mysql://root@127.0.0.1:1/none';
  it.each([
    [{}, /exactly one of `url` and `client`/],
    [{ url: 'postgres://x' }, /mysql:\/\/ URL/],
    [{ url, table: 'bad name' }, /table/],
    [{ url, columns: { entityId: '1user' } }, /columns.entityId/],
    [{ url, groupTables: { g: 'x;y' } }, /table/],
    [{ url, upsertChunkSize: 0 }, /upsertChunkSize/],
    [{ url, lookupChunkSize: 1.5 }, /lookupChunkSize/],
    [{ url, queueLimit: -1 }, /queueLimit/],
    [{ url, poolSize: 0 }, /poolSize/],
    [{ url, vectorTablePrefix: 'bad-' }, /vectorTablePrefix/],
    [{ url, retry: { maxAttempts: 0 } }, /retry.maxAttempts/],
    [{ url, retry: { baseDelayMs: 100, maxDelayMs: 10 } }, /retry.maxDelayMs/],
    [{ url, retry: { baseDelayMs: Number.NaN } }, /retry.baseDelayMs/],
    [{ url, collections: [{ name: 'c', dimension: 0 }] }, /dimension/],
    [{ url, collections: [{ name: 'c'.repeat(60), dimension: 3 }] }, /vectorTablePrefix \+ collection/],
  ])('rejects %j', async (options, message) => {
    await expect(createMysqlFeatureStore(options as never)).rejects.toThrow(message);
  });
});
