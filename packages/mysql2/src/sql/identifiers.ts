import { isSqlIdentifier, SQL_IDENTIFIER_PATTERN } from '@featurescope/core';

/** MySQL's own limit; PostgreSQL's is 63. */
const MAX_MYSQL_IDENTIFIER_LENGTH = 64;

/**
 * Validates a table or column name (optionally `schema.table`) at construction and returns it
 * backtick-quoted. Names are never user data, but a strict pattern keeps SQL injection impossible.
 */
export function quoteIdentifier(name: string, what: string): string {
  if (typeof name !== 'string') throw new TypeError(`${what} must be a string, got ${typeof name}`);
  const parts = name.split('.');
  if (parts.length > 2 || !parts.every((part) => isSqlIdentifier(part, MAX_MYSQL_IDENTIFIER_LENGTH))) {
    throw new TypeError(
      `${what} ${JSON.stringify(name)} must match ${String(SQL_IDENTIFIER_PATTERN)} with at most ${MAX_MYSQL_IDENTIFIER_LENGTH} characters (optionally schema.table)`,
    );
  }
  return parts.map((part) => `\`${part}\``).join('.');
}

/** `?, ?, ?` for `count` placeholders. */
export function placeholders(count: number): string {
  return count <= 0 ? '' : '?' + ', ?'.repeat(count - 1);
}
