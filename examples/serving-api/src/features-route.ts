import { trace } from '@opentelemetry/api';
import type { FeatureRegistry } from '@featurescope/quality';
import { errorCode, isStoreUnavailable, type JsonLogger, type JsonResponse, type RouteSpec } from '@featurescope/example-service-kit';
import type { LookupBatcher } from './lookup-batcher.js';

/** One served feature: `null` when the store has no value for it. */
export type ServedFeature = { value: number | null; updated_at: string; age_seconds: number; stale: boolean } | null;

export interface FeaturesRouteOptions {
  readonly batcher: LookupBatcher;
  readonly registry: FeatureRegistry;
  /** Most features per request. */
  readonly maxFeatures: number;
  readonly logger: JsonLogger;
}

const FEATURE_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]{0,254}$/;

/**
 * `GET /v1/features/:user_id?features=a,b`: the values for the model, each with its age and a
 * `stale` flag (older than the feature's `maxStalenessSeconds`). The server span gets the largest
 * age and the stale count; never the user id or a value.
 */
export function featuresRoute(options: FeaturesRouteOptions): RouteSpec {
  const maxAgeMs = new Map<string, number>();
  for (const [name, spec] of Object.entries(options.registry)) {
    if (spec.kind !== 'vector' && spec.maxStalenessSeconds !== undefined) maxAgeMs.set(name, spec.maxStalenessSeconds * 1000);
  }
  return {
    method: 'GET',
    path: '/v1/features/:user_id',
    handle: async ({ params, url }): Promise<JsonResponse> => {
      const userId = params.user_id!;
      if (userId.length > 255) return invalid('user_id', 'must be at most 255 characters');
      const list = url.searchParams.get('features');
      if (list === null || list === '') return invalid('features', 'is required: a comma-separated list of feature names');
      const features = [...new Set(list.split(','))];
      if (features.length > options.maxFeatures) return invalid('features', `at most ${options.maxFeatures} names per request`);
      const badIndex = features.findIndex((name) => !FEATURE_NAME.test(name));
      if (badIndex >= 0) return invalid(`features[${badIndex}]`, 'must be a feature name of letters, digits, _ . : -');

      let found;
      try {
        found = await options.batcher.lookup(userId, features);
      } catch (error) {
        if (!isStoreUnavailable(error)) throw error;
        options.logger.error('store unavailable, answering 503', { error_code: errorCode(error) });
        return { status: 503, body: { error: 'store_unavailable', message: 'The feature store is unavailable; retry later' }, headers: { 'retry-after': '1' } };
      }
      const now = Date.now();
      const served: Record<string, ServedFeature> = {};
      let maxAge = 0;
      let stale = 0;
      let misses = 0;
      for (const name of features) {
        const stored = found.values?.get(name);
        if (stored === undefined) {
          served[name] = null;
          misses++;
          continue;
        }
        const ageMs = Math.max(0, now - stored.updatedAt.getTime());
        const isStale = ageMs > (maxAgeMs.get(name) ?? Infinity);
        if (isStale) stale++;
        if (ageMs > maxAge) maxAge = ageMs;
        served[name] = { value: stored.value, updated_at: stored.updatedAt.toISOString(), age_seconds: ageMs / 1000, stale: isStale };
      }
      trace.getActiveSpan()?.setAttributes({ 'serving.feature_age.max': maxAge / 1000, 'serving.stale_count': stale, 'serving.miss_count': misses });
      return { status: 200, body: { user_id: userId, features: served } };
    },
  };
}

function invalid(field: string, message: string): JsonResponse {
  return { status: 400, body: { error: 'invalid_request', problems: [{ field, message }], problem_count: 1 } };
}
