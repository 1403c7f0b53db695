import { MonitorBaselineError } from '../errors.js';

/** `format` of a monitor baseline document. */
export const MONITOR_BASELINE_FORMAT = 'featurescope.monitor-baseline';
export const MONITOR_BASELINE_VERSION = 1;

/**
 * One feature's reference distribution: a sorted sample of the capture window's values (all of
 * them up to `baselineMaxValues`, else evenly spaced order statistics) and exact aggregates.
 * It holds feature values, so it is as sensitive as the feature table it was read from.
 */
export interface FeatureBaseline {
  readonly format: typeof MONITOR_BASELINE_FORMAT;
  readonly version: typeof MONITOR_BASELINE_VERSION;
  readonly feature: string;
  readonly table: string;
  /** ISO time of the capture. */
  readonly capturedAt: string;
  readonly windowSeconds: number;
  /** Non-NULL values in the capture window (exact). */
  readonly count: number;
  /** Values the sample was drawn from (after the distribution query's own cap / sampling). */
  readonly sampledFrom: number;
  /** Ascending sample; drift statistics use it as the baseline. */
  readonly values: readonly number[];
}

/** Picks `k` evenly spaced order statistics (the ((i + ½)·n/k)-th) of an ascending array. */
export function thinSorted(sorted: Float64Array, k: number): Float64Array {
  if (sorted.length <= k) return sorted;
  const out = new Float64Array(k);
  for (let i = 0; i < k; i++) out[i] = sorted[Math.floor(((i + 0.5) * sorted.length) / k)]!;
  return out;
}

/** Checks a parsed baseline document; throws {@link MonitorBaselineError} otherwise. */
export function parseFeatureBaseline(feature: string, body: string): FeatureBaseline {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (error) {
    throw new MonitorBaselineError(feature, 'not valid JSON', { cause: error });
  }
  const d = doc as Partial<FeatureBaseline> | null;
  if (d === null || typeof d !== 'object') throw new MonitorBaselineError(feature, 'must be a JSON object');
  if (d.format !== MONITOR_BASELINE_FORMAT) throw new MonitorBaselineError(feature, `format must be "${MONITOR_BASELINE_FORMAT}"`);
  if (d.version !== MONITOR_BASELINE_VERSION) throw new MonitorBaselineError(feature, `version must be ${MONITOR_BASELINE_VERSION}`);
  if (d.feature !== feature) throw new MonitorBaselineError(feature, `is stored for feature ${JSON.stringify(d.feature)}`);
  if (!Array.isArray(d.values) || d.values.length === 0 || !d.values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new MonitorBaselineError(feature, 'values must be a non-empty array of finite numbers');
  }
  for (let i = 1; i < d.values.length; i++) {
    if (d.values[i]! < d.values[i - 1]!) throw new MonitorBaselineError(feature, `values must be ascending (index ${i})`);
  }
  if (typeof d.capturedAt !== 'string' || !Number.isSafeInteger(d.count) || typeof d.windowSeconds !== 'number') {
    throw new MonitorBaselineError(feature, 'capturedAt, count and windowSeconds are required');
  }
  return d as FeatureBaseline;
}
