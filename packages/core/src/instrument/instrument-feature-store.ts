import { InvalidOptionError } from '../errors.js';
import type { FeatureStore } from '../store/types.js';
import { InstrumentedFeatureStore } from './instrumented-store.js';
import { resolveOptions, type InstrumentFeatureStoreOptions } from './options.js';

const WRAPPED = new Set(['upsert', 'lookup', 'upsertVectors', 'searchVectors', 'close', 'system', 'constructor']);

/**
 * Wraps a store so every call produces a CLIENT span, a `db.client.operation.duration` sample and
 * per-feature counters. Returns an object of the store's own type: the store's other methods
 * (e.g. `ensureSchema`) are forwarded, bound to the original store.
 *
 * Register the OpenTelemetry SDK (e.g. `@featurescope/otel/register`) before calling this, or pass
 * providers in `options`: the global meter provider is read once, here.
 */
export function instrumentFeatureStore<T extends FeatureStore>(store: T, options?: InstrumentFeatureStoreOptions): T {
  if (store === null || typeof store !== 'object' || typeof store.upsert !== 'function') {
    throw new InvalidOptionError('store', 'expected a FeatureStore (an object with upsert/lookup/upsertVectors/searchVectors)');
  }
  const instrumented = new InstrumentedFeatureStore(store, resolveOptions(options));
  forwardOtherMembers(store, instrumented);
  return instrumented as unknown as T;
}

/** Copies the store's remaining methods and getters onto the wrapper, bound to the store (done once). */
function forwardOtherMembers(store: object, target: object): void {
  for (let proto: object | null = store; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const key of Reflect.ownKeys(proto)) {
      if (typeof key === 'string' && (WRAPPED.has(key) || key.startsWith('#'))) continue;
      if (Object.prototype.hasOwnProperty.call(target, key)) continue;
      const descriptor = Reflect.getOwnPropertyDescriptor(proto, key);
      if (descriptor === undefined) continue;
      if (typeof descriptor.value === 'function') {
        Object.defineProperty(target, key, { value: (descriptor.value as (...a: unknown[]) => unknown).bind(store), configurable: true });
      } else {
        Object.defineProperty(target, key, { get: () => Reflect.get(store, key) as unknown, configurable: true, enumerable: descriptor.enumerable ?? false });
      }
    }
  }
}
