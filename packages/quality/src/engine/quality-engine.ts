import { diag, type Span } from '@opentelemetry/api';
import {
  FeatureStoreError,
  RecentNameLists,
  ServedValuesBuffer,
  type ResolvedNameList,
  type ServedValues,
  type FeatureStoreObserver,
  type LookupRequest,
  type LookupResult,
  type UpsertRequest,
  type VectorSearchRequest,
  type VectorSearchResult,
  type VectorUpsertRequest,
} from '@featurescope/core';
import { SlotHistograms } from '@featurescope/core';
import { parseBaseline, type BaselineDocument } from '../baseline/baseline-artifact.js';
import { readBaselineSource, writeBaselineFile } from '../baseline/baseline-file.js';
import { FeatureProfile, type ProfileSource } from '../profile/feature-profile.js';
import { FeatureState } from '../profile/feature-state.js';
import { FeatureTable } from '../profile/feature-table.js';
import {
  FRESHNESS_BUCKETS,
  METRIC_INGEST_LAG,
  METRIC_STALENESS,
  OVERFLOW_NAME,
} from '../semconv.js';
import { EngineMetrics } from '../telemetry/engine-metrics.js';
import { VectorQuality } from '../vector/vector-quality.js';
import { Baselines, type BaselineSummary } from './baselines.js';
import type { BaselineSource, ResolvedQualityOptions } from './options.js';
import { snapshotOf, type FeatureSnapshot, type SnapshotOptions } from './snapshot.js';
import { checkUpsertRules } from './upsert-rules.js';
import { StaleValues } from './stale-values.js';
import { SOURCES, Windows } from './windows.js';

export type { BaselineSummary } from './baselines.js';

