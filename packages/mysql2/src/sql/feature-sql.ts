import { DEFAULT_FEATURE_COLUMNS, type FeatureColumnNames } from '@featurescope/core';
import type { UpsertSyntax } from '../server/server-info.js';
import { placeholders, quoteColumn, quoteIdentifier } from './identifiers.js';

/** Column names of a feature table (the layout shared with the other backends, from core). */
export type FeatureColumns = FeatureColumnNames;
export const DEFAULT_COLUMNS: Readonly<FeatureColumns> = DEFAULT_FEATURE_COLUMNS;

/** A feature table's identifiers, validated and quoted once. */
export interface QuotedFeatureTable {
  readonly table: string;
  readonly entityId: string;
  readonly feature: string;
  readonly value: string;
  readonly updatedAt: string;
}

export function quoteFeatureTable(table: string, columns: FeatureColumns): QuotedFeatureTable {
  return Object.freeze({
    table: quoteIdentifier(table, 'table'),
    entityId: quoteColumn(columns.entityId, 'columns.entityId'),
    feature: quoteColumn(columns.feature, 'columns.feature'),
    value: quoteColumn(columns.value, 'columns.value'),
    updatedAt: quoteColumn(columns.updatedAt, 'columns.updatedAt'),
  });
}

/**
 * `INSERT … VALUES (?, ?, ?, UTC_TIMESTAMP(6)), … ON DUPLICATE KEY UPDATE …` for `rowCount` rows.
 * Rows apply in order, so a repeated (entity, feature) pair ends with its last value. `updated_at`
 * is set explicitly (UTC, independent of the session time zone) so it advances even when the value
 * does not change, which `ON UPDATE CURRENT_TIMESTAMP` alone would not do.
 */
export function buildUpsertSql(t: QuotedFeatureTable, rowCount: number, syntax: UpsertSyntax): string {
  const tuple = '(?, ?, ?, UTC_TIMESTAMP(6))';
  const tuples = tuple + `, ${tuple}`.repeat(rowCount - 1);
  const head = `INSERT INTO ${t.table} (${t.entityId}, ${t.feature}, ${t.value}, ${t.updatedAt}) VALUES ${tuples}`;
  if (syntax === 'row-alias') {
    return `${head} AS incoming ON DUPLICATE KEY UPDATE ${t.value} = incoming.${t.value}, ${t.updatedAt} = incoming.${t.updatedAt}`;
  }
  return `${head} ON DUPLICATE KEY UPDATE ${t.value} = VALUES(${t.value}), ${t.updatedAt} = VALUES(${t.updatedAt})`;
}

/**
 * `SELECT entity, feature, value, µs-since-epoch FROM … WHERE entity IN (…) AND feature IN (…)`.
 * The time is read as microseconds between two DATETIMEs, so neither the session time zone nor the
 * pool's `timezone`/`dateStrings` options can shift it.
 */
export function buildLookupSql(t: QuotedFeatureTable, entityCount: number, featureCount: number): string {
  return (
    `SELECT ${t.entityId}, ${t.feature}, ${t.value}, TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', ${t.updatedAt}) ` +
    `FROM ${t.table} WHERE ${t.entityId} IN (${placeholders(entityCount)}) AND ${t.feature} IN (${placeholders(featureCount)})`
  );
}

/** A half-open range [start, end) of a batch that goes into one statement. */
export interface Chunk {
  readonly start: number;
  readonly end: number;
}

/**
 * Splits `count` items into chunks of at most `maxItems` items and at most `maxBytes` estimated bytes
 * (`bytesOf(i)` must over-estimate the item's share of the statement). An item larger than
 * `maxBytes` gets a chunk of its own; the server then rejects it (ER_NET_PACKET_TOO_LARGE).
 */
export function chunkBatch(count: number, maxItems: number, maxBytes: number, bytesOf: (index: number) => number): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const size = bytesOf(i);
    if (i > start && (i - start >= maxItems || bytes + size > maxBytes)) {
      chunks.push({ start, end: i });
      start = i;
      bytes = 0;
    }
    bytes += size;
  }
  if (count > start) chunks.push({ start, end: count });
  return chunks;
}

/**
 * Upper bound of one feature row's bytes in the escaped statement: every UTF-16 unit is at most
 * 3 UTF-8 bytes (escaping doubles only ASCII), plus quotes, the value and the tuple's SQL.
 */
export function featureRowBytes(entityId: string, feature: string): number {
  return 3 * (entityId.length + feature.length) + 64;
}

/** Constant part of an upsert statement (INSERT head and ON DUPLICATE tail), generously bounded. */
export const STATEMENT_OVERHEAD_BYTES = 1024;
