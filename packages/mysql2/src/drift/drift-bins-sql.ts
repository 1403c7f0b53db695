import type { FeatureColumnNames } from '@featurescope/core';
import { placeholders, quoteIdentifier } from '../sql/identifiers.js';

/**
 * Baseline-rank bin counts of one feature's window, counted inside MySQL / MariaDB / TiDB over
 * every row of the window: `INTERVAL(value, e1, …)` gives the number of inner edges ≤ value (the
 * bin of every value not equal to an edge), `FIELD(value, e1, …)` finds a value equal to an edge.
 * Codes as in PostgreSQL's builder: ≥ 0 the bin, −1 NULL, −2 non-finite (DOUBLE cannot hold one
 * here; kept for one decoder), ≤ −3 a value equal to edge k = −code − 3 (the caller ranks it
 * inside the baseline's CDF jump). Edges are bound as `CAST(? AS DOUBLE)` so they compare as the
 * exact doubles of the baseline. Parameters: the edges three times, then feature and window seconds
 * ({@link driftBinsParams}).
 */
export function buildDriftBinsSql(table: string, columns: FeatureColumnNames, edgeCount: number): string {
  if (!Number.isSafeInteger(edgeCount) || edgeCount < 1) throw new TypeError(`edgeCount must be a positive integer, got ${edgeCount}`);
  const t = quoteIdentifier(table, 'table');
  const feature = quoteIdentifier(columns.feature, 'columns.feature');
  const value = quoteIdentifier(columns.value, 'columns.value');
  const updatedAt = quoteIdentifier(columns.updatedAt, 'columns.updatedAt');
  const edges = placeholders(edgeCount).replaceAll('?', 'CAST(? AS DOUBLE)');
  return (
    `SELECT CASE WHEN v IS NULL THEN -1 WHEN FIELD(v, ${edges}) > 0 THEN -2 - FIELD(v, ${edges}) ELSE INTERVAL(v, ${edges}) END AS code, COUNT(*) AS n ` +
    `FROM (SELECT ${value} AS v FROM ${t} WHERE ${feature} = ? AND ${updatedAt} >= UTC_TIMESTAMP(6) - INTERVAL ? SECOND) AS w ` +
    `GROUP BY code`
  );
}

/** The parameters of {@link buildDriftBinsSql}, in order. */
export function driftBinsParams(feature: string, windowSeconds: number, edges: ArrayLike<number>): unknown[] {
  const list = Array.from(edges);
  return [...list, ...list, ...list, feature, windowSeconds];
}
