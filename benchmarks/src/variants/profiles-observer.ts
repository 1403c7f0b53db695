import type { FeatureStoreObserver } from '@featurescope/core';
import type { MeterProvider } from '@opentelemetry/api';
import { functionExport, importOptional } from '../stores/optional-import.js';

/** The data-quality engine of one repetition, as an observer. */
export interface ProfilesObserver {
  readonly observer: FeatureStoreObserver;
  /** Releases the engine (unregisters its instruments), when it has a way to. */
  close(): Promise<void>;
}

/** Makes a data-quality observer for one repetition, or says why it cannot (package not built yet). */
export type ProfilesFactory = (meterProvider: MeterProvider) => ProfilesObserver;

const OBSERVER_METHODS = ['afterLookup', 'afterUpsert', 'beforeUpsert', 'afterVectorSearch', 'afterVectorUpsert'] as const;

function isObserver(value: unknown): value is FeatureStoreObserver {
  return value !== null && typeof value === 'object' && OBSERVER_METHODS.some((name) => typeof (value as Record<string, unknown>)[name] === 'function');
}

/**
 * Loads `@featurescope/quality` and returns a factory of `createQualityEngine` observers with the
 * engine's defaults. Returns a sentence instead when the package is not built or its API differs.
 */
export async function loadProfilesFactory(): Promise<ProfilesFactory | string> {
  const imported = await importOptional('@featurescope/quality');
  if ('missing' in imported) return imported.missing;
  const create = functionExport(imported.module, 'createQualityEngine');
  if (create === undefined) return `@featurescope/quality has no createQualityEngine export (exports: ${Object.keys(imported.module).join(', ')})`;
  return (meterProvider) => {
    const engine = create({ meterProvider }) as Record<string, unknown>;
    const nested = engine.observer;
    const observer = isObserver(engine) ? engine : isObserver(nested) ? nested : undefined;
    if (observer === undefined) throw new Error('createQualityEngine returned neither an observer nor an object with an `observer`');
    const closer = ['shutdown', 'close', 'dispose'].map((name) => engine[name]).find((fn) => typeof fn === 'function') as (() => unknown) | undefined;
    return { observer, close: async () => void (await closer?.call(engine)) };
  };
}
