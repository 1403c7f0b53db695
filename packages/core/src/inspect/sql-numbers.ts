import type { WindowAggregates } from './store-inspector.js';

/** Drivers return DECIMAL / BIGINT / numeric as strings; inspectors return plain numbers. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') return Number(value);
  return Number.NaN;
}

/** {@link toNumber}, with SQL NULL as `undefined`. */
export function toOptionalNumber(value: unknown): number | undefined {
  return value === null || value === undefined ? undefined : toNumber(value);
}

/**
 * One row of the window-aggregates query, the same column order in every dialect:
 * feature, rows, values, mean, stddev, min, max.
 */
export function windowAggregatesFromRow(row: readonly unknown[]): WindowAggregates {
  return {
    rows: toNumber(row[1]),
    values: toNumber(row[2]),
    mean: toOptionalNumber(row[3]),
    stddev: toOptionalNumber(row[4]),
    min: toOptionalNumber(row[5]),
    max: toOptionalNumber(row[6]),
  };
}
