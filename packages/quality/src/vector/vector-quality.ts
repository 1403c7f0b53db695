import type { Attributes } from '@opentelemetry/api';
import { BoundedNames, ProblemCollector, type VectorSearchRequest, type VectorSearchResult, type VectorUpsertRequest } from '@featurescope/core';
import { SlotHistograms } from '@featurescope/core';
import type { CompiledVectorRule } from '../registry/compiled-rules.js';
import {
  ATTR_DB_COLLECTION_NAME,
  ATTR_POLICY,
  ATTR_RULE,
  ATTR_VECTOR_PROBLEM,
  METRIC_VECTOR_NORM,
  METRIC_VECTOR_SEARCH_RESULTS,
  METRIC_VECTOR_SEARCH_TOP_SCORE,
  SEARCH_RESULT_BUCKETS,
  TOP_SCORE_BUCKETS,
  VECTOR_NORM_BUCKETS,
} from '../semconv.js';
import type { BaselineVectorDocument } from '../baseline/baseline-artifact.js';
import { CentroidAccumulator, centroidShift } from './centroid.js';

/** Problems counted by `featurescope.vector.invalid`, in counter order. */
export const VECTOR_PROBLEMS = ['dimension', 'non_finite', 'zero'] as const;
export type VectorProblem = (typeof VECTOR_PROBLEMS)[number];

const DIMENSION = 0;
const NON_FINITE = 1;
const ZERO = 2;

/** Everything kept for one collection (or the `_other` overflow slot). */
export class CollectionQuality {
  readonly attributes: Attributes;
  readonly problemAttributes: readonly Attributes[];
  readonly violationAttributes: readonly Attributes[] | undefined;
  /** Invalid vectors by problem, cumulative. */
  readonly invalid = new Float64Array(3);
  /** Rule violations by problem (registered collections only), cumulative. */
  readonly violations = new Float64Array(3);
  /** Dimension fixed by the registry, or by the first vector written. */
  dimension: number;
  window: CentroidAccumulator | undefined;
  capture: CentroidAccumulator | undefined;
  baseline: BaselineVectorDocument | undefined;
  /** Top-1 scores while a capture runs: count, Σ, Σ². */
  readonly scoreCapture = new Float64Array(3);
  /**
   * Centroid shift of the last completed window in units of its no-drift noise (see
   * `centroidShift`): about 1 when nothing moved; NaN until known.
   */
  centroidDrift = Number.NaN;

  constructor(
    readonly slot: number,
    readonly name: string,
    readonly rule: CompiledVectorRule | undefined,
  ) {
    this.attributes = Object.freeze({ [ATTR_DB_COLLECTION_NAME]: name });
    this.problemAttributes = VECTOR_PROBLEMS.map((problem) => Object.freeze({ ...this.attributes, [ATTR_VECTOR_PROBLEM]: problem }));
    this.violationAttributes = rule === undefined ? undefined : VECTOR_PROBLEMS.map((problem) => Object.freeze({ ...this.attributes, [ATTR_RULE]: problem, [ATTR_POLICY]: rule.policy }));
    this.dimension = rule?.dimension ?? 0;
  }
}

/**
 * Vector quality: invalid vectors (counted before the store is called, so rejected batches are
 * seen too), the norm distribution of written vectors, top-1 score and result counts of searches,
 * and centroid drift of each window against the baseline.
 */
export class VectorQuality {
  readonly #names: BoundedNames;
  readonly #collections: CollectionQuality[] = [];
  readonly #rules: ReadonlyMap<string, CompiledVectorRule>;
  readonly #minWindowCount: number;
  #capturing = false;
  readonly norms = new SlotHistograms(METRIC_VECTOR_NORM, 'Euclidean norm of written vectors', '', VECTOR_NORM_BUCKETS);
  readonly topScores = new SlotHistograms(METRIC_VECTOR_SEARCH_TOP_SCORE, 'Cosine similarity of the best match of each vector search', '', TOP_SCORE_BUCKETS);
  readonly resultCounts = new SlotHistograms(METRIC_VECTOR_SEARCH_RESULTS, 'Matches returned per vector search', '{match}', SEARCH_RESULT_BUCKETS);

