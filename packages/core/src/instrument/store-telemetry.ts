import { metrics, trace, ValueType, type BatchObservableCallback, type BatchObservableResult, type Meter, type Observable, type Tracer } from '@opentelemetry/api';
import {
  INSTRUMENTATION_SCOPE,
  METRIC_LOOKUP_MISSES,
  METRIC_ROWS_WRITTEN,
  METRIC_VALUES_READ,
  METRIC_VECTORS_WRITTEN,
  OVERFLOW_FEATURE_NAME,
} from '../semconv.js';
import { VERSION } from '../version.js';
import { BoundedNames, type SlotCounts } from './bounded-names.js';
import { DurationRecorder } from './duration-recorder.js';
import { GroupState } from './group-state.js';
import type { ResolvedInstrumentOptions } from './options.js';

/**
 * The tracer, instruments and per-group state of one instrumented store. Per-feature counts
 * live in typed arrays and reach the SDK through observable counters at collection time,
 * so the hot path never pays for attribute hashing per value.
 */
export class StoreTelemetry {
  readonly tracer: Tracer | undefined;
  readonly duration: DurationRecorder | undefined;
  readonly system: string;
  readonly #groups = new Map<string, GroupState>();
  readonly #groupNames: BoundedNames;
  readonly #overflowGroup: GroupState;
  readonly #options: ResolvedInstrumentOptions;

  constructor(system: string, options: ResolvedInstrumentOptions) {
    this.system = system;
    this.#options = options;
    this.#groupNames = new BoundedNames(options.maxGroups);
    this.#overflowGroup = this.#newGroup(OVERFLOW_FEATURE_NAME);
    if (options.tracing) {
      this.tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(INSTRUMENTATION_SCOPE, VERSION);
    }
    if (options.metrics) {
      const meterProvider = options.meterProvider ?? metrics.getMeterProvider();
      this.duration = new DurationRecorder(meterProvider);
      this.#registerCounters(meterProvider.getMeter(INSTRUMENTATION_SCOPE, VERSION));
    }
  }

  /** Stops the duration series (the store is closed); the counters keep their last values. */
  shutdown(): void {
    this.duration?.shutdown();
  }

  /** The group's state; groups past `maxGroups` share the `_other` state. */
  group(name: unknown): GroupState {
    const key = typeof name === 'string' ? name : '';
    const existing = this.#groups.get(key);
    if (existing !== undefined) return existing;
    if (key === '' || this.#groupNames.slotOf(key) === 0) return this.#overflowGroup;
    const state = this.#newGroup(key);
    this.#groups.set(key, state);
    return state;
  }

  #newGroup(name: string): GroupState {
    return new GroupState(name, this.system, this.#options.maxFeatureNames, this.#options.featureAllowList);
  }

  #registerCounters(meter: Meter): void {
    const counter = (name: string, description: string, unit: string): Observable =>
      meter.createObservableCounter(name, { description, unit, valueType: ValueType.INT });
    const rowsWritten = counter(METRIC_ROWS_WRITTEN, 'Feature values written by upserts, per feature', '{value}');
    const valuesRead = counter(METRIC_VALUES_READ, 'Feature values returned by lookups, per feature', '{value}');
    const misses = counter(METRIC_LOOKUP_MISSES, 'Requested (entity, feature) pairs a lookup did not find, per feature', '{value}');
    const vectorsWritten = counter(METRIC_VECTORS_WRITTEN, 'Vectors written, per collection', '{vector}');
    // Series keep being exported after the store closes, so a final flush still reports them.
    const callback: BatchObservableCallback = (result) => {
      for (const group of this.#allGroups()) {
        observeSlots(result, rowsWritten, group, group.rowsWritten);
        observeSlots(result, valuesRead, group, group.valuesRead);
        observeSlots(result, misses, group, group.lookupMisses);
        if (group.vectorsWritten > 0) result.observe(vectorsWritten, group.vectorsWritten, group.groupAttributes);
      }
    };
    meter.addBatchObservableCallback(callback, [rowsWritten, valuesRead, misses, vectorsWritten]);
  }

  *#allGroups(): Iterable<GroupState> {
    yield* this.#groups.values();
    yield this.#overflowGroup;
  }
}

function observeSlots(result: BatchObservableResult, instrument: Observable, group: GroupState, counts: SlotCounts): void {
  for (let slot = 0; slot < group.features.size; slot++) {
    const value = counts.get(slot);
    if (value > 0) result.observe(instrument, value, group.featureAttributes(slot));
  }
}
