import { metrics, type MeterProvider } from '@opentelemetry/api';
import { QualityConfigError } from '../errors.js';
import { compileRegistry, type CompiledRegistry } from '../registry/compile-registry.js';
import type { FeatureRegistry } from '../registry/types.js';
import type { BinnedDriftRule } from '../binned/binned-drift.js';

/** Tumbling windows the profiles and drift statistics are computed over. */
export interface WindowOptions {
  /** Window length; windows are aligned to multiples of it since the epoch. @default 300_000 (5 min) */
  readonly durationMs?: number;
  /**
   * Fewest finite values a window needs before it is closed and compared with the baseline; a
   * feature with fewer keeps collecting into the same window past the boundary. @default 100
   */
  readonly minCount?: number;
  /** Close a feature's window early once it holds this many values (count-based windows). @default no limit */
  readonly maxCount?: number;
}

/**
 * Drift settings: the rank bins and the rule of testdata/binned-drift/README.md, shared with the
 * Prometheus rules, the collector connector, the monitor and the CLI.
 */
export interface DriftOptions {
  /** Equal-mass baseline bins B of `featurescope.drift.bin.values`. @default 20 */
  readonly bins?: number;
  /** Chi-square significance level. @default 0.01 */
  readonly alpha?: number;
  /** PSI at or above which a significant difference is `drift` (2). @default 0.1 */
  readonly psiDrift?: number;
  /** PSI at or above which a significant difference is `warn` (1). @default 0.05 */
  readonly psiWarn?: number;
  /** Fewest values in a window for a verdict (else `insufficient`, 3). @default 5 × bins */
  readonly minCount?: number;
  /**
   * Which values are ranked against the baseline and captured into it: `lookup` (what the model
   * is served) or `upsert` (what the pipeline writes). @default 'lookup'
   */
  readonly source?: 'lookup' | 'upsert';
}

/** Where every replica reads the same baseline artifact from. */
export type BaselineSource = string | URL;

export interface QualityEngineOptions {
  /** Meter provider for the profile, drift and validation instruments. @default the global one, read at construction */
  readonly meterProvider?: MeterProvider;
  /** Declarative feature registry: rules per feature name and per vector collection. @default {} */
  readonly features?: FeatureRegistry;
  /**
   * Only these feature names (and registered ones) get their own series; others count under `_other`.
   * @default every name, first come, up to `maxFeatures`
   */
  readonly featureAllowList?: readonly string[];
  /** (group, feature) pairs with their own series; later ones go to the `_other` overflow series. @default 1000 */
  readonly maxFeatures?: number;
  /** Vector collections with their own series, beside the registered ones. @default 50 */
  readonly maxCollections?: number;
  /** Profile the values written by upserts. @default true */
  readonly profileUpserts?: boolean;
  /** Profile the values served by lookups ("what the model sees"). @default true */
  readonly profileLookups?: boolean;
  /** @default { durationMs: 300_000, minCount: 100 } */
  readonly window?: WindowOptions;
  /** @default { bins: 20, alpha: 0.01, psiDrift: 0.1, psiWarn: 0.05, minCount: 100, source: 'lookup' } */
  readonly drift?: DriftOptions;
  /**
   * Baseline artifact to load at start: a file path, or an http(s) URL. Loaded in the background;
   * `engine.baselineReady` settles when it is installed (a failure is logged, never thrown).
   * @default none (capture one, or call `loadBaseline`)
   */
  readonly baseline?: BaselineSource;
  /** Finite values kept per feature while capturing a baseline (reservoir). @default 16384 */
  readonly baselineMaxSample?: number;
  /**
   * Clock in ms since the epoch, for windows and freshness; tests pass a fake one.
   * @default the completion time the instrumented store reports (`Date.now()`)
   */
  readonly now?: () => number;
}

/** Options with defaults applied, checked and frozen. */
export interface ResolvedQualityOptions {
  readonly meterProvider: MeterProvider;
  readonly registry: CompiledRegistry;
  readonly allowList: ReadonlySet<string> | undefined;
  readonly maxFeatures: number;
  readonly maxCollections: number;
  readonly profileUpserts: boolean;
  readonly profileLookups: boolean;
  readonly windowMs: number;
  readonly minWindowCount: number;
  readonly maxWindowCount: number;
  readonly bins: number;
  readonly rule: BinnedDriftRule;
  readonly driftSource: 'lookup' | 'upsert';
  readonly baseline: BaselineSource | undefined;
  readonly baselineMaxSample: number;
  readonly now: (() => number) | undefined;
}

