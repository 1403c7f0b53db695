import { metrics, type MeterProvider } from '@opentelemetry/api';
import { QualityConfigError } from '../errors.js';
import { compileRegistry, type CompiledRegistry } from '../registry/compile-registry.js';
import type { FeatureRegistry } from '../registry/types.js';

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

/** Drift settings: how the state (0 ok, 1 warn, 2 drift) is decided and how PSI is binned. */
export interface DriftOptions {
  /**
   * `recommended`: drift (2) when the window differs significantly (KS p < `ksAlpha`) AND by enough to
   * matter (PSI >= `psiWarn`); warn (1) when PSI >= `psiWarn` without significance. `psi`: the classic
   * PSI thresholds alone (warn at `psiWarn`, drift at `psiDrift`). See docs/data-quality-statistics.md.
   * @default 'recommended'
   */
  readonly rule?: 'recommended' | 'psi';
  /** PSI at or above which the state is at least `warn` (1). @default 0.1 */
  readonly psiWarn?: number;
  /** PSI at or above which the state is `drift` (2) under the `psi` rule. @default 0.2 */
  readonly psiDrift?: number;
  /** KS significance level of the `recommended` rule. @default 0.05 */
  readonly ksAlpha?: number;
  /** Equal-mass baseline bins for PSI and Jensen–Shannon. @default 10 */
  readonly bins?: number;
  /** PSI clipping floor for empty bins. @default 1e-4 */
  readonly psiEpsilon?: number;
}

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
  /** @default { rule: 'recommended', psiWarn: 0.1, psiDrift: 0.2, ksAlpha: 0.05, bins: 10, psiEpsilon: 1e-4 } */
  readonly drift?: DriftOptions;
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
  readonly driftRule: 'recommended' | 'psi';
  readonly psiWarn: number;
  readonly psiDrift: number;
  readonly ksAlpha: number;
  readonly bins: number;
  readonly psiEpsilon: number;
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
  const psiWarn = positiveNumber('drift.psiWarn', drift.psiWarn, 0.1);
  const psiDrift = positiveNumber('drift.psiDrift', drift.psiDrift, 0.2);
  if (psiWarn > psiDrift) throw new QualityConfigError('options', 'drift.psiWarn', `must not exceed drift.psiDrift (${psiWarn} > ${psiDrift})`);
  const bins = positiveInteger('drift.bins', drift.bins, 10);
  if (bins < 2) throw new QualityConfigError('options', 'drift.bins', 'needs at least 2 bins');
  const rule = drift.rule ?? 'recommended';
  if (rule !== 'recommended' && rule !== 'psi') throw new QualityConfigError('options', 'drift.rule', `must be 'recommended' or 'psi', got ${JSON.stringify(rule)}`);
  const ksAlpha = positiveNumber('drift.ksAlpha', drift.ksAlpha, 0.05);
  if (ksAlpha >= 1) throw new QualityConfigError('options', 'drift.ksAlpha', 'must be below 1');
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
    driftRule: rule,
    psiWarn,
    psiDrift,
    ksAlpha,
    bins,
    psiEpsilon: positiveNumber('drift.psiEpsilon', drift.psiEpsilon, 1e-4),
    now: options.now,
  });
}
