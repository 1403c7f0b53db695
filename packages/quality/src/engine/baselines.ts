import { FeatureStoreError } from '@featurescope/core';
import { baselineDocument, parseBaseline, type Baseline, type BaselineDocument, type BaselineFeatureDocument } from '../baseline/baseline-artifact.js';
import { BaselineSampler } from '../baseline/baseline-sampler.js';
import { FeatureDrift, type BaselineStats } from '../binned/feature-drift.js';
import { RankBinner } from '../binned/rank-binner.js';
import type { FeatureProfile } from '../profile/feature-profile.js';
import type { FeatureState } from '../profile/feature-state.js';
import type { FeatureTable } from '../profile/feature-table.js';
import type { VectorQuality } from '../vector/vector-quality.js';
import type { ResolvedQualityOptions } from './options.js';
import type { Windows } from './windows.js';

/** What a baseline capture or load produced. */
export interface BaselineSummary {
  /** The artifact's content-hash id (the `featurescope.baseline.id` attribute). */
  readonly id: string;
  /** Features that now have a baseline. */
  readonly profiles: number;
  /** Vector collections that now have a baseline centroid. */
  readonly vectors: number;
  /** Capture period, ms since the epoch. */
  readonly startMs: number;
  readonly endMs: number;
  /** Features of a loaded artifact that were not installed because the cardinality cap was reached. */
  readonly skipped: number;
}

/**
 * Baselines of one engine: live capture into per-feature samplers on the drift source, building
 * the artifact, and installing an artifact (every feature's drift accumulators restart at zero
 * under the new baseline id, so cumulative series of two baselines never mix). Installed, a
 * feature keeps its B − 1 edges (with the CDF jump at each) and N, mean, σ. The artifact's
 * document (≈ 24 KiB per feature at the default resolution of 1,024) is kept only when this
 * engine captured it, for `baselineDocument()`; a loaded artifact is the file it came from.
 */
export class Baselines {
  #capture: { startMs: number } | undefined;
  #current: { readonly id: string; readonly document: BaselineDocument | undefined } | undefined;

  #byFeature = new Map<string, { readonly stats: BaselineStats; readonly binner: RankBinner }>();

  constructor(
    readonly options: ResolvedQualityOptions,
    readonly table: FeatureTable<FeatureState>,
    readonly vectors: VectorQuality,
    readonly windows: Windows,
    /** Creates (or returns) the drift-source profile of a state. */
    readonly profileOf: (state: FeatureState, now: number) => FeatureProfile,
  ) {}

  /** Drift accumulators for a profile created after the baseline was installed, else undefined. */
  driftForNewProfile(state: FeatureState): FeatureDrift | undefined {
    const feature = this.#byFeature.get(`${state.group}\u0000${state.feature}`);
    return feature === undefined || this.#current === undefined ? undefined : new FeatureDrift(feature.stats, this.#current.id, feature.binner, state.attributes);
  }

  get capturing(): boolean {
    return this.#capture !== undefined;
  }

  /** The installed artifact's id, if any. */
  get currentId(): string | undefined {
    return this.#current?.id;
  }

  /** Starts sampling every drift-source profile (and the ones created later) from now on. */
  start(now: number): void {
    this.windows.closeAll(now);
    this.#capture = { startMs: now };
    for (const state of this.table.entries) {
      const p = state.profile(this.options.driftSource);
      if (p?.window !== undefined) p.capture = new BaselineSampler(this.options.baselineMaxSample);
    }
    this.vectors.startCapture();
  }

  /** A sampler for a profile created while a capture runs, else undefined. */
  samplerForNewProfile(): BaselineSampler | undefined {
    return this.#capture === undefined ? undefined : new BaselineSampler(this.options.baselineMaxSample);
  }

  /** Builds the artifact from the samplers and installs it. */
  finish(now: number): BaselineSummary {
    const capture = this.#capture;
    if (capture === undefined) throw new FeatureStoreError('finishBaselineCapture: no capture is running; call startBaselineCapture() first');
    this.windows.closeAll(now);
    const features: BaselineFeatureDocument[] = [];
    for (const state of this.table.entries) {
      const p = state.profile(this.options.driftSource);
      const sampler = p?.capture;
      if (p === undefined || sampler === undefined) continue;
      p.capture = undefined;
      const doc = sampler.build(state.group, state.feature);
      if (doc !== undefined) features.push(doc);
    }
    const vectors = this.vectors.finishCapture();
    this.#capture = undefined;
    return this.install(parseBaseline(baselineDocument(features, vectors, { startMs: capture.startMs, endMs: now })), now, true);
  }

  /** Replaces the baseline of every feature and collection with the artifact's. */
  install(baseline: Baseline, now: number, keepDocument: boolean): BaselineSummary {
    this.windows.closeAll(now);
    for (const state of this.table.entries) {
      const p = state.profile(this.options.driftSource);
      if (p !== undefined) p.drift = undefined;
    }
    let profiles = 0;
    let skipped = 0;
    this.#current = { id: baseline.id, document: keepDocument ? baseline.document : undefined };
    this.#byFeature = new Map(
      baseline.features.map((f) => [`${f.group}\u0000${f.feature}`, { stats: { count: f.count, mean: f.mean, stddev: f.stddev }, binner: new RankBinner(f.cdf, this.options.bins) }]),
    );
    for (const feature of baseline.features) {
      const slot = this.table.slotOf(feature.group, feature.feature);
      const state = this.table.entry(slot);
      if (slot === 0) {
        skipped++;
        continue;
      }
      const p = this.profileOf(state, now);
      if (p.window === undefined) continue;
      p.drift = this.driftForNewProfile(state);
      profiles++;
    }
    this.vectors.clearBaselines();
    for (const v of baseline.vectors) this.vectors.setBaseline(v);
    const vectors = this.vectors.collections.filter((c) => c.baseline !== undefined).length;
    return { id: baseline.id, profiles, vectors, startMs: baseline.startMs, endMs: baseline.endMs, skipped };
  }

  document(): BaselineDocument {
    if (this.#current === undefined) throw new FeatureStoreError('No baseline yet: capture one (startBaselineCapture / finishBaselineCapture) first');
    if (this.#current.document === undefined) throw new FeatureStoreError(`Baseline ${this.#current.id} was loaded, not captured here: its artifact is the file or URL it came from`);
    return this.#current.document;
  }
}
