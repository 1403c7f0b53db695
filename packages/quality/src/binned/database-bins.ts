import type { RankBinner } from './rank-binner.js';

/** Code of a NULL row in the in-database binning queries (`buildDriftBinsSql`). */
export const CODE_NULL = -1;
/** Code of a NaN / ±Infinity row. */
export const CODE_NON_FINITE = -2;

/** Bin counts of one window read from a database, with what was counted apart. */
export interface DatabaseBins {
  readonly counts: Float64Array;
  readonly nulls: number;
  readonly nonFinite: number;
}

/**
 * Folds the [code, count] rows of `buildDriftBinsSql` (@featurescope/postgres, @featurescope/mysql2)
 * into the B bin counts of `binner`: a code ≥ 0 is a bin; a value equal to edge k (code −3 − k) is
 * ranked row by row inside the baseline's CDF jump, exactly as the engine ranks it; NULL and
 * non-finite rows are counted and excluded. Unknown codes are ignored (never crash a cycle).
 */
export function foldDatabaseBins(rows: Iterable<readonly [unknown, unknown]>, binner: RankBinner): DatabaseBins {
  const counts = new Float64Array(binner.bins);
  let nulls = 0;
  let nonFinite = 0;
  for (const [rawCode, rawCount] of rows) {
    const code = Number(rawCode);
    const count = Number(rawCount);
    if (!Number.isSafeInteger(code) || !Number.isSafeInteger(count) || count < 0) continue;
    if (code === CODE_NULL) nulls += count;
    else if (code === CODE_NON_FINITE) nonFinite += count;
    else if (code >= 0 && code < binner.bins) counts[code]! += count;
    else if (code <= -3 && -code - 3 < binner.edges.length) {
      for (let i = 0; i < count; i++) counts[binner.rankTie(-code - 3)]! += 1;
    }
  }
  return { counts, nulls, nonFinite };
}
