import { checkIdentifier, checkTableName, quoteIdentifier as quote, quoteTable } from '@featurescope/core';

/**
 * Checks a table or column name (optionally `schema.table`) with core's identifier rule (the one
 * every backend and the monitor share) and returns it backtick-quoted. A bad name raises an
 * `InvalidOptionError` naming `option`.
 */
export function quoteIdentifier(name: string, option: string): string {
  return quoteTable(checkTableName(option, name), '`');
}

/** Checks one unqualified identifier and returns it backtick-quoted. */
export function quoteColumn(name: string, option: string): string {
  return quote(checkIdentifier(option, name), '`');
}

/** `?, ?, ?` for `count` placeholders. */
export function placeholders(count: number): string {
  return count <= 0 ? '' : '?' + ', ?'.repeat(count - 1);
}
