import { InvalidOptionError } from '../errors.js';
import { isSqlIdentifier, MAX_SQL_IDENTIFIER_LENGTH, SQL_IDENTIFIER_PATTERN } from '../table/feature-table-layout.js';

/** Checks one SQL identifier and returns it; throws an {@link InvalidOptionError} naming `option` otherwise. */
export function checkIdentifier(option: string, value: unknown): string {
  if (!isSqlIdentifier(value)) {
    throw new InvalidOptionError(
      option,
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

/** Splits and checks `schema.table` or `table`; throws an {@link InvalidOptionError} naming `option`. */
export function checkTableName(option: string, value: unknown): TableRef {
  if (typeof value !== 'string') checkIdentifier(option, value);
  const parts = (value as string).split('.');
  if (parts.length > 2) checkIdentifier(option, value);
  const name = checkIdentifier(option, parts[parts.length - 1]);
  const schema = parts.length === 2 ? checkIdentifier(option, parts[0]) : undefined;
  return { display: value as string, schema, name };
}

/** Quotes a checked identifier with the dialect's quote character (checked names hold none; doubling is belt and braces). */
export function quoteIdentifier(name: string, quoteChar: '"' | '`'): string {
  return `${quoteChar}${name.split(quoteChar).join(quoteChar + quoteChar)}${quoteChar}`;
}

/** Quotes a checked, possibly schema-qualified table name. */
export function quoteTable(table: TableRef, quoteChar: '"' | '`'): string {
  return table.schema === undefined ? quoteIdentifier(table.name, quoteChar) : `${quoteIdentifier(table.schema, quoteChar)}.${quoteIdentifier(table.name, quoteChar)}`;
}
