import { FeatureStoreError } from '@featurescope/core';

/** A values file that cannot be read as CSV of numbers; names the row and column, never the value. */
export class ValuesFileError extends FeatureStoreError {
  static override readonly kind: string = 'ValuesFileError';
  override readonly name: string = 'ValuesFileError';
  constructor(
    /** 1-based line of the file (the header is line 1). */
    readonly row: number,
    /** Column name (or `#n` when the header is missing). */
    readonly column: string,
    reason: string,
  ) {
    super(`Invalid values file at line ${row}, column "${column}": ${reason}`);
  }
}

/** Cells read as null: empty, `null`, `NULL`, `NA`, `NaN`-free missing markers. */
const NULLS = new Set(['', 'null', 'NULL', 'NA', 'N/A', 'None']);

/**
 * Reads a CSV whose header names the features and whose rows hold their values (`1.5`, `-2e3`,
 * `NaN`, `Infinity` as numbers; empty / `null` / `NA` as null). Quoted fields are supported.
 */
export function readValuesCsv(text: string): Map<string, (number | null)[]> {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length === 0) throw new ValuesFileError(1, '#1', 'the file is empty; expected a header row of feature names');
  const header = splitCsvLine(lines[0]!, 1, '#1');
  header.forEach((name, i) => {
    if (name.trim() === '') throw new ValuesFileError(1, `#${i + 1}`, 'empty feature name in the header');
  });
  if (new Set(header).size !== header.length) throw new ValuesFileError(1, '#1', 'duplicate feature name in the header');
  const columns = header.map(() => [] as (number | null)[]);
  for (let r = 1; r < lines.length; r++) {
    const cells = splitCsvLine(lines[r]!, r + 1, header[0]!);
    if (cells.length !== header.length) throw new ValuesFileError(r + 1, header[Math.min(cells.length, header.length - 1)]!, `expected ${header.length} cells, found ${cells.length}`);
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c]!.trim();
      if (NULLS.has(cell)) {
        columns[c]!.push(null);
        continue;
      }
      const value = Number(cell);
      if (Number.isNaN(value) && cell !== 'NaN') throw new ValuesFileError(r + 1, header[c]!, 'not a number (use an empty cell or "null" for a missing value)');
      columns[c]!.push(value);
    }
  }
  return new Map(header.map((name, c) => [name, columns[c]!]));
}

function splitCsvLine(line: string, row: number, column: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  if (quoted) throw new ValuesFileError(row, column, 'unterminated quoted field');
  cells.push(cell);
  return cells;
}
