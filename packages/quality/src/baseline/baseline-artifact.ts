/**
 * The baseline artifact: versioned JSON with a content-hash id, loaded by every replica, the monitor
 * and the CLI. Per feature: counts, mean, σ and the empirical-CDF table (see empirical-cdf.ts); per
 * vector collection: centroid, spread and norm reference. No raw values beyond the quantile table.
 */
import { createHash } from 'node:crypto';
import { BaselineFormatError } from '../errors.js';
import { EmpiricalCdf, type EmpiricalCdfDocument } from './empirical-cdf.js';

export const BASELINE_FORMAT = 'featurescope.baseline';
/** Version written and read by this package (version 1, the sketch format, is refused). */
export const BASELINE_VERSION = 2;

export interface BaselineFeatureDocument {
  readonly group: string;
  readonly feature: string;
  /** Values seen while capturing, nulls and non-finite included. */
  readonly values: number;
  readonly nulls: number;
  readonly nonFinite: number;
  /** Finite values N (the drift test's baseline size), their mean and sample σ (0 for N < 2). */
  readonly count: number;
  readonly mean: number;
  readonly stddev: number;
  readonly cdf: EmpiricalCdfDocument;
}

export interface BaselineVectorDocument {
  readonly collection: string;
  /** Non-zero vectors the centroid was computed from. */
  readonly count: number;
  /** Mean of the unit-length vectors. */
  readonly centroid: readonly number[];
  /** Trace of the unit vectors' covariance, 1 − ‖centroid‖²: the noise scale of centroid drift. */
  readonly spread: number;
  /** Euclidean norms of the vectors written: mean and σ. */
  readonly normMean: number;
  readonly normStddev: number;
  /** Top-1 cosine scores of the searches seen while capturing: count, mean and σ (0 without searches). */
  readonly scoreCount: number;
  readonly scoreMean: number;
  readonly scoreStddev: number;
}

export interface BaselineDocument {
  readonly format: typeof BASELINE_FORMAT;
  readonly version: typeof BASELINE_VERSION;
  /** First 12 hex digits of sha256 over the canonical JSON of `features` and `vectors`. */
  readonly id: string;
  readonly createdAt: string;
  /** Capture period, ms since the epoch. */
  readonly startMs: number;
  readonly endMs: number;
  readonly features: readonly BaselineFeatureDocument[];
  readonly vectors: readonly BaselineVectorDocument[];
}

/** A validated artifact with its tables built. */
export interface Baseline {
  readonly id: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly features: readonly BaselineFeature[];
  readonly vectors: readonly BaselineVectorDocument[];
  readonly document: BaselineDocument;
}

export interface BaselineFeature extends Omit<BaselineFeatureDocument, 'cdf'> {
  readonly cdf: EmpiricalCdf;
}

/** The content-hash id of a baseline's features and vectors (key order fixed here). */
export function baselineId(features: readonly BaselineFeatureDocument[], vectors: readonly BaselineVectorDocument[]): string {
  const canonical = JSON.stringify([
    features.map((f) => [f.group, f.feature, f.values, f.nulls, f.nonFinite, f.count, f.mean, f.stddev, f.cdf.resolution, f.cdf.x, f.cdf.below, f.cdf.count]),
    vectors.map((v) => [v.collection, v.count, v.centroid, v.spread, v.normMean, v.normStddev, v.scoreCount, v.scoreMean, v.scoreStddev]),
  ]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 12);
}

