import { readBaselineSource, writeBaselineFile, type BaselineDocument } from '@featurescope/quality';
import { MonitorConfigError } from '../errors.js';
import type { StoreInspector, TableRef } from '@featurescope/core';

/**
 * Where the monitor reads (and `captureBaseline` writes) the quality baseline artifact
 * (`@featurescope/quality`, format `featurescope.baseline`): the same document every replica loads.
 */
export interface BaselineStore {
  /** The artifact's parsed JSON, or undefined when none is stored yet. */
  load(timeoutMs: number): Promise<unknown>;
  /** Stores the artifact (replacing the previous one). */
  save(document: BaselineDocument, timeoutMs: number): Promise<void>;
  /** Where, for messages. */
  readonly description: string;
}

/** Key of the artifact's row in the baseline table (the table holds one artifact per feature table). */
export const ARTIFACT_ROW = 'featurescope.baseline';

/** The artifact in `featurescope_baselines` (or the configured table), one row per feature table. */
export function tableBaselineStore(source: StoreInspector, table: TableRef, featureTable: string): BaselineStore {
  return {
    description: `table ${table.display}`,
    async load(timeoutMs) {
      const row = (await source.loadBaselines(table, featureTable, timeoutMs)).find((r) => r.feature === ARTIFACT_ROW);
      return row === undefined ? undefined : (JSON.parse(row.body) as unknown);
    },
    async save(document, timeoutMs) {
      await source.ensureBaselineTable(table, timeoutMs);
      await source.saveBaseline(table, featureTable, { feature: ARTIFACT_ROW, body: JSON.stringify(document) }, timeoutMs);
    },
  };
}

/**
 * The artifact at a file path or an http(s)/file: URL (read each reload; a missing file means no
 * baseline yet). `captureBaseline` writes it to a path only (temporary file and rename).
 */
export function fileBaselineStore(location: string): BaselineStore {
  const isUrl = /^(https?|file):/i.test(location);
  return {
    description: isUrl ? 'url' : `file ${location}`,
    async load() {
      try {
        return await readBaselineSource(/^file:/i.test(location) ? new URL(location) : location);
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async save(document) {
      if (isUrl) throw new MonitorConfigError('baselines.file', 'captureBaseline writes to a file path, not a URL');
      await writeBaselineFile(location, document);
    },
  };
}
