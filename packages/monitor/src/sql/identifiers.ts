import { MonitorConfigError } from '../errors.js';

import { isSqlIdentifier, MAX_SQL_IDENTIFIER_LENGTH, SQL_IDENTIFIER_PATTERN } from '@featurescope/core';

/** Checks one SQL identifier and returns it; throws a {@link MonitorConfigError} naming the key otherwise. */
export function checkIdentifier(key: string, value: unknown): string {
  if (!isSqlIdentifier(value)) {
    throw new MonitorConfigError(
      key,
      `must be an SQL identifier matching ${String(SQL_IDENTIFIER_PATTERN)} of at most ${MAX_SQL_IDENTIFIER_LENGTH} characters, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** A checked table name, optionally qualified with a schema / database (`schema.table`). */
export interface TableRef {
  /** As written, for messages and the `db.collection.name` attribute. */
  readonly display: string;
  readonly schema: string | undefined;
  readonly name: string;
}

/** Splits and checks `schema.table` or `table`. */
export function checkTableName(key: string, value: unknown): TableRef {
  if (typeof value !== 'string') checkIdentifier(key, value);
  const parts = (value as string).split('.');
  if (parts.length > 2) checkIdentifier(key, value);
  const name = checkIdentifier(key, parts[parts.length - 1]);
  const schema = parts.length === 2 ? checkIdentifier(key, parts[0]) : undefined;
  return { display: value as string, schema, name };
}

/** Quotes a checked identifier with the dialect's quote character. */
export function quote(name: string, quoteChar: '"' | '`'): string {
  return `${quoteChar}${name.split(quoteChar).join(quoteChar + quoteChar)}${quoteChar}`;
}

/** Quotes a checked, possibly schema-qualified table name. */
export function quoteTable(table: TableRef, quoteChar: '"' | '`'): string {
  return table.schema === undefined ? quote(table.name, quoteChar) : `${quote(table.schema, quoteChar)}.${quote(table.name, quoteChar)}`;
}