/** A bad option value for a message: numbers as written (NaN, Infinity), anything else as JSON. */
function shown(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? typeof value);
}

function positiveInteger(field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || (value as number) < 1) throw new QualityConfigError('options', field, `must be a positive integer, got ${shown(value)}`);
  return value as number;
}

function positiveNumber(field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0) || value === Infinity) throw new QualityConfigError('options', field, `must be a positive number, got ${shown(value)}`);
  return value;
}

function flag(field: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new QualityConfigError('options', field, 'must be a boolean');
  return value;
}

/** Applies defaults; throws {@link QualityConfigError} naming the first bad option or registry entry. */
export function resolveQualityOptions(options: QualityEngineOptions = {}): ResolvedQualityOptions {
  const registry = compileRegistry(options.features);
  const maxFeatures = positiveInteger('maxFeatures', options.maxFeatures, 1000);
  if (registry.scalars.size > maxFeatures) {
    throw new QualityConfigError('options', 'maxFeatures', `is ${maxFeatures} but the registry declares ${registry.scalars.size} features`);
  }
  const allowList = options.featureAllowList;
  if (allowList !== undefined && (!Array.isArray(allowList) || allowList.some((n) => typeof n !== 'string'))) {
    throw new QualityConfigError('options', 'featureAllowList', 'must be an array of feature names');
  }
  const window = options.window ?? {};
  const drift = options.drift ?? {};
  const bins = positiveInteger('drift.bins', drift.bins, 20);
  if (bins < 2 || bins > 100) throw new QualityConfigError('options', 'drift.bins', 'must be between 2 and 100');
  const psiWarn = positiveNumber('drift.psiWarn', drift.psiWarn, 0.05);
  const psiDrift = positiveNumber('drift.psiDrift', drift.psiDrift, 0.1);
  if (psiWarn > psiDrift) throw new QualityConfigError('options', 'drift.psiWarn', `must not exceed drift.psiDrift (${psiWarn} > ${psiDrift})`);
  const alpha = positiveNumber('drift.alpha', drift.alpha, 0.01);
  if (alpha >= 1) throw new QualityConfigError('options', 'drift.alpha', 'must be below 1');
  const minCount = positiveInteger('drift.minCount', drift.minCount, 5 * bins);
  const source = drift.source ?? 'lookup';
  if (source !== 'lookup' && source !== 'upsert') throw new QualityConfigError('options', 'drift.source', `must be 'lookup' or 'upsert', got ${JSON.stringify(source)}`);
  const baseline = options.baseline;
  if (baseline !== undefined && !(typeof baseline === 'string' && baseline.length > 0) && !(baseline instanceof URL)) {
    throw new QualityConfigError('options', 'baseline', 'must be a file path or a URL');
  }
  if (options.now !== undefined && typeof options.now !== 'function') throw new QualityConfigError('options', 'now', 'must be a function returning ms since the epoch');
  return Object.freeze({
    meterProvider: options.meterProvider ?? metrics.getMeterProvider(),
    registry,
    allowList: allowList === undefined ? undefined : new Set(allowList),
    maxFeatures,
    maxCollections: positiveInteger('maxCollections', options.maxCollections, 50),
    profileUpserts: flag('profileUpserts', options.profileUpserts, true),
    profileLookups: flag('profileLookups', options.profileLookups, true),
    windowMs: positiveInteger('window.durationMs', window.durationMs, 300_000),
    minWindowCount: positiveInteger('window.minCount', window.minCount, 100),
    maxWindowCount: positiveInteger('window.maxCount', window.maxCount, Number.MAX_SAFE_INTEGER),
    bins,
    rule: Object.freeze({ alpha, psiDrift, psiWarn, minCount }),
    driftSource: source,
    baseline,
    baselineMaxSample: positiveInteger('baselineMaxSample', options.baselineMaxSample, 16_384),
    now: options.now,
  });
}
