import type { FeatureRow } from '@featurescope/core';
import { normal } from './random.js';

/** The feature group the demo writes and serves. */
export const GROUP = 'user_transactions';
/** User embeddings: a small dimension keeps the embedded store quick. */
export const EMBEDDINGS = { name: 'user_embeddings', dimension: 16 } as const;

/** Transaction features a fraud model would read at scoring time. */
export const FEATURES = [
  'txn_count_1h',
  'txn_count_24h',
  'amount_sum_24h',
  'amount_avg_7d',
  'amount_max_24h',
  'distinct_merchants_7d',
  'distinct_countries_30d',
  'failed_logins_24h',
  'chargebacks_90d',
  'account_age_days',
] as const;

/**
 * One user's features after a new transaction. `shift` moves the average amount by that many
 * standard deviations (the demo's simulated drift, e.g. a currency bug upstream).
 */
export function transactionFeatures(userId: string, random: () => number, eventTime: Date, shift: number): FeatureRow[] {
  const avg = Math.max(1, 60 + 25 * normal(random) + shift * 25);
  const count24h = Math.floor(random() * 12);
  const values: Record<(typeof FEATURES)[number], number | null> = {
    txn_count_1h: Math.min(count24h, Math.floor(random() * 4)),
    txn_count_24h: count24h,
    amount_sum_24h: Math.round(count24h * avg * 100) / 100,
    amount_avg_7d: Math.round(avg * 100) / 100,
    amount_max_24h: Math.round(avg * (1 + random()) * 100) / 100,
    distinct_merchants_7d: 1 + Math.floor(random() * 9),
    distinct_countries_30d: 1 + Math.floor(random() ** 4 * 5),
    failed_logins_24h: random() < 0.9 ? 0 : Math.floor(random() * 6),
    // Some users have no chargeback history at all: a null, not a zero.
    chargebacks_90d: random() < 0.3 ? null : Math.floor(random() ** 6 * 3),
    account_age_days: Math.floor(30 + random() * 2000),
  };
  return FEATURES.map((feature) => ({ entityId: userId, feature, value: values[feature], eventTime }));
}

/** A unit-norm embedding with a per-user direction plus noise. */
export function embedding(userIndex: number, random: () => number): number[] {
  const vector = Array.from({ length: EMBEDDINGS.dimension }, (_, i) => Math.sin(userIndex * (i + 1)) + 0.1 * normal(random));
  const norm = Math.hypot(...vector) || 1;
  return vector.map((x) => x / norm);
}

export const userId = (index: number): string => `user-${index.toString().padStart(6, '0')}`;