/** FeatureState object, its attribute object and map entry (measured, Node 20 x64). */
const STATE_OVERHEAD_BYTES = 600;
/** Profile, Distribution and moments objects, attribute object, typed-array headers (measured). */
const PROFILE_OVERHEAD_BYTES = 400;
/** FeatureDrift, its binner and B attribute objects at B = 20 (measured, benchmarks/src/micro/drift-binning.ts), beyond 24 B per bin. */
const DRIFT_OVERHEAD_BYTES = 2600;
/** `ResolvedNameList.flags` of a feature list where some feature has a `maxStalenessSeconds` rule. */
const HAS_STALENESS_LIMIT = 1;

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
  readonly #windows: Windows;
  readonly #baselines: Baselines;
  /** Next aligned vector window boundary, ms. */
  #nextVectorBoundary = 0;
  /**
   * Settles when the configured `baseline` artifact is installed (undefined without one). A
   * failure is logged and rejects this promise only; the engine runs on without a baseline.
   */
  readonly baselineReady: Promise<BaselineSummary | undefined>;
  readonly #stale = new StaleValues();
  readonly #lookupLists = new RecentNameLists();
  /** For direct `afterLookup` calls without the instrumentation's flattened values. */
  readonly #served = new ServedValuesBuffer();
  /** Values that landed in the overflow series, cumulative. */
  overflowValues = 0;
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
    this.#windows = new Windows(options, this.#table);
    this.#baselines = new Baselines(options, this.#table, this.#vectors, this.#windows, (state, now) => this.#profileOf(state, options.driftSource, now, true)!);
    this.#metrics = new EngineMetrics(options.meterProvider, this, this.#table, this.#vectors);
    const source = options.baseline;
    this.baselineReady = source === undefined ? Promise.resolve(undefined) : this.loadBaseline(source);
    this.baselineReady.catch((error: unknown) => diag.warn('featurescope/quality: loading the configured baseline failed; running without one', error));
  }

  // ---- FeatureStoreObserver --------------------------------------------------------------------

  /** Applies the registry's rules to the rows about to be written; a `reject` rule throws `InvalidInputError`. */
  beforeUpsert(request: UpsertRequest, _span: Span): void {
    if (this.#closed || this.#options.registry.scalars.size === 0) return;
    checkUpsertRules(request, this.#options.registry.scalars, this.#table, (state) =>
      this.#profileOf(state, 'upsert', this.#clock(Date.now()), false)?.nonFiniteAttempted(),
    );
  }

  /** Profiles the values written, records ingest lag and the last write time. */
  afterUpsert(request: UpsertRequest, span: Span, nowMs: number): void {
    if (this.#closed) return;
    const now = this.#clock(nowMs);
    if (this.#windows.due('upsert', now)) this.#windows.rotate('upsert', now, span);
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
        if (countWindows && p.window !== undefined && p.window.count >= maxCount) this.#windows.close(state, p, now, span);
      }
      const eventTime = row.eventTime;
      if (eventTime !== undefined) {
        // Clock skew can put eventTime in the future; a negative lag would only blur the histogram.
        const lag = now - eventTime.getTime();
        this.ingestLag.record(state.slot, lag > 0 ? lag / 1000 : 0, now);
      }
    }
  }

  /**
   * Profiles the values served, records their staleness, checks `maxStalenessSeconds`. `served` is
   * what the instrumentation already flattened; without it (a direct call) the engine collects it.
   */
  afterLookup(request: LookupRequest, result: LookupResult, span: Span, nowMs: number, served?: ServedValues): void {
    if (this.#closed) return;
    const now = this.#clock(nowMs);
    if (this.#windows.due('lookup', now)) this.#windows.rotate('lookup', now, span);
    const flat = served ?? this.#served.collect(request, result);
    const table = this.#table;
    const list = this.#lookupList(request.group, request.features);
    const slots = list.slots;
    const anyLimit = list.flags === HAS_STALENESS_LIMIT;
    if (anyLimit) this.#stale.clear(request.features.length);
    const staleCounts = this.#stale.counts;
    const staleMaxAge = this.#stale.maxAge;
    const profile = this.#options.profileLookups;
    const maxCount = this.#options.maxWindowCount;
    const { featureIndex, values, nulls, updatedAtMs } = flat;
    for (let i = 0; i < flat.count; i++) {
      const f = featureIndex[i]!;
      const slot = slots[f]!;
      const state = table.entry(slot);
      if (slot === 0) this.overflowValues++;
      if (profile) {
        const p = state.lookup ?? this.#createProfile(state, 'lookup', now);
        p.add(nulls[i] === 1 ? null : values[i]!);
        if (p.window !== undefined && p.window.count >= maxCount) this.#windows.close(state, p, now, span);
      }
      const ageMs = now - updatedAtMs[i]!;
      this.staleness.record(slot, ageMs > 0 ? ageMs / 1000 : 0, now);
      if (anyLimit && state.rule !== undefined && ageMs > state.rule.maxStalenessMs) {
        staleCounts[f]! += 1;
        if (ageMs > staleMaxAge[f]!) staleMaxAge[f] = ageMs;
      }
    }
    if (anyLimit) this.#stale.report(request, slots, span, table);
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
    if (now >= this.#nextVectorBoundary) {
      this.#nextVectorBoundary = (Math.floor(now / this.#options.windowMs) + 1) * this.#options.windowMs;
      this.#vectors.closeWindows(false);
    }
    this.#vectors.afterUpsert(request, now);
  }

  afterVectorSearch(request: VectorSearchRequest, result: VectorSearchResult, _span: Span, nowMs: number): void {
    if (this.#closed) return;
    this.#vectors.afterSearch(request, result, this.#clock(nowMs));
  }

  // ---- baselines -------------------------------------------------------------------------------

  /**
   * Starts a baseline capture: closes the windows in progress (so earlier values stay out), then
   * samples every value of the drift source (`drift.source`) until {@link finishBaselineCapture}.
   * Restarts the capture when one is already running.
   */
  startBaselineCapture(): void {
    const now = this.#clock(Date.now());
    this.#vectors.closeWindows(true);
    this.#baselines.start(now);
  }

  /**
   * Ends the capture: the values sampled since {@link startBaselineCapture} become the baseline
   * artifact (replacing the previous one entirely; drift counts restart under its new id).
   */
  finishBaselineCapture(): BaselineSummary {
    return this.#baselines.finish(this.#clock(Date.now()));
  }

  /**
   * The baseline artifact this engine captured (JSON-ready; no raw values beyond its quantile
   * tables). Throws for a loaded baseline: its artifact is the file or URL it came from.
   */
  baselineDocument(): BaselineDocument {
    return this.#baselines.document();
  }

  /** Writes the current baseline artifact to a JSON file (atomically: temporary file, then rename). */
  async saveBaseline(path: string): Promise<void> {
    await writeBaselineFile(path, this.baselineDocument());
  }

  /**
   * Reads, validates and installs a baseline artifact from a file path or an http(s) URL,
   * replacing the current baseline. Invalid content throws `BaselineFormatError` (nothing
   * changes); file-system and network errors pass through.
   */
  async loadBaseline(source: BaselineSource): Promise<BaselineSummary> {
    const doc = await readBaselineSource(source);
    return this.useBaseline(doc);
  }

  /** Validates and installs a baseline artifact given as a parsed document. */
  useBaseline(doc: unknown): BaselineSummary {
    return this.#baselines.install(parseBaseline(doc), this.#clock(Date.now()), false);
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
    this.#windows.closeAll(this.#clock(Date.now()));
    this.#vectors.closeWindows(true);
  }

  /** Admitted (group, feature) pairs with their own series (the overflow series not counted). */
  get featureCount(): number {
    return this.#table.admitted;
  }

  /**
   * Estimated bytes held by profiles, drift accumulators and freshness histograms. Typed arrays
   * are counted exactly; object overheads use constants calibrated on Node 20 heap snapshots.
   */
  memoryBytes(): number {
    let bytes = this.ingestLag.byteSize + this.staleness.byteSize;
    for (const state of this.#table.entries) {
      bytes += STATE_OVERHEAD_BYTES;
      for (const source of SOURCES) {
        const p = state.profile(source);
        if (p === undefined) continue;
        bytes += PROFILE_OVERHEAD_BYTES;
        if (p.drift !== undefined) bytes += DRIFT_OVERHEAD_BYTES + 24 * p.drift.bins.length;
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

  /** Slots of a lookup's feature list (admitting new pairs), resolved once per recently seen list. */
  #lookupList(group: string, features: readonly string[]): ResolvedNameList {
    let list = this.#lookupLists.find(group, features);
    if (list !== undefined) return list;
    const table = this.#table;
    list = this.#lookupLists.remember(group, features);
    let known = table.group(group);
    for (let f = 0; f < features.length; f++) {
      const slot = table.slotOf(group, features[f]!, known);
      known ??= table.group(group);
      list.slots[f] = slot;
      const limit = table.entry(slot).rule?.maxStalenessMs;
      if (limit !== undefined && limit !== Infinity) list.flags = HAS_STALENESS_LIMIT;
    }
    return list;
  }

  #clock(reportedMs: number): number {
    const now = this.#options.now;
    return now === undefined ? reportedMs : now();
  }

  #createProfile(state: FeatureState, source: ProfileSource, now: number): FeatureProfile {
    const profile = new FeatureProfile(source, state.attributes, state.slot !== 0, now);
    if (source === this.#options.driftSource && profile.window !== undefined) {
      profile.capture = this.#baselines.samplerForNewProfile();
      profile.drift = this.#baselines.driftForNewProfile(state);
    }
    if (source === 'upsert') state.upsert = profile;
    else state.lookup = profile;
    return profile;
  }

  #profileOf(state: FeatureState, source: ProfileSource, now: number, force: boolean): FeatureProfile | undefined {
    if (!force && (source === 'upsert' ? !this.#options.profileUpserts : !this.#options.profileLookups)) return undefined;
    return state.profile(source) ?? this.#createProfile(state, source, now);
  }

  #findState(feature: string, group: string | undefined): FeatureState | undefined {
    if (group !== undefined) {
      const slot = this.#table.find(group, feature);
      return slot === undefined ? undefined : this.#table.entry(slot);
    }
    return this.#table.entries.find((s) => s.slot !== 0 && s.feature === feature);
  }
}
