import { createHmac } from 'node:crypto';
import type { EntityIdMode } from './options.js';

/**
 * Entity ids for the opt-in span attribute: the first `max` ids, plain or as keyed
 * SHA-256 hashes (16 hex chars) that correlate across spans without revealing the id.
 */
export function entityIdsForSpan(ids: Iterable<unknown>, mode: EntityIdMode, key: string, max: number): string[] {
  const out: string[] = [];
  for (const id of ids) {
    if (out.length >= max) break;
    if (typeof id !== 'string') continue; // a malformed row; the store rejects the batch anyway
    out.push(mode === 'hashed' ? createHmac('sha256', key).update(id).digest('hex').slice(0, 16) : id);
  }
  return out;
}
