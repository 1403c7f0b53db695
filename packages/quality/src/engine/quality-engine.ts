import { diag, type Span } from '@opentelemetry/api';
import {
  FeatureStoreError,
  ProblemCollector,
  type FeatureStoreObserver,
  type LookupRequest,
  type LookupResult,
  type UpsertRequest,
  type VectorSearchRequest,
  type VectorSearchResult,
  type VectorUpsertRequest,
} from '@featurescope/core';
import { BaselineProfile } from '../baseline/baseline-profile.js';
import { BASELINE_FORMAT, BASELINE_VERSION, parseBaselineDocument, type BaselineDocument, type ParsedBaseline } from '../baseline/baseline-document.js';
import { readBaselineFile, writeBaselineFile } from '../baseline/baseline-file.js';
import { DRIFT, evaluateDrift } from '../drift/evaluate-drift.js';
import { SlotHistograms } from '@featurescope/core';
import { Distribution, FeatureProfile, type ProfileSource } from '../profile/feature-profile.js';
import { FeatureState } from '../profile/feature-state.js';
import { FeatureTable } from '../profile/feature-table.js';
import { RULE_FINITE, RULE_STALENESS, describeViolation, violatedRule } from '../registry/compiled-rules.js';
import {
  ATTR_DB_COLLECTION_NAME,
  ATTR_DRIFT_JS_DISTANCE,
  ATTR_DRIFT_KS_PVALUE,
  ATTR_DRIFT_KS_STATISTIC,
  ATTR_DRIFT_MEAN_SHIFT,
  ATTR_DRIFT_PSI,
  ATTR_DRIFT_STATE,
  ATTR_DRIFT_WASSERSTEIN,
  ATTR_DRIFT_WINDOW_COUNT,
  ATTR_FEATURE_NAME,
  ATTR_SOURCE,
  ATTR_STALE_COUNT,
  ATTR_STALE_LIMIT,
  ATTR_STALE_MAX_AGE,
  EVENT_DRIFT,
  EVENT_STALE,
  FRESHNESS_BUCKETS,
  METRIC_INGEST_LAG,
  METRIC_STALENESS,
  OVERFLOW_NAME,
} from '../semconv.js';
import { EngineMetrics } from '../telemetry/engine-metrics.js';
import { VectorQuality } from '../vector/vector-quality.js';
import type { ResolvedQualityOptions } from './options.js';
import { snapshotOf, type FeatureSnapshot, type SnapshotOptions } from './snapshot.js';

/** What a baseline capture or load produced. */
export interface BaselineSummary {
  /** Feature profiles (group, feature, source) that now have a baseline. */
  readonly profiles: number;
  /** Vector collections that now have a baseline centroid. */
  readonly vectors: number;
  /** Capture period, ms since the epoch. */
  readonly startMs: number;
  readonly endMs: number;
  /** Profiles of a loaded file that were not installed because the cardinality cap was reached. */
  readonly skipped: number;
}

const SOURCES: readonly ProfileSource[] = ['upsert', 'lookup'];
/** FeatureState object, its attribute object and map entry (measured, Node 20 x64). */
const STATE_OVERHEAD_BYTES = 600;
/** Profile, Distribution and moments objects, attribute object, typed-array headers (measured). */
const PROFILE_OVERHEAD_BYTES = 400;

/**
 * The data-quality engine: a {@link FeatureStoreObserver} that profiles values, tracks freshness,
 * compares tumbling windows with a baseline, applies the feature registry's rules and watches
 * vector quality. Plug it into `instrumentFeatureStore(store, { observers: [engine] })`.
 * Everything on the call path aggregates into preallocated state; export happens at collection.
 */
export class QualityEngine implements FeatureStoreObserver {
  readonly #options: ResolvedQualityOptions;
  readonly #table: FeatureTable<FeatureState>;
  readonly #vectors: VectorQuality;
  readonly ingestLag = new SlotHistograms(METRIC_INGEST_LAG, 'Seconds from a value\'s eventTime to its successful write', 's', FRESHNESS_BUCKETS);
  readonly staleness = new SlotHistograms(METRIC_STALENESS, 'Seconds since a served value was written, at lookup', 's', FRESHNESS_BUCKETS);
  readonly #metrics: EngineMetrics;
  /** Next aligned window boundary per source (upsert, lookup, vector), ms. */
  readonly #nextBoundary = new Float64Array(3);
  // Reused per lookup: slot, rule limit, stale count and oldest stale age per requested feature.
  #lookupSlots = new Int32Array(16);
  #staleCounts = new Float64Array(16);
  #staleMaxAge = new Float64Array(16);
  /** Values that landed in the overflow series, cumulative. */
  overflowValues = 0;
  #capture: { startMs: number } | undefined;
  #baselinePeriod: { startMs: number; endMs: number } | undefined;
  #closed = false;