  constructor(rules: ReadonlyMap<string, CompiledVectorRule>, maxCollections: number, minWindowCount: number) {
    this.#rules = rules;
    this.#minWindowCount = minWindowCount;
    this.#names = new BoundedNames(maxCollections + rules.size);
    for (const name of rules.keys()) this.#slot(name);
  }

  get collections(): readonly CollectionQuality[] {
    return this.#collections;
  }

  find(name: string): CollectionQuality | undefined {
    return this.#collections.find((c) => c.name === name);
  }

  /**
   * Counts invalid vectors of a batch; with a `reject` rule, throws `InvalidInputError` naming
   * every offending record (code `VALIDATION_RULE`) so the store is not called.
   */
  beforeUpsert(request: VectorUpsertRequest): void {
    const records: unknown = request?.records;
    if (typeof request?.collection !== 'string' || !Array.isArray(records)) return; // core's validation reports it
    const quality = this.#collections[this.#slot(request.collection)]!;
    const rule = quality.rule;
    const problems = rule?.policy === 'reject' ? new ProblemCollector() : undefined;
    for (let i = 0; i < records.length; i++) {
      const vector = (records[i] as { vector?: unknown } | null | undefined)?.vector;
      if (!(Array.isArray(vector) || vector instanceof Float32Array)) continue;
      const problem = this.#problemOf(quality, vector as ArrayLike<unknown>);
      if (problem < 0) continue;
      quality.invalid[problem]! += 1;
      if (rule !== undefined) {
        quality.violations[problem]! += 1;
        problems?.add('VALIDATION_RULE', i, `records[${i}].vector`, `violates rule "${VECTOR_PROBLEMS[problem]}" of collection "${rule.name}"${problem === DIMENSION ? `: dimension must be ${rule.dimension}` : ''}`);
      }
    }
    problems?.throwIfAny();
  }

