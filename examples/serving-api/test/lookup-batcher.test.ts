import { instrumentFeatureStore } from '@featurescope/core';
import { createPostgresFeatureStore } from '@featurescope/postgres';
import { createTestTelemetry } from '@featurescope/test-utils';
import { describe, expect, it } from 'vitest';
import { LookupBatcher } from '../src/lookup-batcher.js';

describe('LookupBatcher (embedded PGlite store)', () => {
  it('answers requests made in the same turn with one store lookup, each with its own values', async () => {
    const telemetry = createTestTelemetry();
    const raw = await createPostgresFeatureStore({ url: 'pglite://memory' });
    await raw.ensureSchema();
    const store = instrumentFeatureStore(raw, { tracerProvider: telemetry.tracerProvider, meterProvider: telemetry.meterProvider });
    try {
      await raw.upsert({ group: 'g', rows: Array.from({ length: 20 }, (_, i) => ({ entityId: `u${i}`, feature: i % 2 ? 'a' : 'b', value: i })) });
      const batcher = new LookupBatcher({ store, group: 'g', maxBatch: 16 });
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => batcher.lookup(`u${i}`, [i % 2 ? 'a' : 'b'])));
      for (let i = 0; i < 20; i++) expect(answers[i]!.values?.get(i % 2 ? 'a' : 'b')?.value).toBe(i);
      // 16 fill one batch at once; the other 4 go in the next turn.
      expect(answers.map((a) => a.batchSize)).toEqual([...Array(16).fill(16), ...Array(4).fill(4)]);
      expect(telemetry.spans().filter((s) => s.attributes['db.operation.name'] === 'lookup')).toHaveLength(2);
    } finally {
      await store.close();
      await telemetry.shutdown();
    }
  });
});
