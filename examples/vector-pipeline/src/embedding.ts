/** Why a row could not become a vector; becomes the dead letter's `error_code` and a bounded metric attribute. */
export type FailureCode = 'malformed_row' | 'embedding_error' | 'rejected_vector';

/** A row that cannot be embedded. `message` names the column, never its value. */
export class RecordFailure extends Error {
  override readonly name = 'RecordFailure';
  constructor(
    readonly code: FailureCode,
    message: string,
  ) {
    super(message);
  }
}

/** An interaction row as the change feed delivers it (pgoutput, parsed by pg's type parsers). */
export interface InteractionRow {
  readonly id: string;
  readonly user_id: unknown;
  readonly item_id: unknown;
  readonly event_type: unknown;
  readonly weight: unknown;
  readonly occurred_at: unknown;
}

/** 32-bit FNV-1a. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Adds `scale` × a pseudo-random unit-ish direction seeded by `token` (xorshift32) into `out`. */
function addTokenDirection(out: Float64Array, token: string, scale: number): void {
  let state = fnv1a(token) || 1;
  for (let i = 0; i < out.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out[i]! += scale * ((state / 0xffffffff) * 2 - 1);
  }
}

/**
 * A deterministic local embedding (no model download): the user, item and event type each hash to
 * a direction; their sum is scaled by the interaction's weight. Replaying a row gives the same
 * vector, which is what makes a replayed upsert a no-op. A weight of 0 gives the zero vector,
 * which the quality engine's vector rule rejects (cosine similarity is undefined for it).
 */
export function embedInteraction(row: InteractionRow, dimension: number): Float32Array {
  for (const column of ['user_id', 'item_id', 'event_type'] as const) {
    const value = row[column];
    if (typeof value !== 'string' || value === '') throw new RecordFailure('malformed_row', `${column} is missing or empty`);
  }
  if (typeof row.weight !== 'number') throw new RecordFailure('malformed_row', 'weight is missing');
  if (!Number.isFinite(row.weight)) throw new RecordFailure('embedding_error', 'weight is not a finite number');
  const sum = new Float64Array(dimension);
  addTokenDirection(sum, `user:${row.user_id as string}`, 1);
  addTokenDirection(sum, `item:${row.item_id as string}`, 1);
  addTokenDirection(sum, `event:${row.event_type as string}`, 0.5);
  let norm = 0;
  for (const v of sum) norm += v * v;
  norm = Math.sqrt(norm);
  if (!(norm > 0)) throw new RecordFailure('embedding_error', 'the tokens cancelled out');
  const vector = new Float32Array(dimension);
  for (let i = 0; i < dimension; i++) vector[i] = (sum[i]! / norm) * row.weight;
  return vector;
}

/** The row's event time in ms, or `undefined` when missing. */
export function eventTimeMs(row: InteractionRow): number | undefined {
  return row.occurred_at instanceof Date ? row.occurred_at.getTime() : undefined;
}
