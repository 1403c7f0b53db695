import { readFile, rename, writeFile } from 'node:fs/promises';
import { BaselineFormatError } from '../errors.js';
import { parseBaselineDocument, type BaselineDocument, type ParsedBaseline } from './baseline-document.js';

/** Writes the document as JSON, via a temporary file and a rename so a reader never sees half a file. */
export async function writeBaselineFile(path: string, doc: BaselineDocument): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(doc)}\n`, 'utf8');
  await rename(temporary, path);
}

/**
 * Reads and validates a baseline file. File-system errors (missing file, permissions) are passed
 * through as they are; content that is not a valid baseline raises {@link BaselineFormatError}.
 */
export async function readBaselineFile(path: string): Promise<ParsedBaseline> {
  const text = await readFile(path, 'utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new BaselineFormatError(path, 'not valid JSON', { cause: error });
  }
  return parseBaselineDocument(doc);
}
