import { readFileSync } from 'node:fs';
import type { FeatureRegistry } from '@featurescope/quality';

/**
 * The fraud platform's features and their rules, shared by the ingestion service (validation,
 * profiles, ingest lag) and the serving API (`maxStalenessSeconds` decides the `stale` flag).
 */
export const FRAUD_FEATURES: FeatureRegistry = Object.freeze({
  amount_avg_7d: { type: 'number', min: 0, nullable: false, maxStalenessSeconds: 3600, policy: 'record' },
  txn_count_24h: { type: 'integer', min: 0, max: 100_000, maxStalenessSeconds: 900, policy: 'reject' },
  chargebacks_90d: { type: 'integer', min: 0, nullable: true, maxStalenessSeconds: 86_400, policy: 'record' },
  risk_score: { type: 'probability', maxStalenessSeconds: 300, policy: 'reject' },
});

/** `FEATURE_REGISTRY_FILE` (a JSON object: feature name → rules, as `FeatureRegistry`), else {@link FRAUD_FEATURES}. */
export function loadFeatureRegistry(path = process.env.FEATURE_REGISTRY_FILE): FeatureRegistry {
  if (path === undefined || path === '') return FRAUD_FEATURES;
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new TypeError(`FEATURE_REGISTRY_FILE ${path}: expected a JSON object of feature rules`);
  return parsed as FeatureRegistry;
}
