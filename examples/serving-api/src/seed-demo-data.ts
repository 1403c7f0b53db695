import type { FeatureRow, FeatureStore } from '@featurescope/core';

/** Writes `users` demo users (`user-0` …) with the fraud features, so an empty embedded store has something to serve. */
export async function seedDemoData(store: FeatureStore, group: string, users: number): Promise<void> {
  for (let start = 0; start < users; start += 500) {
    const rows: FeatureRow[] = [];
    for (let i = start; i < Math.min(users, start + 500); i++) {
      const id = `user-${i}`;
      rows.push(
        { entityId: id, feature: 'amount_avg_7d', value: 20 + (i % 97) },
        { entityId: id, feature: 'txn_count_24h', value: i % 13 },
        { entityId: id, feature: 'chargebacks_90d', value: i % 31 === 0 ? 1 : 0 },
        { entityId: id, feature: 'risk_score', value: (i % 100) / 100 },
      );
    }
    await store.upsert({ group, rows });
  }
}
