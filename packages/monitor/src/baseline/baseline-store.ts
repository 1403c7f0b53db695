import { MonitorConfigError } from '../errors.js';
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { StoreInspector, StoredBaselineRow, TableRef } from '@featurescope/core';

/** Where the monitor keeps baselines: a table in the monitored database or a JSON file. */
export interface BaselineStore {
  /** Every stored baseline of the feature table, as raw documents. */
  load(timeoutMs: number): Promise<StoredBaselineRow[]>;
  /** Inserts or replaces baselines (one per feature). */
  save(rows: readonly StoredBaselineRow[], timeoutMs: number): Promise<void>;
  /** Where, for messages. */
  readonly description: string;
}

/** Baselines in `featurescope_baselines` (or the configured table), keyed by (feature table, feature). */
export function tableBaselineStore(source: StoreInspector, table: TableRef, featureTable: string): BaselineStore {
  return {
    description: `table ${table.display}`,
    load: (timeoutMs) => source.loadBaselines(table, featureTable, timeoutMs),
    async save(rows, timeoutMs) {
      await source.ensureBaselineTable(table, timeoutMs);
      for (const row of rows) await source.saveBaseline(table, featureTable, row, timeoutMs);
    },
  };
}

/**
 * Baselines in a JSON file `{ "<feature>": <baseline document>, … }` (one file per feature table).
 * A missing file means no baselines; writes go through a temporary file and a rename.
 */
export function fileBaselineStore(path: string): BaselineStore {
  const read = async (): Promise<Record<string, unknown>> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return {};
      throw error;
    }
    const parsed = JSON.parse(text) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new MonitorConfigError('baselines.file', `${path} must hold a JSON object`);
    return parsed as Record<string, unknown>;
  };
  return {
    description: `file ${path}`,
    async load() {
      return Object.entries(await read()).map(([feature, doc]) => ({ feature, body: JSON.stringify(doc) }));
    },
    async save(rows) {
      const all = await read();
      for (const row of rows) all[row.feature] = JSON.parse(row.body) as unknown;
      const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temporary, `${JSON.stringify(all)}\n`, 'utf8');
      await rename(temporary, path);
    },
  };
}