/** Assembles a document (sorted by group, feature / collection so equal content gives an equal id). */
export function baselineDocument(
  features: readonly BaselineFeatureDocument[],
  vectors: readonly BaselineVectorDocument[],
  period: { startMs: number; endMs: number },
): BaselineDocument {
  const sortedFeatures = [...features].sort((a, b) => (a.group === b.group ? cmp(a.feature, b.feature) : cmp(a.group, b.group)));
  const sortedVectors = [...vectors].sort((a, b) => cmp(a.collection, b.collection));
  return {
    format: BASELINE_FORMAT,
    version: BASELINE_VERSION,
    id: baselineId(sortedFeatures, sortedVectors),
    createdAt: new Date(period.endMs).toISOString(),
    startMs: period.startMs,
    endMs: period.endMs,
    features: sortedFeatures,
    vectors: sortedVectors,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Checks every field; throws {@link BaselineFormatError} naming the first bad one (never a value). */
export function parseBaseline(doc: unknown): Baseline {
  const d = record(doc, '$');
  if (d.format !== BASELINE_FORMAT) throw new BaselineFormatError('format', `expected "${BASELINE_FORMAT}"`);
  if (d.version !== BASELINE_VERSION) throw new BaselineFormatError('version', `this package reads version ${BASELINE_VERSION}, got ${JSON.stringify(d.version)}`);
  const startMs = finite(d.startMs, 'startMs');
  const endMs = finite(d.endMs, 'endMs');
  if (startMs > endMs) throw new BaselineFormatError('startMs', 'must not be after endMs');
  const seen = new Set<string>();
  const features = list(d.features, 'features').map((item, i) => {
    const at = `features[${i}]`;
    const f = record(item, at);
    const group = name(f.group, `${at}.group`);
    const feature = name(f.feature, `${at}.feature`);
    const key = `${group}\u0000${feature}`;
    if (seen.has(key)) throw new BaselineFormatError(at, `duplicate feature ${group}/${feature}`);
    seen.add(key);
    const cdf = EmpiricalCdf.fromDocument(f.cdf, `${at}.cdf`);
    const count = whole(f.count, `${at}.count`);
    if (count !== cdf.size) throw new BaselineFormatError(`${at}.count`, `is ${count} but the CDF table holds ${cdf.size} values`);
    const parsed: BaselineFeature = {
      group,
      feature,
      values: whole(f.values, `${at}.values`),
      nulls: whole(f.nulls, `${at}.nulls`),
      nonFinite: whole(f.nonFinite, `${at}.nonFinite`),
      count,
      mean: finite(f.mean, `${at}.mean`),
      stddev: nonNegative(f.stddev, `${at}.stddev`),
      cdf,
    };
    return parsed;
  });
  const vectors = list(d.vectors, 'vectors').map((item, i) => {
    const at = `vectors[${i}]`;
    const v = record(item, at);
    const centroid = list(v.centroid, `${at}.centroid`);
    if (centroid.length === 0) throw new BaselineFormatError(`${at}.centroid`, 'must not be empty');
    const parsed: BaselineVectorDocument = {
      collection: name(v.collection, `${at}.collection`),
      count: whole(v.count, `${at}.count`),
      centroid: centroid.map((x, j) => finite(x, `${at}.centroid[${j}]`)),
      spread: nonNegative(v.spread, `${at}.spread`),
      normMean: nonNegative(v.normMean, `${at}.normMean`),
      normStddev: nonNegative(v.normStddev, `${at}.normStddev`),
      scoreCount: whole(v.scoreCount, `${at}.scoreCount`),
      scoreMean: finite(v.scoreMean, `${at}.scoreMean`),
      scoreStddev: nonNegative(v.scoreStddev, `${at}.scoreStddev`),
    };
    return parsed;
  });
  const featureDocs = features.map((f) => ({ ...f, cdf: f.cdf.toJSON() }));
  const id = baselineId(featureDocs, vectors);
  if (d.id !== id) throw new BaselineFormatError('id', 'does not match the content hash (edited or truncated artifact)');
  const document: BaselineDocument = {
    format: BASELINE_FORMAT,
    version: BASELINE_VERSION,
    id,
    createdAt: typeof d.createdAt === 'string' ? d.createdAt : new Date(endMs).toISOString(),
    startMs,
    endMs,
    features: featureDocs,
    vectors,
  };
  return { id, startMs, endMs, features, vectors, document };
}

function record(value: unknown, at: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new BaselineFormatError(at, 'must be an object');
  return value as Record<string, unknown>;
}

function list(value: unknown, at: string): unknown[] {
  if (!Array.isArray(value)) throw new BaselineFormatError(at, 'must be an array');
  return value;
}

function name(value: unknown, at: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new BaselineFormatError(at, 'must be a non-empty string');
  return value;
}

function finite(value: unknown, at: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new BaselineFormatError(at, 'must be a finite number');
  return value;
}

function nonNegative(value: unknown, at: string): number {
  const v = finite(value, at);
  if (v < 0) throw new BaselineFormatError(at, 'must not be negative');
  return v;
}

function whole(value: unknown, at: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw new BaselineFormatError(at, 'must be a non-negative integer');
  return value as number;
}
