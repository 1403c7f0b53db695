import type { StoreTarget } from '../stores/store-targets.js';

/** What featurescope's wrapper does in a variant. */
export type Instrumentation = 'none' | 'metrics' | 'traces' | 'span-floor';

/** What is switched on in one measured configuration. */
export interface VariantSpec {
  /** Stable id used in JSON and tables. */
  readonly id: VariantId;
  readonly description: string;
  /**
   * `driver`: the application talks to mysql2 directly (the baseline users compare against);
   * `store`: through the featurescope store.
   */
  readonly client: 'driver' | 'store';
  /**
   * featurescope's instrumentFeatureStore: off, metrics only (no tracer provider registered), or spans + metrics;
   * `span-floor` (micro-benchmark only): no featurescope code, one bare SDK span per call.
   */
  readonly instrumentation: Instrumentation;
  /** @featurescope/quality's engine as an observer (data-quality profiles). */
  readonly quality: boolean;
  /** Head-sampling ratio of the tracer provider (parentbased_traceidratio); 1 = always on. */
  readonly sampleRatio: number;
  /** The upstream OpenTelemetry driver instrumentation (instrumentation-mysql2 / -pg). */
  readonly driverSpans: boolean;
}

export type VariantId = 'raw' | 'store' | 'metrics' | 'metrics+quality' | 'traces' | 'traces-10%' | 'traces+driver' | 'upstream' | 'span-floor';

const v = (id: VariantId, description: string, fields: Omit<VariantSpec, 'id' | 'description'>): VariantSpec => Object.freeze({ id, description, ...fields });

const NONE = { instrumentation: 'none', quality: false, sampleRatio: 1, driverSpans: false } as const;

/** Every variant; `raw` is the baseline of every comparison. */
export const VARIANTS: readonly VariantSpec[] = [
  v('raw', 'the baseline: mysql2 / pg called directly (the in-memory store itself where there is no driver); no SDK, no context manager', { client: 'driver', ...NONE }),
  v('store', 'the featurescope store, not instrumented', { client: 'store', ...NONE }),
  v('metrics', 'metrics only, the default deployment (@featurescope/otel without trace export): real MeterProvider, no tracer provider registered (API no-op tracer), no context manager', { client: 'store', ...NONE, instrumentation: 'metrics' }),
  v('metrics+quality', 'metrics + the data-quality engine as an observer, no context manager', { client: 'store', ...NONE, instrumentation: 'metrics', quality: true }),
  v('traces', 'spans (100 %) + metrics + quality, AsyncLocalStorage context manager', { client: 'store', ...NONE, instrumentation: 'traces', quality: true }),
  v('traces-10%', 'as traces, head sampling parentbased_traceidratio 0.1', { client: 'store', ...NONE, instrumentation: 'traces', quality: true, sampleRatio: 0.1 }),
  v('traces+driver', 'as traces, plus the upstream driver instrumentation (driver spans nest under featurescope\'s)', { client: 'store', ...NONE, instrumentation: 'traces', quality: true, driverSpans: true }),
  v('upstream', 'upstream instrumentation-mysql2 / instrumentation-pg alone on the directly called driver (the peer)', { client: 'driver', ...NONE, driverSpans: true }),
];

/**
 * Micro-benchmark only: what one traced call costs with the SDK alone — a CLIENT span with the store
 * span's start attributes, made current around the call, ended (AsyncLocalStorage context manager,
 * the same batching). `traces − span-floor` is featurescope's own share of a traced call.
 */
export const SPAN_FLOOR: VariantSpec = v('span-floor', 'one bare SDK span per call, made current, no featurescope code (the floor of a traced call)', { client: 'store', ...NONE, instrumentation: 'span-floor' });

export const variantById = (id: VariantId): VariantSpec => VARIANTS.find((variant) => variant.id === id)!;

/**
 * The variants that make sense for a store: driver variants only where there is a driver. Without a
 * directly called driver client (in-memory store, PostgreSQL) the store itself is the baseline (and
 * `upstream` runs on it), so `store` would duplicate `raw`.
 */
export function variantsFor(target: StoreTarget): VariantSpec[] {
  return VARIANTS.filter((variant) => (target.driver !== undefined || !variant.driverSpans) && (target.openDriverClient !== undefined || variant.id !== 'store'));
}

/** Whether a variant needs an SDK (anything that exports telemetry). */
export const needsSdk = (variant: VariantSpec): boolean => variant.instrumentation !== 'none' || variant.driverSpans;

/** Whether a variant records spans (and so needs the context manager, as a real tracing deployment has). */
export const tracesIn = (variant: VariantSpec): boolean => variant.instrumentation === 'traces' || variant.instrumentation === 'span-floor' || variant.driverSpans;
