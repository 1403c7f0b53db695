import { FeatureStoreError } from '@featurescope/core';
import { BaselineFormatError } from '../errors.js';
import type { ProfileSource } from '../profile/feature-profile.js';
import { QuantileSketch, RunningMoments, type SerializedQuantileSketch, type SerializedRunningMoments } from '../sketch/index.js';

/** `format` field of every baseline document. */
export const BASELINE_FORMAT = 'featurescope.baseline';
/** Version written by this package; documents of other versions are refused. */
export const BASELINE_VERSION = 1;

/** One profile's reference distribution, as stored in a baseline file. */
export interface BaselineProfileDocument {
  readonly group: string;
  readonly feature: string;
  readonly source: ProfileSource;
  /** Values seen while capturing (nulls and non-finite included). */
  readonly values: number;
  readonly nulls: number;
  readonly moments: SerializedRunningMoments;
  readonly sketch: SerializedQuantileSketch;
}

/** One vector collection's reference centroid (mean of unit-length vectors). */
export interface BaselineVectorDocument {
  readonly collection: string;
  readonly count: number;
  readonly centroid: readonly number[];
}

/**
 * A baseline as JSON: versioned, self-describing, no raw values (sketch bucket counts and
 * moments only). Written by `saveBaseline`, read by `loadBaseline`.
 */
export interface BaselineDocument {
  readonly format: typeof BASELINE_FORMAT;
  readonly version: typeof BASELINE_VERSION;
  /** ISO time the capture finished. */
  readonly createdAt: string;
  /** Capture period, ms since the epoch. */
  readonly startMs: number;
  readonly endMs: number;
  readonly profiles: readonly BaselineProfileDocument[];
  readonly vectors: readonly BaselineVectorDocument[];
}

/** A validated document with its sketches and moments rebuilt. */
export interface ParsedBaseline {
  readonly startMs: number;
  readonly endMs: number;
  readonly profiles: readonly {
    readonly group: string;
    readonly feature: string;
    readonly source: ProfileSource;
    readonly values: number;
    readonly nulls: number;
    readonly moments: RunningMoments;
    readonly sketch: QuantileSketch;
  }[];
  readonly vectors: readonly { readonly collection: string; readonly count: number; readonly centroid: Float64Array }[];
}

/** Checks every field of a baseline document; throws {@link BaselineFormatError} naming the first bad one. */
export function parseBaselineDocument(doc: unknown): ParsedBaseline {
  const d = record(doc, '$');
  if (d.format !== BASELINE_FORMAT) throw new BaselineFormatError('format', `expected "${BASELINE_FORMAT}", got ${JSON.stringify(d.format)}`);
  if (d.version !== BASELINE_VERSION) throw new BaselineFormatError('version', `this package reads version ${BASELINE_VERSION}, got ${JSON.stringify(d.version)}`);
  const startMs = finite(d.startMs, 'startMs');
  const endMs = finite(d.endMs, 'endMs');
  if (startMs > endMs) throw new BaselineFormatError('startMs', 'must not be after endMs');
  const profiles = list(d.profiles, 'profiles').map((item, i) => parseProfile(item, `profiles[${i}]`));
  const seen = new Set<string>();
  profiles.forEach((p, i) => {
    const key = `${p.group}\u0000${p.feature}\u0000${p.source}`;
    if (seen.has(key)) throw new BaselineFormatError(`profiles[${i}]`, `duplicate profile for ${p.group}/${p.feature}/${p.source}`);
    seen.add(key);
  });
  const vectors = list(d.vectors, 'vectors').map((item, i) => parseVector(item, `vectors[${i}]`));
  return { startMs, endMs, profiles, vectors };
}

function parseProfile(item: unknown, at: string): ParsedBaseline['profiles'][number] {
  const p = record(item, at);
  const group = name(p.group, `${at}.group`);
  const feature = name(p.feature, `${at}.feature`);
  if (p.source !== 'upsert' && p.source !== 'lookup') throw new BaselineFormatError(`${at}.source`, `must be "upsert" or "lookup", got ${JSON.stringify(p.source)}`);
  const values = count(p.values, `${at}.values`);
  const nulls = count(p.nulls, `${at}.nulls`);
  if (nulls > values) throw new BaselineFormatError(`${at}.nulls`, 'must not exceed values');
  const moments = nested(() => RunningMoments.fromJSON(p.moments), `${at}.moments`);
  const sketch = nested(() => QuantileSketch.fromJSON(p.sketch), `${at}.sketch`);
  if (moments.count !== sketch.count) throw new BaselineFormatError(`${at}.moments.count`, `is ${moments.count} but the sketch holds ${sketch.count}`);
  if (sketch.count === 0) throw new BaselineFormatError(`${at}.sketch`, 'is empty: a baseline profile needs values');
  return { group, feature, source: p.source, values, nulls, moments, sketch };
}

function parseVector(item: unknown, at: string): ParsedBaseline['vectors'][number] {
  const v = record(item, at);
  const collection = name(v.collection, `${at}.collection`);
  const n = count(v.count, `${at}.count`);
  const centroid = list(v.centroid, `${at}.centroid`);
  if (centroid.length === 0) throw new BaselineFormatError(`${at}.centroid`, 'must not be empty');
  const values = new Float64Array(centroid.length);
  centroid.forEach((x, j) => {
    values[j] = finite(x, `${at}.centroid[${j}]`);
  });
  return { collection, count: n, centroid: values };
}

/** Runs a sketch/moments reader, re-raising its typed error with the location inside the baseline. */
function nested<T>(read: () => T, at: string): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof FeatureStoreError) {
      const field = (error as { field?: unknown }).field;
      throw new BaselineFormatError(typeof field === 'string' && field !== '$' ? `${at}.${field}` : at, error.message, { cause: error });
    }
    throw error;
  }
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

function count(value: unknown, at: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw new BaselineFormatError(at, 'must be a non-negative integer');
  return value as number;
}
