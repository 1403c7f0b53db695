import type { UpsertSyntax, VectorDialect } from '../server/server-info.js';

/** A vector table's quoted identifiers. Columns are fixed: `id`, `embedding`, `metadata`, `updated_at`. */
export interface QuotedVectorTable {
  readonly table: string;
}

/** The function that turns the `'[1,2,3]'` text parameter into a vector, per dialect. */
function fromText(dialect: VectorDialect): string {
  switch (dialect) {
    case 'tidb':
      return 'VEC_FROM_TEXT(?)';
    case 'mysql':
      return 'STRING_TO_VECTOR(?)';
    case 'mariadb':
      return 'VEC_FromText(?)';
  }
}

/** Cosine distance (1 − cosine similarity) between the stored column and the query parameter. */
function cosineDistance(dialect: VectorDialect): string {
  switch (dialect) {
    case 'tidb':
      return 'VEC_COSINE_DISTANCE(`embedding`, VEC_FROM_TEXT(?))';
    case 'mysql':
      return "DISTANCE(`embedding`, STRING_TO_VECTOR(?), 'COSINE')";
    case 'mariadb':
      return 'VEC_DISTANCE_COSINE(`embedding`, VEC_FromText(?))';
  }
}

/**
 * DDL of a vector collection's table. MariaDB gets an HNSW `VECTOR INDEX … DISTANCE=cosine` (its
 * column must be NOT NULL). TiDB's vector index needs a TiFlash replica and MySQL Community has
 * none, so both scan; add the index yourself where your deployment has it.
 */
export function buildVectorTableDdl(t: QuotedVectorTable, dimension: number, dialect: VectorDialect, keyCollation = 'utf8mb4_bin'): string {
  const index = dialect === 'mariadb' ? ',\n  VECTOR INDEX (`embedding`) DISTANCE=cosine' : '';
  return [
    `CREATE TABLE IF NOT EXISTS ${t.table} (`,
    '  `id` VARCHAR(255) NOT NULL,',
    `  \`embedding\` VECTOR(${dimension}) NOT NULL,`,
    '  `metadata` JSON NULL,',
    '  `updated_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),',
    `  PRIMARY KEY (\`id\`)${index}`,
    `) DEFAULT CHARSET=utf8mb4 COLLATE=${keyCollation}`,
  ].join('\n');
}

/** Multi-row vector upsert; parameters per record: id, vector text, metadata JSON (or NULL). */
export function buildVectorUpsertSql(t: QuotedVectorTable, recordCount: number, dialect: VectorDialect, syntax: UpsertSyntax): string {
  const tuple = `(?, ${fromText(dialect)}, ?, UTC_TIMESTAMP(6))`;
  const head = `INSERT INTO ${t.table} (\`id\`, \`embedding\`, \`metadata\`, \`updated_at\`) VALUES ${tuple}${`, ${tuple}`.repeat(recordCount - 1)}`;
  if (syntax === 'row-alias') {
    return `${head} AS incoming ON DUPLICATE KEY UPDATE \`embedding\` = incoming.\`embedding\`, \`metadata\` = incoming.\`metadata\`, \`updated_at\` = incoming.\`updated_at\``;
  }
  return `${head} ON DUPLICATE KEY UPDATE \`embedding\` = VALUES(\`embedding\`), \`metadata\` = VALUES(\`metadata\`), \`updated_at\` = VALUES(\`updated_at\`)`;
}

/**
 * Nearest neighbours by cosine distance; parameters: query vector text, limit. Ties break by id,
 * except on MariaDB, whose HNSW index is only used for a bare `ORDER BY <distance> LIMIT n`.
 */
export function buildVectorSearchSql(t: QuotedVectorTable, dialect: VectorDialect): string {
  const order = dialect === 'mariadb' ? 'distance' : 'distance, `id`';
  return `SELECT \`id\`, \`metadata\`, ${cosineDistance(dialect)} AS distance FROM ${t.table} ORDER BY ${order} LIMIT ?`;
}

/** One round trip that fails unless the server has the dialect's vector functions. */
export function buildVectorProbeSql(dialect: VectorDialect): string {
  switch (dialect) {
    case 'tidb':
      return "SELECT VEC_COSINE_DISTANCE(VEC_FROM_TEXT('[1,0]'), VEC_FROM_TEXT('[0,1]'))";
    case 'mysql':
      return "SELECT DISTANCE(STRING_TO_VECTOR('[1,0]'), STRING_TO_VECTOR('[0,1]'), 'COSINE')";
    case 'mariadb':
      return "SELECT VEC_DISTANCE_COSINE(VEC_FromText('[1,0]'), VEC_FromText('[0,1]'))";
  }
}

/** The vector as the `'[x,y,…]'` text every dialect parses, components rounded to float32 as stored. */
export function vectorText(vector: readonly number[] | Float32Array): string {
  let text = '[';
  for (let i = 0; i < vector.length; i++) text += (i === 0 ? '' : ',') + String(Math.fround(vector[i]!));
  return text + ']';
}
