import { instrumentFeatureStore, type FeatureStore, type FeatureStoreObserver } from '@featurescope/core';
import { deriveSeed } from '@featurescope/test-utils';
import { quantileOfSorted } from '../stats/descriptive.js';
import type { StoreTarget } from '../stores/store-targets.js';
import { createBenchSdk, type BenchSdk } from '../telemetry/bench-sdk.js';
import { setContextPropagation } from '../telemetry/context-switch.js';
import type { DriverInstrumentations } from '../variants/driver-instrumentations.js';
import type { ProfilesFactory, ProfilesObserver } from '../variants/profiles-observer.js';
import { needsSdk, tracesIn, type VariantSpec } from '../variants/variants.js';
import { WorkloadGenerator, type WorkloadModel } from '../workload/workload-generator.js';
import { TailLatencyStore, type TailLatencyOptions } from '../workload/tail-latency-store.js';
import { runLoad } from './load-runner.js';
import { collectGarbage, measureResources } from './resource-meter.js';
import { checkTelemetry, type TelemetryCounts } from './telemetry-check.js';

/** Everything one variant repetition needs. */
export interface RepetitionInput {
  readonly target: StoreTarget;
  readonly store: FeatureStore;
  /** The driver called directly (baseline); undefined where the store itself is the baseline. */
  readonly driverClient: FeatureStore | undefined;
  readonly variant: VariantSpec;
  readonly model: WorkloadModel;
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly seed: number;
  readonly repetition: number;
  /** Position of the variant within its repetition (for carry-over analysis). */
  readonly position: number;
  readonly tail: TailLatencyOptions | undefined;
  readonly drivers: DriverInstrumentations | undefined;
  readonly profiles: ProfilesFactory | undefined;
}

/** The figures of one variant repetition. */
export interface RepetitionResult {
  readonly variant: string;
  readonly repetition: number;
  readonly position: number;
  readonly calls: number;
  readonly values: number;
  readonly errors: number;
  readonly firstError: string | undefined;
  readonly wallMs: number;
  readonly throughput: number;
  readonly cpuUsPerCall: number;
  readonly allocBytesPerCall: number;
  readonly gcCount: number;
  readonly gcPauseMs: number;
  readonly p50Us: number;
  readonly p95Us: number;
  readonly p99Us: number;
  readonly p999Us: number;
  readonly maxUs: number;
  readonly delayedCalls: number;
  readonly telemetry: TelemetryCounts;
  /** Sorted latencies (µs); kept in memory for the chart, not written to JSON. */
  readonly sortedLatenciesUs: Float64Array;
}

/** Runs warm-up then the measured window for one variant, with fresh telemetry, and checks the telemetry. */
export async function runRepetition(input: RepetitionInput): Promise<RepetitionResult> {
  const { variant, target } = input;
  const sdk: BenchSdk | undefined = needsSdk(variant) ? createBenchSdk(variant.sampleRatio) : undefined;
  let profiles: ProfilesObserver | undefined;
  // A metrics-only deployment registers no context manager (as @featurescope/otel does without trace export).
  setContextPropagation(tracesIn(variant));
  let store: FeatureStore = variant.client === 'driver' ? (input.driverClient ?? input.store) : input.store;
  let tail: TailLatencyStore | undefined;
  if (input.tail !== undefined && input.tail.fraction > 0) {
    tail = new TailLatencyStore(store, { ...input.tail, seed: deriveSeed(input.seed, input.repetition, 0x7a11) });
    store = tail;
  }
  try {
    if (variant.driverSpans) {
      if (input.drivers === undefined || target.driver === undefined) throw new Error(`variant ${variant.id} needs a driver instrumentation`);
      input.drivers.activate(target.driver, sdk!.tracerProvider, sdk!.meterProvider);
    }
    if (variant.instrumentation !== 'none') {
      const observers: FeatureStoreObserver[] = [];
      if (variant.quality) {
        if (input.profiles === undefined) throw new Error('data-quality profiles are not available');
        profiles = input.profiles(sdk!.meterProvider);
        observers.push(profiles.observer);
      }
      // Metrics only = what @featurescope/otel sets up without trace export: no tracer provider is
      // registered, so the store's spans come from the API's no-op tracer (and skip the context switch).
      store = instrumentFeatureStore(store, {
        tracerProvider: variant.instrumentation === 'traces' ? sdk!.tracerProvider : undefined,
        meterProvider: sdk!.meterProvider,
        observers,
      });
    }
    // Identical traffic for every variant of a repetition: the generators' seeds do not depend on the variant.
    const generators = Array.from({ length: input.concurrency }, (_, worker) => new WorkloadGenerator(input.model, deriveSeed(input.seed, input.repetition, worker)));
    const warm = await runLoad(store, generators, input.warmupMs);
    collectGarbage();
    let load!: Awaited<ReturnType<typeof runLoad>>;
    const usage = await measureResources(async () => {
      load = await runLoad(store, generators, input.durationMs);
    });
    input.drivers?.deactivate();
    await sdk?.finish();
    await profiles?.close();
    const calls = warm.calls + load.calls;
    const telemetry = checkTelemetry(sdk, variant, calls);
    const sorted = load.latenciesUs.sorted();
    const firstError = warm.firstError ?? load.firstError;
    return {
      variant: variant.id,
      repetition: input.repetition,
      position: input.position,
      calls: load.calls,
      values: load.values,
      errors: warm.errors + load.errors,
      firstError: firstError === undefined ? undefined : firstError instanceof Error ? `${firstError.name}: ${firstError.message}` : JSON.stringify(firstError),
      wallMs: usage.wallMs,
      throughput: load.calls / (usage.wallMs / 1000),
      cpuUsPerCall: usage.cpuUs / load.calls,
      allocBytesPerCall: usage.allocatedBytes / load.calls,
      gcCount: usage.gcCount,
      gcPauseMs: usage.gcPauseMs,
      p50Us: quantileOfSorted(sorted, 0.5),
      p95Us: quantileOfSorted(sorted, 0.95),
      p99Us: quantileOfSorted(sorted, 0.99),
      p999Us: quantileOfSorted(sorted, 0.999),
      maxUs: sorted.length > 0 ? sorted[sorted.length - 1]! : Number.NaN,
      delayedCalls: tail?.delayedCalls ?? 0,
      telemetry,
      sortedLatenciesUs: sorted,
    };
  } finally {
    input.drivers?.deactivate();
    setContextPropagation(false);
  }
}
