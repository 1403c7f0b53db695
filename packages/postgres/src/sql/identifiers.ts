import { checkTableName as checkTableRef, MAX_SQL_IDENTIFIER_LENGTH, quoteIdentifier as quote, quoteTable, type TableRef } from '@featurescope/core';

export { checkIdentifier } from '@featurescope/core';

/** A checked table name (core's rule, shared with every backend) with its quoted SQL form. */
export interface TableName extends TableRef {
  /** Quoted for SQL: `"schema"."name"` or `"name"`. */
  readonly sql: string;
}

/** Splits and checks `schema.table` or `table`; a bad name raises an `InvalidOptionError` naming `option`. */
export function checkTableName(option: string, value: unknown): TableName {
  const ref = checkTableRef(option, value);
  return { ...ref, sql: quoteTable(ref, '"') };
}

/** Quotes a checked identifier. */
export function quoteIdentifier(name: string): string {
  return quote(name, '"');
}

/** An index name derived from a table name, shortened so PostgreSQL never truncates it silently. */
export function indexName(table: string, suffix: string): string {
  const room = MAX_SQL_IDENTIFIER_LENGTH - suffix.length;
  return `${table.length > room ? table.slice(0, room) : table}${suffix}`;
}
