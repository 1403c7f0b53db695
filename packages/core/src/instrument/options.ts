import type { MeterProvider, Span, TracerProvider } from '@opentelemetry/api';
import type { FeatureStoreOperation } from '../store/types.js';
import type { FeatureStoreObserver } from './observer.js';

/** What a hook is told about the call. `request` is the caller's object: read it, never change it. */
export interface RequestHookInfo {
  readonly operation: FeatureStoreOperation;
  readonly request: unknown;
}

export interface ResponseHookInfo extends RequestHookInfo {
  readonly result: unknown;
}

export interface InstrumentationHooks {
  /**
   * Runs after the span starts, before the store is called; not awaited. Errors it throws and
   * rejections of a promise it returns are logged (rate-limited) and ignored.
   */
  readonly requestHook?: (span: Span, info: RequestHookInfo) => void | Promise<void>;
  /** Runs after the store answers successfully, before the span ends; not awaited. Errors and rejections are logged and ignored. */
  readonly responseHook?: (span: Span, info: ResponseHookInfo) => void | Promise<void>;
}

/** How entity ids may appear on spans. They never appear on metrics. */
export type EntityIdMode = 'off' | 'plain' | 'hashed';

export interface InstrumentFeatureStoreOptions {
  /** Tracer provider. @default the global one (`trace.getTracerProvider()`) */
  readonly tracerProvider?: TracerProvider;
  /** Meter provider. @default the global one (`metrics.getMeterProvider()`); register the SDK first. */
  readonly meterProvider?: MeterProvider;
  /** Create spans. `false` skips the tracer entirely (cheaper than a never-sampler). @default true */
  readonly tracing?: boolean;
  /** Record metrics. @default true */
  readonly metrics?: boolean;
  /** Request/response hooks, each guarded. @default {} */
  readonly hooks?: InstrumentationHooks;
  /** Only these feature names get their own metric series; others count under `_other`. @default every name, up to `maxFeatureNames` */
  readonly featureAllowList?: readonly string[];
  /** Distinct feature names per group with their own metric series; later ones count under `_other`. @default 200 */
  readonly maxFeatureNames?: number;
  /**
   * Distinct feature groups / collections with their own series; later ones count under `_other`.
   * `(maxGroups + 1) × (maxFeatureNames + 1)` (the `_other` series included) must not exceed
   * {@link FEATURE_SERIES_LIMIT}, so every count stays in a series of its own or in `_other`, summed. @default 48
   */
  readonly maxGroups?: number;
  /** Entity ids on spans (`featurescope.entity_ids`): off, plain, or keyed SHA-256 hashes. @default 'off' */
  readonly entityIds?: EntityIdMode;
  /** Key mixed into hashed entity ids so they cannot be reversed by hashing guesses. @default '' */
  readonly entityIdHashKey?: string;
  /** At most this many entity ids on one span. @default 16 */
  readonly maxEntityIdsPerSpan?: number;
  /** Override `db.system.name`. @default the store's `system` */
  readonly systemName?: string;
  /** Data-quality observers (e.g. `@featurescope/quality`). @default [] */
  readonly observers?: readonly FeatureStoreObserver[];
}

/** The options with every default applied; frozen. */
export interface ResolvedInstrumentOptions {
  readonly tracerProvider: TracerProvider | undefined;
  readonly meterProvider: MeterProvider | undefined;
  readonly tracing: boolean;
  readonly metrics: boolean;
  readonly hooks: InstrumentationHooks;
  readonly featureAllowList: readonly string[] | undefined;
  readonly maxFeatureNames: number;
  readonly maxGroups: number;
  readonly entityIds: EntityIdMode;
  readonly entityIdHashKey: string;
  readonly maxEntityIdsPerSpan: number;
  readonly systemName: string | undefined;
  readonly observers: readonly FeatureStoreObserver[];
}

/**
 * Most series one featurescope instrument may have; `@featurescope/otel` raises the SDK's
 * per-instrument cardinality limit to this for `featurescope.*`. A store's caps keep its per-feature
 * series within it; several instrumented stores in one process share it (lower their caps).
 */
export const FEATURE_SERIES_LIMIT = 10_000;

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`instrumentFeatureStore: ${name} must be a positive integer, got ${String(value)}`);
  return value;
}

/** Applies defaults and fails fast on a bad option (at setup, never on the hot path). */
export function resolveOptions(options: InstrumentFeatureStoreOptions = {}): ResolvedInstrumentOptions {
  const entityIds = options.entityIds ?? 'off';
  if (entityIds !== 'off' && entityIds !== 'plain' && entityIds !== 'hashed') {
    throw new TypeError(`instrumentFeatureStore: entityIds must be 'off', 'plain' or 'hashed', got ${String(entityIds)}`);
  }
  const maxFeatureNames = positiveInteger('maxFeatureNames', options.maxFeatureNames, 200);
  const maxGroups = positiveInteger('maxGroups', options.maxGroups, 48);
  // Past the SDK's per-instrument limit, an observable counter's overflow series keeps only one
  // value: the caps must keep every series, the `_other` ones included, under it.
  if ((maxGroups + 1) * (maxFeatureNames + 1) > FEATURE_SERIES_LIMIT) {
    throw new TypeError(`instrumentFeatureStore: (maxGroups + 1) × (maxFeatureNames + 1) must be at most ${FEATURE_SERIES_LIMIT} (the series limit), got (${maxGroups} + 1) × (${maxFeatureNames} + 1)`);
  }
  return Object.freeze({
    tracerProvider: options.tracerProvider,
    meterProvider: options.meterProvider,
    tracing: options.tracing ?? true,
    metrics: options.metrics ?? true,
    hooks: Object.freeze({ ...options.hooks }),
    featureAllowList: options.featureAllowList ? Object.freeze([...options.featureAllowList]) : undefined,
    maxFeatureNames,
    maxGroups,
    entityIds,
    entityIdHashKey: options.entityIdHashKey ?? '',
    maxEntityIdsPerSpan: positiveInteger('maxEntityIdsPerSpan', options.maxEntityIdsPerSpan, 16),
    systemName: options.systemName,
    observers: Object.freeze([...(options.observers ?? [])]),
  });
}
