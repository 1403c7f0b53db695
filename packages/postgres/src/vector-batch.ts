import type { ProblemCollector, VectorRecord } from '@featurescope/core';
import { checkNoNul } from './nul-check.js';

/** A vector batch as three parallel text arrays, the shape the `unnest` INSERT takes. */
export interface VectorColumns {
  readonly ids: string[];
  /** pgvector text form, `[1,0.5,…]`. */
  readonly vectors: string[];
  /** JSON text, or null for no metadata. */
  readonly metadata: (string | null)[];
}

/** pgvector's text input form of a validated vector. */
export function vectorText(vector: readonly number[] | Float32Array): string {
  let text = '[';
  for (let i = 0; i < vector.length; i++) {
    if (i > 0) text += ',';
    text += String(vector[i]);
  }
  return `${text}]`;
}

function checkMetadataText(problems: ProblemCollector | undefined, metadata: Readonly<Record<string, unknown>>, index: number): ProblemCollector | undefined {
  for (const [key, value] of Object.entries(metadata)) {
    problems = checkNoNul(problems, key, 'INVALID_METADATA', index, `records[${index}].metadata`);
    if (typeof value === 'string') problems = checkNoNul(problems, value, 'INVALID_METADATA', index, `records[${index}].metadata.${key}`);
  }
  return problems;
}

/**
 * Turns validated records into columns; a repeated id keeps its first position and the last record.
 * Throws InvalidInputError for text PostgreSQL cannot store (U+0000 in ids or metadata).
 */
export function toVectorColumns(records: readonly VectorRecord[]): VectorColumns {
  const n = records.length;
  const ids = new Array<string>(n);
  const vectors = new Array<string>(n);
  const metadata = new Array<string | null>(n);
  const positions = new Map<string, number>();
  let problems: ProblemCollector | undefined;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const record = records[i]!;
    problems = checkNoNul(problems, record.id, 'INVALID_VECTOR_ID', i, `records[${i}].id`);
    const json = record.metadata === undefined ? null : JSON.stringify(record.metadata);
    // jsonb refuses U+0000 (escaped as \u0000) in keys and strings.
    if (json !== null && json.includes('\\u0000')) problems = checkMetadataText(problems, record.metadata!, i);
    let at = positions.get(record.id);
    if (at === undefined) {
      at = k++;
      positions.set(record.id, at);
      ids[at] = record.id;
    }
    vectors[at] = vectorText(record.vector);
    metadata[at] = json;
  }
  problems?.throwIfAny();
  if (k < n) {
    ids.length = k;
    vectors.length = k;
    metadata.length = k;
  }
  return { ids, vectors, metadata };
}