  /** Norms and the window centroid of the vectors written. */
  afterUpsert(request: VectorUpsertRequest, nowMs: number): void {
    const quality = this.#collections[this.#slot(request.collection)]!;
    for (const record of request.records) {
      const vector = record.vector;
      let squared = 0;
      for (let j = 0; j < vector.length; j++) squared += vector[j]! * vector[j]!;
      this.norms.record(quality.slot, Math.sqrt(squared), nowMs);
      if (squared === 0 || quality.slot === 0) continue;
      if (quality.dimension === 0) quality.dimension = vector.length;
      if (vector.length !== quality.dimension) continue;
      (quality.window ??= new CentroidAccumulator(quality.dimension)).add(vector, squared);
      // A collection first seen during a capture joins it (its windows may close before the end).
      if (this.#capturing && quality.capture === undefined) quality.capture = new CentroidAccumulator(quality.dimension);
    }
  }

  afterSearch(request: VectorSearchRequest, result: VectorSearchResult, nowMs: number): void {
    const slot = this.#slot(request.collection);
    this.resultCounts.record(slot, result.matches.length, nowMs);
    const top = result.matches[0];
    if (top === undefined) return;
    this.topScores.record(slot, top.score, nowMs);
    if (this.#capturing && Number.isFinite(top.score)) {
      const score = this.#collections[slot]!.scoreCapture;
      score[0]! += 1;
      score[1]! += top.score;
      score[2]! += top.score * top.score;
    }
  }

  /** Ends every collection's window: centroid drift against the baseline, merge into a running capture. */
  closeWindows(force: boolean): void {
    for (const quality of this.#collections) {
      const window = quality.window;
      if (window === undefined || window.count === 0) continue;
      if (!force && window.count < this.#minWindowCount) continue; // too few vectors: keep collecting
      const baseline = quality.baseline;
      if (baseline !== undefined && window.count >= this.#minWindowCount && baseline.centroid.length === window.dimension) {
        quality.centroidDrift = centroidShift(window.mean(), window.count, baseline.centroid, baseline.count, baseline.spread);
      }
      if (quality.capture !== undefined) quality.capture.merge(window);
      window.clear();
    }
  }

  /** Starts collecting a baseline centroid in every collection (and in those first seen later). */
  startCapture(): void {
    this.#capturing = true;
    for (const quality of this.#collections) {
      quality.scoreCapture.fill(0);
      if (quality.slot !== 0 && quality.dimension > 0) quality.capture = new CentroidAccumulator(quality.dimension);
    }
  }

  /** Merges open windows into the captures; returns the artifact's vector entries. */
  finishCapture(): BaselineVectorDocument[] {
    this.#capturing = false;
    const captured: BaselineVectorDocument[] = [];
    for (const quality of this.#collections) {
      const capture = quality.capture;
      quality.capture = undefined;
      if (capture === undefined) continue;
      if (quality.window !== undefined && quality.window.dimension === capture.dimension) {
        capture.merge(quality.window);
        quality.window.clear();
      }
      if (capture.count === 0) continue;
      const centroid = capture.mean();
      let squared = 0;
      for (const x of centroid) squared += x * x;
      const n = capture.count;
      const normMean = capture.normSum / n;
      const normVariance = n > 1 ? Math.max(0, (capture.normSquares - n * normMean * normMean) / (n - 1)) : 0;
      const [scoreCount, scoreSum, scoreSquares] = quality.scoreCapture as unknown as [number, number, number];
      const scoreMean = scoreCount > 0 ? scoreSum / scoreCount : 0;
      const scoreVariance = scoreCount > 1 ? Math.max(0, (scoreSquares - scoreCount * scoreMean * scoreMean) / (scoreCount - 1)) : 0;
      captured.push({
        collection: quality.name,
        count: n,
        centroid: Array.from(centroid),
        spread: Math.max(0, 1 - squared),
        normMean,
        normStddev: Math.sqrt(normVariance),
        scoreCount,
        scoreMean,
        scoreStddev: Math.sqrt(scoreVariance),
      });
    }
    return captured;
  }

  /** Installs a baseline collection (a dimension mismatch leaves the collection without one). */
  setBaseline(baseline: BaselineVectorDocument): void {
    const quality = this.#collections[this.#slot(baseline.collection)]!;
    if (quality.slot === 0) return;
    if (quality.dimension === 0) quality.dimension = baseline.centroid.length;
    if (quality.dimension !== baseline.centroid.length) return;
    quality.baseline = baseline;
    quality.centroidDrift = Number.NaN;
  }

  clearBaselines(): void {
    for (const quality of this.#collections) {
      quality.baseline = undefined;
      quality.centroidDrift = Number.NaN;
    }
  }

  #problemOf(quality: CollectionQuality, vector: ArrayLike<unknown>): number {
    // Unregistered collections are held to the dimension of their first written vector.
    if (quality.dimension > 0 && vector.length !== quality.dimension) return DIMENSION;
    let squared = 0;
    for (let j = 0; j < vector.length; j++) {
      const x = vector[j];
      if (typeof x !== 'number' || x - x !== 0) return NON_FINITE;
      squared += x * x;
    }
    if (squared === 0 && quality.rule?.allowZero !== true) return ZERO;
    return -1;
  }

  #slot(name: string): number {
    const slot = this.#names.slotOf(name);
    if (this.#collections[slot] === undefined) {
      // Slots are handed out in order, so the array stays dense; slot 0 is the `_other` series.
      if (this.#collections.length === 0) this.#collections.push(new CollectionQuality(0, this.#names.nameOf(0), undefined));
      if (slot !== 0) this.#collections[slot] = new CollectionQuality(slot, name, this.#rules.get(name));
    }
    return slot;
  }
}
