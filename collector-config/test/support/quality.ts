import type { FeatureStoreObserver } from '@featurescope/core';

/** The part of @featurescope/quality's engine the e2e tests use. */
export interface QualityEngineLike extends FeatureStoreObserver {
  shutdown(): void;
}

interface QualityModule {
  createQualityEngine(options: { windowSeconds: number; features: Record<string, unknown>; allowList?: readonly string[] }): QualityEngineLike;
}

/**
 * @featurescope/quality's engine for `features`, or an Error saying why it is unavailable.
 * Imported by a computed specifier so this package typechecks before quality is built.
 */
export async function loadQualityEngine(features: readonly string[]): Promise<QualityEngineLike | Error> {
  const specifier = '@featurescope/quality';
  try {
    const quality = (await import(specifier)) as QualityModule;
    if (typeof quality.createQualityEngine !== 'function') return new Error(`${specifier} exports no createQualityEngine`);
    return quality.createQualityEngine({
      windowSeconds: 10,
      features: Object.fromEntries(features.map((name) => [name, { type: 'number', policy: 'record' }])),
      allowList: features,
    });
  } catch (error) {
    return new Error(`${specifier} is not available (build it: npm run build -w ${specifier}): ${(error as Error).message}`);
  }
}
