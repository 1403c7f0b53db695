import { diag, type Span } from '@opentelemetry/api';
import { STATE_DRIFT } from '../binned/binned-drift.js';
import type { FeatureProfile, ProfileSource } from '../profile/feature-profile.js';
import type { FeatureState } from '../profile/feature-state.js';
import type { FeatureTable } from '../profile/feature-table.js';
import {
  ATTR_BASELINE_ID,
  ATTR_DB_COLLECTION_NAME,
  ATTR_DRIFT_CHI_SQUARE,
  ATTR_DRIFT_JS_DISTANCE,
  ATTR_DRIFT_KS_BINNED,
  ATTR_DRIFT_MEAN_SHIFT,
  ATTR_DRIFT_PSI,
  ATTR_DRIFT_PVALUE,
  ATTR_DRIFT_STATE,
  ATTR_DRIFT_WINDOW_COUNT,
  ATTR_FEATURE_NAME,
  ATTR_SOURCE,
  EVENT_DRIFT,
} from '../semconv.js';
import type { ResolvedQualityOptions } from './options.js';

export const SOURCES: readonly ProfileSource[] = ['upsert', 'lookup'];

/**
 * Tumbling windows of one engine: aligned boundaries per source, closing (window summary, per-pod
 * drift state with the shared rule, span event on entering drift). Per-pod state exists only for
 * that span event; the fleet answer comes from the exported counts.
 */
export class Windows {
  /** Next aligned window boundary per source (upsert, lookup), ms. */
  readonly #nextBoundary = new Float64Array(2);

  constructor(
    readonly options: ResolvedQualityOptions,
    readonly table: FeatureTable<FeatureState>,
  ) {}

  /** True when `now` passed the source's boundary (the caller then calls {@link rotate}). */
  due(source: ProfileSource, now: number): boolean {
    return now >= this.#nextBoundary[source === 'upsert' ? 0 : 1]!;
  }

  /** Closes the windows of one source that have enough values; the rest keep collecting. */
  rotate(source: ProfileSource, now: number, span: Span | undefined): void {
    const windowMs = this.options.windowMs;
    this.#nextBoundary[source === 'upsert' ? 0 : 1] = (Math.floor(now / windowMs) + 1) * windowMs;
    const minCount = this.options.minWindowCount;
    for (const state of this.table.entries) {
      const p = state.profile(source);
      if (p?.window !== undefined && p.window.count >= minCount) this.close(state, p, now, span);
    }
  }

  /** Closes every window whatever its count (baseline boundaries, `closeWindows()`). */
  closeAll(now: number): void {
    for (const state of this.table.entries) {
      for (const source of SOURCES) {
        const p = state.profile(source);
        if (p?.window !== undefined && p.window.count > 0) this.close(state, p, now, undefined);
      }
    }
  }

  /**
   * Ends one profile's window: its summary is kept for snapshots, drift of the window's bin counts
   * is judged with the shared rule, and a span event marks the call that saw the state enter drift.
   */
  close(state: FeatureState, p: FeatureProfile, now: number, span: Span | undefined): void {
    const window = p.window!;
    try {
      if (window.count > 0) p.last = window.summary(p.windowStartMs, now);
      const drift = p.drift;
      if (drift !== undefined) {
        const before = drift.last?.state ?? 0;
        const result = drift.closeWindow(this.options.rule);
        if (result.state === STATE_DRIFT && before !== STATE_DRIFT && span?.isRecording() === true) driftEvent(state, p, span);
      }
    } catch (error) {
      diag.warn(`featurescope/quality: closing the window of ${state.feature} failed`, error);
    }
    window.clear();
    p.windowStartMs = now;
  }
}

/** Statistics only, never a value: all finite by construction of the binned statistics. */
function driftEvent(state: FeatureState, p: FeatureProfile, span: Span): void {
  const drift = p.drift!;
  const d = drift.last!;
  const sd = drift.baseline.stddev;
  const window = p.last;
  // A constant baseline has σ = 0: the mean shift is then left out rather than ±Infinity.
  const meanShift = window !== undefined && sd > 0 ? (window.mean - drift.baseline.mean) / sd : undefined;
  span.addEvent(EVENT_DRIFT, {
    [ATTR_DB_COLLECTION_NAME]: state.group,
    [ATTR_FEATURE_NAME]: state.feature,
    [ATTR_SOURCE]: p.source,
    [ATTR_BASELINE_ID]: drift.baselineId,
    [ATTR_DRIFT_STATE]: d.state,
    [ATTR_DRIFT_PSI]: d.psi,
    [ATTR_DRIFT_CHI_SQUARE]: d.chiSquare,
    [ATTR_DRIFT_PVALUE]: d.chiSquarePValue,
    [ATTR_DRIFT_KS_BINNED]: d.ksBinned,
    [ATTR_DRIFT_JS_DISTANCE]: d.jsDistance,
    ...(meanShift !== undefined && Number.isFinite(meanShift) ? { [ATTR_DRIFT_MEAN_SHIFT]: meanShift } : {}),
    [ATTR_DRIFT_WINDOW_COUNT]: d.count,
  });
}
