import type { FeatureRow, LookupRequest } from '@featurescope/core';
import type { ProblemCollector } from '@featurescope/core';
import { checkNoNul } from './nul-check.js';

/** An upsert batch as three parallel arrays, the shape the `unnest` INSERT takes. */
export interface FeatureColumns {
  readonly entityIds: string[];
  readonly features: string[];
  readonly values: (number | null)[];
}

/**
 * Turns validated rows into columns. A repeated (entity, feature) pair keeps its first position
 * and the last row's value, since PostgreSQL rejects one ON CONFLICT statement touching a key twice.
 * Throws InvalidInputError for text PostgreSQL cannot store.
 */
export function toFeatureColumns(rows: readonly FeatureRow[]): FeatureColumns {
  const n = rows.length;
  const entityIds = new Array<string>(n);
  const features = new Array<string>(n);
  const values = new Array<number | null>(n);
  const positions = new Map<string, number>();
  let problems: ProblemCollector | undefined;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    const entityId = row.entityId;
    const feature = row.feature;
    problems = checkNoNul(problems, entityId, 'INVALID_ENTITY_ID', i, `rows[${i}].entityId`);
    problems = checkNoNul(problems, feature, 'INVALID_FEATURE_NAME', i, `rows[${i}].feature`);
    // NUL cannot occur in a valid id, so it separates the two parts unambiguously.
    const key = `${entityId}\u0000${feature}`;
    const at = positions.get(key);
    if (at !== undefined) {
      values[at] = row.value;
      continue;
    }
    positions.set(key, k);
    entityIds[k] = entityId;
    features[k] = feature;
    values[k] = row.value;
    k++;
  }
  problems?.throwIfAny();
  if (k < n) {
    entityIds.length = k;
    features.length = k;
    values.length = k;
  }
  return { entityIds, features, values };
}

/** Rejects lookup names PostgreSQL cannot store (they could never match anyway, but the driver would throw). */
export function checkLookupText(request: LookupRequest): void {
  let problems: ProblemCollector | undefined;
  const { entityIds, features } = request;
  for (let i = 0; i < entityIds.length; i++) problems = checkNoNul(problems, entityIds[i]!, 'INVALID_ENTITY_ID', i, `entityIds[${i}]`);
  for (let i = 0; i < features.length; i++) problems = checkNoNul(problems, features[i]!, 'INVALID_FEATURE_NAME', i, `features[${i}]`);
  problems?.throwIfAny();
}
