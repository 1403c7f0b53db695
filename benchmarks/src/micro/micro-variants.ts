import type { FeatureStore, FeatureStoreObserver, HistogramExport, InstrumentFeatureStoreOptions } from '@featurescope/core';
import type { MeterProvider } from '@opentelemetry/api';
import { instrumentFeatureStore } from '@featurescope/core';
import { pathToFileURL } from 'node:url';
import { createBenchSdk, type BenchSdk } from '../telemetry/bench-sdk.js';
import { setContextPropagation } from '../telemetry/context-switch.js';
import type { ProfilesFactory, ProfilesObserver } from '../variants/profiles-observer.js';
import { SPAN_FLOOR, tracesIn, variantById, type VariantSpec } from '../variants/variants.js';
import { SpanFloorStore } from './span-floor-store.js';

/** `instrumentFeatureStore` of some build of @featurescope/core. */
export type InstrumentFn = (store: FeatureStore, options?: InstrumentFeatureStoreOptions) => FeatureStore;

/** What a variant needs from a build of @featurescope/core. */
export interface CoreBuild {
  readonly instrument: InstrumentFn;
  /**
   * Attaches the SDK's histogram export in that build's registry: each build keeps its own, so
   * without this another build would fall back to SDK histograms and look slower than it is.
   */
  readonly attachHistogramExport: (meterProvider: MeterProvider, histograms: HistogramExport) => () => void;
}

/** One instrumentation setting of the hot-path loop; `@before` ids use another build of core. */
export interface MicroVariant {
  readonly id: string;
  readonly description: string;
  /** The macro variant it mirrors (same SDK, sampler, context manager and observers); undefined: API only, no SDK. */
  readonly spec: VariantSpec | undefined;
  readonly instrumented: boolean;
  /** The core build that instruments it. */
  readonly instrument: InstrumentFn;
  /** Set for a variant of another core build (see {@link CoreBuild.attachHistogramExport}). */
  readonly attachHistogramExport?: CoreBuild['attachHistogramExport'];
}

const micro = (id: string, description: string, spec: VariantSpec | undefined, instrumented = true): MicroVariant => ({ id, description, spec, instrumented, instrument: instrumentFeatureStore });

/** The in-process mirror of the macro variants (the in-memory store is its own baseline). */
export const MICRO_VARIANTS: readonly MicroVariant[] = [
  micro('raw', 'InMemoryFeatureStore alone', variantById('raw'), false),
  micro('no-sdk', 'instrumentFeatureStore, no SDK registered (API no-op tracer and meter)', undefined),
  micro('metrics', 'metrics only, the default: real MeterProvider, no tracer provider registered, no context manager', variantById('metrics')),
  micro('metrics+quality', 'metrics + the data-quality engine', variantById('metrics+quality')),
  micro('traces', 'spans (100 %) + metrics + quality, AsyncLocalStorage context manager', variantById('traces')),
  micro('traces-10%', 'as traces, parentbased_traceidratio 0.1', variantById('traces-10%')),
  {
    ...micro('span-floor', SPAN_FLOOR.description, SPAN_FLOOR),
    instrument: (store, options) => new SpanFloorStore(store, options!.tracerProvider!),
  },
];

/**
 * Loads `instrumentFeatureStore` from another build of @featurescope/core (its `dist/index.js`),
 * so a change can be measured side by side with the code before it in one run.
 */
export async function loadAlternateCore(indexJs: string): Promise<CoreBuild> {
  const module = (await import(pathToFileURL(indexJs).href)) as { instrumentFeatureStore?: InstrumentFn; attachHistogramExport?: CoreBuild['attachHistogramExport'] };
  if (typeof module.instrumentFeatureStore !== 'function') throw new Error(`${indexJs} exports no instrumentFeatureStore`);
  if (typeof module.attachHistogramExport !== 'function') throw new Error(`${indexJs} exports no attachHistogramExport`);
  return { instrument: module.instrumentFeatureStore, attachHistogramExport: module.attachHistogramExport };
}

/** The `@before` twins of the instrumented variants, instrumented by another core build. */
export function beforeVariants(variants: readonly MicroVariant[], build: CoreBuild): MicroVariant[] {
  return variants
    .filter((v) => v.instrumented && v.spec?.instrumentation !== 'span-floor')
    .map((v) => ({ ...v, id: `${v.id}@before`, description: `${v.description} — core before the change`, instrument: build.instrument, attachHistogramExport: build.attachHistogramExport }));
}

/** A store set up for one variant repetition, with what must be flushed and checked afterwards. */
export interface MicroSetup {
  readonly store: FeatureStore;
  readonly sdk: BenchSdk | undefined;
  readonly profiles: ProfilesObserver | undefined;
}

/** Instruments `base` as the variant says; switches the context manager on for traced variants. */
export function setUpMicroVariant(variant: MicroVariant, base: FeatureStore, profilesFactory: ProfilesFactory | undefined): MicroSetup {
  const spec = variant.spec;
  const sdk = spec !== undefined && spec.instrumentation !== 'none' ? createBenchSdk(spec.sampleRatio) : undefined;
  setContextPropagation(spec !== undefined && tracesIn(spec));
  if (sdk !== undefined) variant.attachHistogramExport?.(sdk.meterProvider, sdk.histograms);
  if (!variant.instrumented) return { store: base, sdk, profiles: undefined };
  const observers: FeatureStoreObserver[] = [];
  let profiles: ProfilesObserver | undefined;
  if (spec?.quality === true) {
    if (profilesFactory === undefined) throw new Error('data-quality engine not available');
    profiles = profilesFactory(sdk!.meterProvider);
    observers.push(profiles.observer);
  }
  // Metrics only: no tracer provider registered (as @featurescope/otel without trace export), so the API no-op tracer.
  const store = variant.instrument(base, {
    tracerProvider: spec !== undefined && tracesIn(spec) ? sdk?.tracerProvider : undefined,
    meterProvider: sdk?.meterProvider,
    observers,
  });
  return { store, sdk, profiles };
}
