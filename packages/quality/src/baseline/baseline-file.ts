import { readFile, rename, writeFile } from 'node:fs/promises';
import { FeatureStoreError } from '@featurescope/core';
import { BaselineFormatError } from '../errors.js';
import type { BaselineDocument } from './baseline-artifact.js';

/** Writes the document as JSON, via a temporary file and a rename so a reader never sees half a file. */
export async function writeBaselineFile(path: string, doc: BaselineDocument): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(doc)}\n`, 'utf8');
  await rename(temporary, path);
}

/**
 * The parsed JSON of a baseline artifact from a file path, a file: URL or an http(s) URL (30 s
 * timeout). File-system and network errors pass through; text that is not JSON raises
 * {@link BaselineFormatError}. The caller validates the content.
 */
export async function readBaselineSource(source: string | URL): Promise<unknown> {
  const url = source instanceof URL ? source : /^https?:\/\//i.test(source) ? new URL(source) : undefined;
  let text: string;
  if (url === undefined) text = await readFile(source, 'utf8');
  else if (url.protocol === 'file:') text = await readFile(url, 'utf8');
  else {
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new FeatureStoreError(`Fetching the baseline failed: HTTP ${response.status}`);
    text = await response.text();
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BaselineFormatError(url === undefined ? 'file' : 'url', 'not valid JSON', { cause: error });
  }
}
