/**
 * Where a feature value lives in Redis. The default is the layout Feast's Redis online store uses
 * in spirit: one hash per (feature group, entity), one field per feature holding its value, and a
 * `_ts:` field beside it holding the time the value was written.
 *
 *   key    `fs:{group}:{entityId}`            (prefix configurable; `:` and `%` in the group are
 *                                               percent-encoded, so the first `:` after the prefix
 *                                               always ends the group)
 *   field  `{feature}`                         value: shortest round-trip decimal, `""` for null
 *   field  `_ts:{feature}`                     write time, integer ms since the Unix epoch
 *
 * Feast keys hashes by a serialized entity key and names fields by a murmur3 hash of
 * `view:feature`; to read such data, or any other existing layout, pass your own functions.
 */
export interface RedisKeyLayout {
  /** The hash key of one (group, entity). Must be a pure function of its arguments. */
  readonly key: (group: string, entityId: string) => string;
  /** The hash field holding a feature's value. */
  readonly valueField: (feature: string) => string;
  /** The hash field holding a feature's write time (ms since the epoch). */
  readonly timeField: (feature: string) => string;
}

/** Prefix of every key of the default layout. */
export const DEFAULT_KEY_PREFIX = 'fs:';
/** Prefix of the write-time field of the default layout. */
export const TIME_FIELD_PREFIX = '_ts:';

const encodeGroup = (group: string): string => group.replace(/%/g, '%25').replace(/:/g, '%3A');

/** The default layout under `prefix` (e.g. `fs:` or `myapp:fs:`). */
export function defaultKeyLayout(prefix: string = DEFAULT_KEY_PREFIX): RedisKeyLayout {
  return Object.freeze({
    key: (group: string, entityId: string) => `${prefix}${encodeGroup(group)}:${entityId}`,
    valueField: (feature: string) => feature,
    timeField: (feature: string) => `${TIME_FIELD_PREFIX}${feature}`,
  });
}
