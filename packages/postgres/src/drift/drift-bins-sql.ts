import type { FeatureColumnNames } from '@featurescope/core';
import { checkIdentifier, checkTableName, quoteIdentifier } from '../sql/identifiers.js';

/**
 * Baseline-rank bin counts of one feature's window, counted inside PostgreSQL over every row of the
 * window (no sampling, no rows pulled): `width_bucket(value, edges)` gives the number of inner bin
 * edges ≤ value, which is the bin of every value not equal to an edge. Rows are grouped by a code:
 *   ≥ 0  the bin;   −1  NULL;   −2  NaN or ±Infinity (counted, never ranked);
 *   ≤ −3 a value equal to edge k (k = −code − 3, 0-based), which the caller ranks inside the
 *        baseline's CDF jump with the engine's tie rule (`RankBinner.rankTie`).
 * Parameters: $1 feature name, $2 window length in seconds, $3 the inner edges (float8[]).
 * Result rows: [code, count] (both float8).
 */
export function buildDriftBinsSql(table: string, columns: FeatureColumnNames): string {
  const t = checkTableName('table', table).sql;
  const feature = quoteIdentifier(checkIdentifier('columns.feature', columns.feature));
  const value = quoteIdentifier(checkIdentifier('columns.value', columns.value));
  const updatedAt = quoteIdentifier(checkIdentifier('columns.updatedAt', columns.updatedAt));
  return (
    `SELECT (CASE WHEN v IS NULL THEN -1 ` +
    `WHEN v IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8) THEN -2 ` +
    `WHEN v = ANY($3::float8[]) THEN -2 - array_position($3::float8[], v) ` +
    `ELSE width_bucket(v, $3::float8[]) END)::float8 AS code, count(*)::float8 ` +
    `FROM (SELECT ${value}::float8 AS v FROM ${t} WHERE ${feature} = $1 AND ${updatedAt} >= now() - $2::float8 * interval '1 second') AS w ` +
    `GROUP BY 1`
  );
}