  constructor(options: ResolvedQualityOptions) {
    this.#options = options;
    const registered = new Set(options.registry.scalars.keys());
    this.#table = new FeatureTable(
      options.maxFeatures,
      options.allowList,
      registered,
      new FeatureState(0, OVERFLOW_NAME, OVERFLOW_NAME, undefined),
      (slot, group, feature) => new FeatureState(slot, group, feature, options.registry.scalars.get(feature)),
    );
    this.#vectors = new VectorQuality(options.registry.vectors, options.maxCollections, options.minWindowCount);
    this.#metrics = new EngineMetrics(options.meterProvider, this, this.#table, this.#vectors);
  }

  // ---- FeatureStoreObserver --------------------------------------------------------------------

  /** Applies the registry's rules to the rows about to be written; a `reject` rule throws `InvalidInputError`. */
  beforeUpsert(request: UpsertRequest, _span: Span): void {
    if (this.#closed || this.#options.registry.scalars.size === 0) return;
    const rows: unknown = request?.rows;
    const group = request?.group;
    if (!Array.isArray(rows) || typeof group !== 'string') return; // core's validation reports these
    const rules = this.#options.registry.scalars;
    let problems: ProblemCollector | undefined;
    try {
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i] as { feature?: unknown; value?: unknown } | null | undefined;
        const feature = row?.feature;
        if (typeof feature !== 'string') continue;
        const rule = rules.get(feature);
        if (rule === undefined) continue;
        const violated = violatedRule(rule, row!.value as number | null);
        if (violated < 0) continue;
        const state = this.#table.entry(this.#table.slotOf(group, feature));
        state.countViolation(violated, 1);
        // Core rejects non-finite values on upsert; this is the one place they can still be seen.
        if (violated === RULE_FINITE) this.#profileOf(state, 'upsert', this.#clock(Date.now()))?.nonFiniteAttempted();
        if (rule.policy === 'reject') {
          (problems ??= new ProblemCollector()).add('VALIDATION_RULE', i, `rows[${i}].value`, `feature "${feature}" ${describeViolation(rule, violated)}`);
        }
      }
    } catch (error) {
      diag.warn('featurescope/quality: checking rules failed; the upsert is unaffected', error);
      return;
    }
    problems?.throwIfAny();
  }

  /** Profiles the values written, records ingest lag and the last write time. */
  afterUpsert(request: UpsertRequest, span: Span, nowMs: number): void {
    if (this.#closed) return;
    const now = this.#clock(nowMs);
    if (now >= this.#nextBoundary[0]!) this.#rotate('upsert', now, span);
    const table = this.#table;
    const entries = table.entries;
    const group = request.group;
    const rows = request.rows;
    const profile = this.#options.profileUpserts;
    const countWindows = this.#options.maxWindowCount < Number.MAX_SAFE_INTEGER;
    const maxCount = this.#options.maxWindowCount;
    let features = table.group(group);
    // Batches are often written feature by feature: consecutive rows then skip the map lookup.
    let lastFeature: string | undefined;
    let state = entries[0]!;
    let p: FeatureProfile | undefined;
    let overflow = false;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (row.feature !== lastFeature) {
        lastFeature = row.feature;
        const slot = features?.get(lastFeature) ?? table.slotOf(group, lastFeature);
        features ??= table.group(group);
        state = entries[slot]!;
        state.lastWriteMs = now;
        overflow = slot === 0;
        p = profile ? (state.upsert ?? this.#createProfile(state, 'upsert', now)) : undefined;
      }
      if (overflow) this.overflowValues++;
      if (p !== undefined) {
        p.add(row.value);
        if (countWindows && p.window !== undefined && p.window.values >= maxCount) this.#closeWindow(state, p, now, span, false);
      }
      const eventTime = row.eventTime;
      if (eventTime !== undefined) {
        // Clock skew can put eventTime in the future; a negative lag would only blur the histogram.
        const lag = now - eventTime.getTime();
        this.ingestLag.record(state.slot, lag > 0 ? lag / 1000 : 0, now);
      }
    }
  }

  /** Profiles the values served, records their staleness, checks `maxStalenessSeconds`. */
  afterLookup(request: LookupRequest, result: LookupResult, span: Span, nowMs: number): void {
    if (this.#closed) return;
    const now = this.#clock(nowMs);
    if (now >= this.#nextBoundary[1]!) this.#rotate('lookup', now, span);
    const table = this.#table;
    const featureNames = request.features;
    const featureCount = featureNames.length;
    if (featureCount > this.#lookupSlots.length) this.#growLookupBuffers(featureCount);
    const slots = this.#lookupSlots;
    const staleCounts = this.#staleCounts;
    const staleMaxAge = this.#staleMaxAge;
    let anyLimit = false;
    let features = table.group(request.group);
    for (let f = 0; f < featureCount; f++) {
      slots[f] = table.slotOf(request.group, featureNames[f]!, features);
      features ??= table.group(request.group);
      staleCounts[f] = 0;
      staleMaxAge[f] = 0;
      const limit = table.entry(slots[f]!).rule?.maxStalenessMs;
      if (limit !== undefined && limit !== Infinity) anyLimit = true;
    }
    const profile = this.#options.profileLookups;
    const maxCount = this.#options.maxWindowCount;
    for (const entityId of request.entityIds) {
      const found = result.values.get(entityId);
      if (found === undefined) continue;
      for (let f = 0; f < featureCount; f++) {
        const stored = found.get(featureNames[f]!);
        if (stored === undefined) continue;
        const slot = slots[f]!;
        const state = table.entry(slot);
        if (slot === 0) this.overflowValues++;
        if (profile) {
          const p = state.lookup ?? this.#createProfile(state, 'lookup', now);
          p.add(stored.value);
          if (p.window !== undefined && p.window.values >= maxCount) this.#closeWindow(state, p, now, span, false);
        }
        const ageMs = now - stored.updatedAt.getTime();
        this.staleness.record(slot, ageMs > 0 ? ageMs / 1000 : 0, now);
        if (anyLimit && state.rule !== undefined && ageMs > state.rule.maxStalenessMs) {
          staleCounts[f]! += 1;
          if (ageMs > staleMaxAge[f]!) staleMaxAge[f] = ageMs;
        }
      }
    }
    if (anyLimit) this.#reportStale(request, span);
  }

  /** Counts invalid vectors (so rejected batches are seen); a `reject` rule throws `InvalidInputError`. */
  beforeVectorUpsert(request: VectorUpsertRequest, _span: Span): void {
    if (this.#closed) return;
    try {
      this.#vectors.beforeUpsert(request);
    } catch (error) {
      if (error instanceof FeatureStoreError) throw error;
      diag.warn('featurescope/quality: checking vectors failed; the upsert is unaffected', error);
    }
  }

  afterVectorUpsert(request: VectorUpsertRequest, _span: Span, nowMs: number): void {
    if (this.#closed) return;
    const now = this.#clock(nowMs);
    if (now >= this.#nextBoundary[2]!) this.#rotateVectors(now);
    this.#vectors.afterUpsert(request, now);
  }

  afterVectorSearch(request: VectorSearchRequest, result: VectorSearchResult, _span: Span, nowMs: number): void {
    if (this.#closed) return;
    this.#vectors.afterSearch(request, result, this.#clock(nowMs));
  }

  // ---- baselines -------------------------------------------------------------------------------

  /**
   * Starts a baseline capture: closes the windows in progress (so earlier values stay out), then
   * merges every window that closes until {@link finishBaselineCapture} into the baseline.
   * Restarts the capture when one is already running.
   */
  startBaselineCapture(): void {
    const now = this.#clock(Date.now());
    this.#closeAll(now);
    this.#capture = { startMs: now };
    for (const state of this.#table.entries) {
      for (const source of SOURCES) {
        const p = state.profile(source);
        if (p?.window !== undefined) p.capture = new Distribution();
      }
    }
    this.#vectors.startCapture();
  }

  /**
   * Ends the capture: the values profiled since {@link startBaselineCapture} become the baseline of
   * every profile that saw any (replacing the previous baseline entirely), and drift restarts at ok.
   */
  finishBaselineCapture(): BaselineSummary {
    const now = this.#clock(Date.now());
    const capture = this.#capture;
    if (capture === undefined) throw new FeatureStoreError('finishBaselineCapture: no capture is running; call startBaselineCapture() first');
    this.#closeAll(now);
    let profiles = 0;
    for (const state of this.#table.entries) {
      for (const source of SOURCES) {
        const p = state.profile(source);
        if (p === undefined) continue;
        const captured = p.capture;
        p.capture = undefined;
        p.drift = undefined;
        p.baseline = undefined;
        if (captured === undefined || captured.count === 0) continue;
        p.baseline = new BaselineProfile(captured.moments, captured.sketch, captured.nulls, captured.values, this.#options.bins);
        profiles++;
      }
    }
    this.#vectors.clearBaselines();
    const vectors = this.#vectors.finishCapture();
    this.#capture = undefined;
    this.#baselinePeriod = { startMs: capture.startMs, endMs: now };
    return { profiles, vectors, startMs: capture.startMs, endMs: now, skipped: 0 };
  }

  /**
   * Makes the values profiled in the current windows (since the last window boundary) the
   * baseline, then starts new windows. With a capture running, finishes it instead.
   */
  captureBaseline(): BaselineSummary {
    if (this.#capture !== undefined) return this.finishBaselineCapture();
    let startMs = this.#clock(Date.now());
    for (const state of this.#table.entries) {
      for (const source of SOURCES) {
        const p = state.profile(source);
        if (p?.window === undefined) continue;
        p.capture = new Distribution();
        if (p.window.count > 0 && p.windowStartMs < startMs) startMs = p.windowStartMs;
      }
    }
    this.#vectors.startCapture();
    this.#capture = { startMs };
    return this.finishBaselineCapture();
  }

  /** The current baseline as a JSON-ready document (no raw values: sketches and moments). */
  baselineDocument(): BaselineDocument {
    const period = this.#baselinePeriod;
    if (period === undefined) throw new FeatureStoreError('No baseline yet: capture one (captureBaseline / startBaselineCapture) or load one first');
    const profiles: BaselineDocument['profiles'][number][] = [];
    for (const state of this.#table.entries) {
      for (const source of SOURCES) {
        const baseline = state.profile(source)?.baseline;
        if (baseline === undefined) continue;
        profiles.push({
          group: state.group,
          feature: state.feature,
          source,
          values: baseline.values,
          nulls: baseline.nulls,
          moments: baseline.moments.toJSON(),
          sketch: baseline.sketch.toJSON(),
        });
      }
    }
    const vectors = this.#vectors.collections
      .filter((c) => c.baselineCentroid !== undefined)
      .map((c) => ({ collection: c.name, count: c.baselineCount, centroid: Array.from(c.baselineCentroid!) }));
    return {
      format: BASELINE_FORMAT,
      version: BASELINE_VERSION,
      createdAt: new Date(period.endMs).toISOString(),
      startMs: period.startMs,
      endMs: period.endMs,
      profiles,
      vectors,
    };
  }

  /** Writes the current baseline to a JSON file (atomically: temporary file, then rename). */
  async saveBaseline(path: string): Promise<void> {
    await writeBaselineFile(path, this.baselineDocument());
  }

  /**
   * Reads, validates and installs a baseline file, replacing the current baseline. Invalid content
   * throws `BaselineFormatError` (and nothing changes); file-system errors pass through.
   */
  async loadBaseline(path: string): Promise<BaselineSummary> {
    return this.#install(await readBaselineFile(path));
  }

  /** Validates and installs a baseline document (e.g. one kept elsewhere than a file). */
  useBaseline(doc: unknown): BaselineSummary {
    return this.#install(parseBaselineDocument(doc));
  }

  // ---- inspection and lifecycle ------------------------------------------------------------------

  /**
   * The current numbers of one feature's profile, for tests and the monitor. Without `group`, the
   * first group the feature was seen in. `undefined` when the feature has no series of its own.
   */
  snapshot(feature: string, options: SnapshotOptions = {}): FeatureSnapshot | undefined {
    const state = this.#findState(feature, options.group);
    if (state === undefined) return undefined;
    return snapshotOf(state, options.source ?? 'upsert', this, this.#clock(Date.now()));
  }

  /** Closes every window now (as if the window boundary had passed), evaluating drift. For tests and shutdown. */
  closeWindows(): void {
    this.#closeAll(this.#clock(Date.now()));
  }

  /** Admitted (group, feature) pairs with their own series (the overflow series not counted). */
  get featureCount(): number {
    return this.#table.admitted;
  }

  /**
   * Estimated bytes held by profiles, baselines and freshness histograms. Typed arrays are counted
   * exactly; object overheads (states, attribute objects, map entries, array headers) use constants
   * calibrated against heap measurements of 10,000 features on Node 20.
   */
  memoryBytes(): number {
    let bytes = this.ingestLag.byteSize + this.staleness.byteSize;
    for (const state of this.#table.entries) {
      bytes += STATE_OVERHEAD_BYTES;
      for (const source of SOURCES) {
        const p = state.profile(source);
        if (p === undefined) continue;
        bytes += PROFILE_OVERHEAD_BYTES;
        if (p.window !== undefined) bytes += p.window.byteSize;
        if (p.capture !== undefined) bytes += p.capture.byteSize + PROFILE_OVERHEAD_BYTES;
        if (p.baseline !== undefined) bytes += p.baseline.sketch.byteSize + 40 + p.baseline.edges.byteLength + PROFILE_OVERHEAD_BYTES;
      }
    }
    return bytes;
  }

  /** Stops exporting (removes the metric callback and the histogram source); later calls are ignored. Idempotent. */
  shutdown(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#metrics.shutdown();
  }

  /** Admitted feature states, overflow first (for the metrics exporter). */
  get states(): readonly FeatureState[] {
    return this.#table.entries;
  }

  // ---- internals ---------------------------------------------------------------------------------

  #clock(reportedMs: number): number {
    const now = this.#options.now;
    return now === undefined ? reportedMs : now();
  }

  #createProfile(state: FeatureState, source: ProfileSource, now: number): FeatureProfile {
    const profile = new FeatureProfile(source, state.attributes, state.slot !== 0, now);
    if (this.#capture !== undefined && profile.window !== undefined) profile.capture = new Distribution();
    if (source === 'upsert') state.upsert = profile;
    else state.lookup = profile;
    return profile;
  }

  #profileOf(state: FeatureState, source: ProfileSource, now: number): FeatureProfile | undefined {
    if (source === 'upsert' ? !this.#options.profileUpserts : !this.#options.profileLookups) return undefined;
    return state.profile(source) ?? this.#createProfile(state, source, now);
  }

  /** Closes the windows of one source that have enough values; the rest keep collecting. */
  #rotate(source: ProfileSource, now: number, span: Span | undefined): void {
    const windowMs = this.#options.windowMs;
    this.#nextBoundary[source === 'upsert' ? 0 : 1] = (Math.floor(now / windowMs) + 1) * windowMs;
    const minCount = this.#options.minWindowCount;
    for (const state of this.#table.entries) {
      const p = state.profile(source);
      if (p?.window !== undefined && p.window.count >= minCount) this.#closeWindow(state, p, now, span, false);
    }
  }

  #rotateVectors(now: number): void {
    const windowMs = this.#options.windowMs;
    this.#nextBoundary[2] = (Math.floor(now / windowMs) + 1) * windowMs;
    this.#vectors.closeWindows(false);
  }

  /** Closes every window whatever its count (capture boundaries, `closeWindows()`). */
  #closeAll(now: number): void {
    for (const state of this.#table.entries) {
      for (const source of SOURCES) {
        const p = state.profile(source);
        if (p?.window !== undefined && p.window.values > 0) this.#closeWindow(state, p, now, undefined, true);
      }
    }
    this.#vectors.closeWindows(true);
  }

  /**
   * Ends one profile's window: its summary becomes the exported profile, drift is evaluated when
   * there is a baseline and enough values, a running capture absorbs it, and a new window starts.
   */
  #closeWindow(state: FeatureState, p: FeatureProfile, now: number, span: Span | undefined, forced: boolean): void {
    const window = p.window!;
    try {
      if (window.count > 0) p.last = window.summary(p.windowStartMs, now);
      if (p.baseline !== undefined && window.count >= this.#options.minWindowCount) {
        const before = p.drift?.state ?? 0;
        p.drift = evaluateDrift(p.baseline, window, this.#options, now);
        if (p.drift.state === DRIFT && before !== DRIFT && span?.isRecording() === true) this.#driftEvent(state, p, span);
      }
      p.capture?.merge(window);
    } catch (error) {
      diag.warn(`featurescope/quality: closing the window of ${state.feature} failed${forced ? ' (forced)' : ''}`, error);
    }
    window.clear();
    p.windowStartMs = now;
  }

  #driftEvent(state: FeatureState, p: FeatureProfile, span: Span): void {
    const d = p.drift!;
    span.addEvent(EVENT_DRIFT, {
      [ATTR_DB_COLLECTION_NAME]: state.group,
      [ATTR_FEATURE_NAME]: state.feature,
      [ATTR_SOURCE]: p.source,
      [ATTR_DRIFT_STATE]: d.state,
      [ATTR_DRIFT_PSI]: d.psi,
      [ATTR_DRIFT_KS_STATISTIC]: d.ksStatistic,
      [ATTR_DRIFT_KS_PVALUE]: d.ksPValue,
      [ATTR_DRIFT_JS_DISTANCE]: d.jsDistance,
      [ATTR_DRIFT_WASSERSTEIN]: d.wasserstein,
      [ATTR_DRIFT_MEAN_SHIFT]: d.meanShift,
      [ATTR_DRIFT_WINDOW_COUNT]: d.windowCount,
    });
  }

  /** Counts stale values per feature and adds one span event per feature that had any. */
  #reportStale(request: LookupRequest, span: Span): void {
    const recording = span.isRecording();
    for (let f = 0; f < request.features.length; f++) {
      const stale = this.#staleCounts[f]!;
      if (stale === 0) continue;
      const state = this.#table.entry(this.#lookupSlots[f]!);
      state.countViolation(RULE_STALENESS, stale);
      if (!recording) continue;
      span.addEvent(EVENT_STALE, {
        [ATTR_DB_COLLECTION_NAME]: state.group,
        [ATTR_FEATURE_NAME]: state.feature,
        [ATTR_STALE_COUNT]: stale,
        [ATTR_STALE_MAX_AGE]: this.#staleMaxAge[f]! / 1000,
        [ATTR_STALE_LIMIT]: state.rule!.maxStalenessMs / 1000,
      });
    }
  }

  #growLookupBuffers(size: number): void {
    let length = this.#lookupSlots.length;
    while (length < size) length *= 2;
    this.#lookupSlots = new Int32Array(length);
    this.#staleCounts = new Float64Array(length);
    this.#staleMaxAge = new Float64Array(length);
  }

  #install(parsed: ParsedBaseline): BaselineSummary {
    let profiles = 0;
    let skipped = 0;
    const now = this.#clock(Date.now());
    for (const state of this.#table.entries) {
      for (const source of SOURCES) {
        const p = state.profile(source);
        if (p === undefined) continue;
        p.baseline = undefined;
        p.drift = undefined;
      }
    }
    for (const doc of parsed.profiles) {
      const slot = this.#table.slotOf(doc.group, doc.feature);
      const state = this.#table.entry(slot);
      const p = slot === 0 ? undefined : this.#profileOf(state, doc.source, now);
      if (p?.window === undefined) {
        skipped++;
        continue;
      }
      p.baseline = new BaselineProfile(doc.moments, doc.sketch, doc.nulls, doc.values, this.#options.bins);
      profiles++;
    }
    this.#vectors.clearBaselines();
    for (const v of parsed.vectors) this.#vectors.setBaseline(v.collection, v.centroid, v.count);
    const vectors = this.#vectors.collections.filter((c) => c.baselineCentroid !== undefined).length;
    this.#baselinePeriod = { startMs: parsed.startMs, endMs: parsed.endMs };
    return { profiles, vectors, startMs: parsed.startMs, endMs: parsed.endMs, skipped };
  }

  #findState(feature: string, group: string | undefined): FeatureState | undefined {
    if (group !== undefined) {
      const slot = this.#table.find(group, feature);
      return slot === undefined ? undefined : this.#table.entry(slot);
    }
    return this.#table.entries.find((s) => s.slot !== 0 && s.feature === feature);
  }
}
