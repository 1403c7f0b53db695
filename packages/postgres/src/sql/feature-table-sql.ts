import type { FeatureColumnNames } from '../types.js';
import { indexName, quoteIdentifier, type TableName } from './identifiers.js';

/**
 * Every SQL text one feature table needs, built once at construction. Values always travel as
 * parameters (three arrays unnested server-side), so the text is the same for every batch size.
 */
export class FeatureTableSql {
  /** `INSERT … SELECT FROM unnest($1 ids, $2 features, $3 values) ON CONFLICT … DO UPDATE`. */
  readonly upsert: string;
  /** `SELECT entity, feature, value, updated_at … WHERE entity = ANY($1) AND feature = ANY($2)`. */
  readonly lookup: string;
  /** Idempotent DDL (table, then index), one statement per entry. */
  readonly createStatements: readonly string[];

  constructor(
    readonly table: TableName,
    columns: FeatureColumnNames,
  ) {
    const t = table.sql;
    const entity = quoteIdentifier(columns.entityId);
    const feature = quoteIdentifier(columns.feature);
    const value = quoteIdentifier(columns.value);
    const updatedAt = quoteIdentifier(columns.updatedAt);
    // now() is the transaction's start: every row of a batch, chunked or not, gets the same time.
    this.upsert =
      `INSERT INTO ${t} (${entity}, ${feature}, ${value}, ${updatedAt}) ` +
      `SELECT u.e, u.f, u.v, now() FROM unnest($1::text[], $2::text[], $3::float8[]) AS u(e, f, v) ` +
      `ON CONFLICT (${entity}, ${feature}) DO UPDATE SET ${value} = EXCLUDED.${value}, ${updatedAt} = EXCLUDED.${updatedAt}`;
    this.lookup = `SELECT ${entity}, ${feature}, ${value}, ${updatedAt} FROM ${t} WHERE ${entity} = ANY($1::text[]) AND ${feature} = ANY($2::text[])`;
    this.createStatements = [
      `CREATE TABLE IF NOT EXISTS ${t} (` +
        `${entity} text NOT NULL, ${feature} text NOT NULL, ${value} double precision, ` +
        `${updatedAt} timestamptz(6) NOT NULL DEFAULT now(), PRIMARY KEY (${entity}, ${feature}))`,
      `CREATE INDEX IF NOT EXISTS ${quoteIdentifier(indexName(table.name, '_feature_updated_idx'))} ON ${t} (${feature}, ${updatedAt} DESC)`,
    ];
  }
}
