import { FeatureStoreError } from '@featurescope/core';
import type { Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetryExhaustedError, createMysqlFeatureStore, type MysqlFeatureStore } from '../src/index.js';
import { adminPool, dropTables, mysqlUrl, uniqueTable } from './helpers.js';

const table = uniqueTable('fs_fault');
const WRITERS = 4;
const BATCHES_PER_WRITER = 60;
const ROWS_PER_BATCH = 20;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const valueOf = (writer: number, batch: number, row: number): number => writer * 1e6 + batch * 1e3 + row + 0.5;
const entityOf = (phase: string, writer: number, batch: number): string => `${phase}-w${writer}-b${batch}`;

describe('killing the store connections under a steady upsert load', () => {
  let admin: Pool;
  let client: Pool;
  const threadIds = new Set<number>();

  beforeAll(async () => {
    const url = await mysqlUrl();
    admin = await adminPool(url, 2);
    client = await adminPool(url, 4);
    // The store's connections, by server thread id, so only they are killed (other tests share the server).
    client.on('connection', (connection) => threadIds.add(connection.threadId));
  }, 60_000);
  afterAll(async () => {
    await dropTables(admin, [table]);
    await client?.end();
    await admin?.end();
  });

  /** KILLs every live store connection `rounds` times, `everyMs` apart, while `running()` holds. */
  async function killer(rounds: number, everyMs: number, running: () => boolean): Promise<number> {
    let kills = 0;
    for (let round = 0; round < rounds && running(); round++) {
      await pause(everyMs);
      const [rows] = await admin.query('SELECT ID FROM information_schema.PROCESSLIST WHERE ID IN (?)', [[...threadIds, -1]]);
      for (const { ID } of rows as { ID: number }[]) {
        await admin.query('KILL CONNECTION ?', [ID]).then(
          () => kills++,
          () => undefined, // already gone
        );
      }
    }
    return kills;
  }

  /** Upserts `BATCHES_PER_WRITER` batches from each of `WRITERS` concurrent writers, recording outcomes. */
  async function load(store: MysqlFeatureStore, phase: string): Promise<{ resolved: Set<string>; failures: { key: string; error: unknown }[] }> {
    const resolved = new Set<string>();
    const failures: { key: string; error: unknown }[] = [];
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        for (let batch = 0; batch < BATCHES_PER_WRITER; batch++) {
          const entityId = entityOf(phase, writer, batch);
          const rows = Array.from({ length: ROWS_PER_BATCH }, (_, row) => ({ entityId, feature: `f${row}`, value: valueOf(writer, batch, row) }));
          await store.upsert({ group: 'fault', rows }).then(
            () => resolved.add(entityId),
            (error: unknown) => failures.push({ key: entityId, error }),
          );
        }
      }),
    );
    return { resolved, failures };
  }

  /** Every batch is all there with its values, or (failed batches only) entirely absent; no duplicates. */
  async function verify(phase: string, resolved: Set<string>): Promise<number> {
    const [rows] = await admin.query(`SELECT entity_id, feature_name, value FROM \`${table}\` WHERE entity_id LIKE ?`, [`${phase}-%`]);
    const byEntity = new Map<string, Map<string, number>>();
    for (const { entity_id, feature_name, value } of rows as { entity_id: string; feature_name: string; value: number }[]) {
      let features = byEntity.get(entity_id);
      if (features === undefined) byEntity.set(entity_id, (features = new Map()));
      expect(features.has(feature_name), `duplicate ${entity_id}/${feature_name}`).toBe(false);
      features.set(feature_name, value);
    }
    let present = 0;
    for (let writer = 0; writer < WRITERS; writer++) {
      for (let batch = 0; batch < BATCHES_PER_WRITER; batch++) {
        const entityId = entityOf(phase, writer, batch);
        const features = byEntity.get(entityId);
        if (resolved.has(entityId)) expect(features?.size, `resolved batch ${entityId}`).toBe(ROWS_PER_BATCH);
        // A failed batch is atomic: all or nothing (all when the connection died after COMMIT was applied).
        expect([0, ROWS_PER_BATCH]).toContain(features?.size ?? 0);
        for (const [feature, value] of features ?? []) expect(value).toBe(valueOf(writer, batch, Number(feature.slice(1))));
        if (features !== undefined) present++;
      }
    }
    const [[counts]] = (await admin.query(`SELECT COUNT(*) AS total, COUNT(DISTINCT entity_id, feature_name) AS distinct_pairs FROM \`${table}\` WHERE entity_id LIKE ?`, [`${phase}-%`])) as unknown as [
      { total: number; distinct_pairs: number }[],
    ];
    expect(Number(counts!.total)).toBe(present * ROWS_PER_BATCH);
    expect(Number(counts!.distinct_pairs)).toBe(Number(counts!.total));
    return present;
  }

  it('retries through the kills: every resolved batch is stored exactly once with its values', async () => {
    let retries = 0;
    const store = await createMysqlFeatureStore({
      client: client,
      table,
      // Three statements per batch, so kills land inside transactions.
      upsertChunkSize: 7,
      poolMetrics: false,
      retry: { maxAttempts: 10, baseDelayMs: 5, maxDelayMs: 100, sleep: (ms) => (retries++, pause(ms)) },
    });
    try {
      await store.ensureSchema();
      let running = true;
      const kills = killer(6, 80, () => running);
      const outcome = await load(store, 'retry').finally(() => (running = false));
      const killed = await kills;
      const present = await verify('retry', outcome.resolved);
      for (const { error } of outcome.failures) expect(error).toBeInstanceOf(RetryExhaustedError);
      expect(present).toBeGreaterThanOrEqual(outcome.resolved.size);
      expect(outcome.resolved.size + outcome.failures.length).toBe(WRITERS * BATCHES_PER_WRITER);
      // The kills happened and were survived by retrying, or the test proved nothing.
      expect(killed).toBeGreaterThan(0);
      expect(retries).toBeGreaterThan(0);
      console.info(`fault (retrying): ${killed} kills, ${retries} retries, ${outcome.resolved.size} resolved, ${outcome.failures.length} failed`);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('without retries, every failure reaches the caller typed, and failed batches stay atomic', async () => {
    const store = await createMysqlFeatureStore({ client: client, table, upsertChunkSize: 7, poolMetrics: false, retry: { maxAttempts: 1 } });
    try {
      let running = true;
      const kills = killer(20, 40, () => running);
      const outcome = await load(store, 'noretry').finally(() => (running = false));
      await kills;
      await verify('noretry', outcome.resolved);
      expect(outcome.failures.length).toBeGreaterThan(0);
      for (const { error } of outcome.failures) {
        expect(error).toBeInstanceOf(FeatureStoreError);
        expect(error).toBeInstanceOf(RetryExhaustedError);
        expect((error as RetryExhaustedError).attempts).toBe(1);
        expect((error as RetryExhaustedError).cause).toBeInstanceOf(Error);
      }
      const causes = new Set(outcome.failures.map(({ error }) => String((error as { cause: { code?: string } }).cause.code)));
      console.info(`fault (no retry): ${outcome.resolved.size} resolved, ${outcome.failures.length} failed; causes: ${[...causes].join(', ')}`);
    } finally {
      await store.close();
    }
  }, 60_000);
});
