import { waitUntil } from '@featurescope/example-service-kit/testing';
import { requireService } from '@featurescope/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineFixture, interactions } from './pipeline-helpers.js';

let fixture: PipelineFixture;

beforeAll(async () => {
  fixture = new PipelineFixture(await requireService('postgres'));
});

afterAll(async () => {
  await fixture?.cleanUp();
});

/** 10-row transactions the writer commits at most while the first pipeline process runs. */
const TRANSACTIONS = 200;

describe('vector-pipeline crash and restart', () => {
  it('after kill -9 mid-stream, a restart resumes from the confirmed position: no vector lost, none duplicated', async () => {
    // Batches larger than the writer's transactions, flushed late: at the kill, rows are usually received but not yet stored.
    const env = { BATCH_SIZE: '50', BATCH_MAX_WAIT_MS: '400' };
    const expected: string[] = [];
    const poisonIds: string[] = [];
    const first = await fixture.start(env);
    const firstStart = first.process.logs.find((l) => l.msg === 'listening')!.start_lsn as string;
    // Transactions of 10 rows keep arriving while the pipeline works through them.
    let writing = true;
    let committed = 0;
    const writer = (async () => {
      for (let i = 0; writing && i < TRANSACTIONS; i++, committed++) {
        const rows = interactions(10, i * 10);
        if (i % 7 === 3) rows[4] = { ...rows[4]!, weight: 0 }; // a rejected vector now and then
        const { ids } = await fixture.insert(rows);
        ids.forEach((id, k) => (rows[k]!.weight === 0 ? poisonIds : expected).push(id));
      }
    })();
    await waitForUpserted(first.status, 150);
    // Two more 10-row transactions after a 50-row flush: received, not yet stored, when it dies. A fast
    // writer (Node 24) may have committed them all already: hundreds of rows are then still in flight.
    const target = Math.min(committed + 2, TRANSACTIONS);
    await waitUntil(() => committed >= target, 30_000, 'two more transactions');
    first.process.child.kill('SIGKILL');
    expect(await first.process.exited).toBe('SIGKILL');
    writing = false;
    await writer;
    // More rows while the pipeline is down: the slot keeps them.
    const last = await fixture.insert(interactions(25, 5000));
    expected.push(...last.ids);

    const second = await fixture.start(env);
    const restartedFrom = second.process.logs.find((l) => l.msg === 'listening')!.start_lsn as string;
    // It resumes from what the killed process confirmed: past the slot's starting point, before the rows written while it was down.
    expect(lsn(restartedFrom)).toBeGreaterThan(lsn(firstStart));
    expect(lsn(restartedFrom)).toBeLessThan(lsn(last.beforeCommitLsn));
    await fixture.waitPast(second.status, last.beforeCommitLsn);
    expect(await second.process.stop()).toBe(0);

    const stored = await fixture.storedVectors();
    const missing = expected.filter((id) => !stored.has(id));
    const unexpected = [...stored.keys()].filter((id) => !expected.includes(id));
    expect(missing).toEqual([]);
    expect(unexpected).toEqual([]);
    expect(stored.size).toBe(expected.length);
    const letters = await fixture.deadLetters();
    expect(letters.map((l) => l.source_id).sort()).toEqual([...poisonIds].sort());
    expect(letters.every((l) => l.error_code === 'rejected_vector')).toBe(true);
  });
});

async function waitForUpserted(status: () => Promise<{ upserted: number; confirmed_lsn: string }>, atLeast: number): Promise<{ upserted: number; confirmed_lsn: string }> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const current = await status();
    if (current.upserted >= atLeast) return current;
    if (Date.now() > deadline) throw new Error(`only ${current.upserted} vectors stored within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function lsn(text: string): bigint {
  const [high, low] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`);
}
