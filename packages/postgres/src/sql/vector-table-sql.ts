import { indexName, quoteIdentifier } from './identifiers.js';

/** pgvector's HNSW index accepts `vector` columns of at most this many dimensions. */
export const MAX_HNSW_DIMENSION = 2000;

/** Every SQL text one vector collection needs, built once at construction. */
export class VectorTableSql {
  /** `INSERT … SELECT FROM unnest($1 ids, $2 vector texts, $3 metadata texts) ON CONFLICT (id) DO UPDATE`. */
  readonly upsert: string;
  /** `SELECT id, 1 - cosine distance, metadata … ORDER BY distance LIMIT $2` (uses the HNSW index). */
  readonly search: string;
  readonly createTable: string;
  /** `undefined` when the dimension is too large for HNSW (searches then scan exactly). */
  readonly createIndex: string | undefined;

  constructor(
    readonly tableName: string,
    readonly dimension: number,
  ) {
    const t = quoteIdentifier(tableName);
    this.upsert =
      `INSERT INTO ${t} ("id", "embedding", "metadata", "updated_at") ` +
      `SELECT u.i, u.e::vector, u.m::jsonb, now() FROM unnest($1::text[], $2::text[], $3::text[]) AS u(i, e, m) ` +
      `ON CONFLICT ("id") DO UPDATE SET "embedding" = EXCLUDED."embedding", "metadata" = EXCLUDED."metadata", "updated_at" = EXCLUDED."updated_at"`;
    this.search = `SELECT "id", 1 - ("embedding" <=> $1::vector) AS score, "metadata" FROM ${t} ORDER BY "embedding" <=> $1::vector LIMIT $2`;
    this.createTable =
      `CREATE TABLE IF NOT EXISTS ${t} ("id" text PRIMARY KEY, "embedding" vector(${dimension}) NOT NULL, ` +
      `"metadata" jsonb, "updated_at" timestamptz(6) NOT NULL DEFAULT now())`;
    this.createIndex =
      dimension <= MAX_HNSW_DIMENSION
        ? `CREATE INDEX IF NOT EXISTS ${quoteIdentifier(indexName(tableName, '_embedding_hnsw_idx'))} ON ${t} USING hnsw ("embedding" vector_cosine_ops)`
        : undefined;
  }
}
