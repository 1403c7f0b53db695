import type { Span } from '@opentelemetry/api';
import type { LookupRequest } from '@featurescope/core';
import type { FeatureState } from '../profile/feature-state.js';
import type { FeatureTable } from '../profile/feature-table.js';
import { RULE_STALENESS } from '../registry/compiled-rules.js';
import { ATTR_DB_COLLECTION_NAME, ATTR_FEATURE_NAME, ATTR_STALE_COUNT, ATTR_STALE_LIMIT, ATTR_STALE_MAX_AGE, EVENT_STALE } from '../semconv.js';

/**
 * Per-lookup buffers for `maxStalenessSeconds`: stale count and oldest stale age per requested
 * feature, reused across lookups (grown by doubling, never shrunk).
 */
export class StaleValues {
  counts = new Float64Array(16);
  maxAge = new Float64Array(16);

  /** Zeroes the first `size` entries, making room for them first. */
  clear(size: number): void {
    if (size > this.counts.length) {
      let length = this.counts.length;
      while (length < size) length *= 2;
      this.counts = new Float64Array(length);
      this.maxAge = new Float64Array(length);
    }
    this.counts.fill(0, 0, size);
    this.maxAge.fill(0, 0, size);
  }

  /** Counts stale values per feature (`slots`: the requested features' slots) and adds one span event per feature that had any. */
  report(request: LookupRequest, slots: Int32Array, span: Span, table: FeatureTable<FeatureState>): void {
    const recording = span.isRecording();
    for (let f = 0; f < request.features.length; f++) {
      const stale = this.counts[f]!;
      if (stale === 0) continue;
      const state = table.entry(slots[f]!);
      state.countViolation(RULE_STALENESS, stale);
      if (!recording) continue;
      span.addEvent(EVENT_STALE, {
        [ATTR_DB_COLLECTION_NAME]: state.group,
        [ATTR_FEATURE_NAME]: state.feature,
        [ATTR_STALE_COUNT]: stale,
        [ATTR_STALE_MAX_AGE]: this.maxAge[f]! / 1000,
        [ATTR_STALE_LIMIT]: state.rule!.maxStalenessMs / 1000,
      });
    }
  }
}
