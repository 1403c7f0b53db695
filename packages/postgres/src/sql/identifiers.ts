import { isSqlIdentifier, MAX_SQL_IDENTIFIER_LENGTH, SQL_IDENTIFIER_PATTERN } from '@featurescope/core';

/** PostgreSQL truncates longer identifiers silently, which could make two names collide. */
export const MAX_IDENTIFIER_BYTES = MAX_SQL_IDENTIFIER_LENGTH;

/** Checks one identifier and returns it; throws a TypeError naming the option otherwise. */
export function checkIdentifier(option: string, value: unknown): string {
  if (!isSqlIdentifier(value)) {
    throw new TypeError(
      `@featurescope/postgres: ${option} must be an SQL identifier matching ${String(SQL_IDENTIFIER_PATTERN)} of at most ${MAX_IDENTIFIER_BYTES} bytes, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** A table name, optionally schema-qualified (`schema.table`), split and checked. */
export interface TableName {
  /** As the user wrote it; used in messages and reports. */
  readonly display: string;
  readonly schema: string | undefined;
  readonly name: string;
  /** Quoted for SQL: `"schema"."name"` or `"name"`. */
  readonly sql: string;
}

export function checkTableName(option: string, value: unknown): TableName {
  if (typeof value !== 'string') checkIdentifier(option, value);
  const parts = (value as string).split('.');
  if (parts.length > 2) checkIdentifier(option, value);
  const name = checkIdentifier(option, parts[parts.length - 1]);
  const schema = parts.length === 2 ? checkIdentifier(option, parts[0]) : undefined;
  return {
    display: value as string,
    schema,
    name,
    sql: schema === undefined ? quoteIdentifier(name) : `${quoteIdentifier(schema)}.${quoteIdentifier(name)}`,
  };
}

/** Quotes a checked identifier (checked names contain no `"`, the doubling is belt and braces). */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** An index name derived from a table name, shortened so it is never silently truncated. */
export function indexName(table: string, suffix: string): string {
  const room = MAX_IDENTIFIER_BYTES - suffix.length;
  return `${table.length > room ? table.slice(0, room) : table}${suffix}`;
}
