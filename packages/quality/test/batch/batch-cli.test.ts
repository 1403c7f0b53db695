import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_DRIFT, ValuesFileError, binnedDrift, parseBaseline, readValuesCsv, runBatchCli, type DriftReport } from '../../src/index.js';
import { SeededRandom } from '@featurescope/test-utils';

const random = new SeededRandom(77);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), `featurescope-batch-${process.pid}-`));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function capture(): { io: { out(t: string): void; err(t: string): void }; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t) => out.push(t), err: (t) => err.push(t) }, out, err };
}

async function csv(name: string, rows: number, amount: (i: number) => number, count: (i: number) => number): Promise<string> {
  const lines = ['amount,txn_count'];
  for (let i = 0; i < rows; i++) lines.push(`${amount(i)},${i % 50 === 0 ? '' : count(i)}`);
  const path = join(dir, name);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

describe('featurescope profile / drift', () => {
  it('profiles a CSV into a baseline artifact and judges a shifted file as drift (exit 3 with --fail-on-drift)', async () => {
    const base = await csv('base.csv', 5000, () => random.normal(1000, 1), () => Math.floor(random.next() * 8));
    const p = capture();
    expect(await runBatchCli(['profile', base, '--group', 'payments'], p.io)).toBe(0);
    const baseline = parseBaseline(JSON.parse(p.out[0]!));
    expect(baseline.features.map((f) => [f.group, f.feature, f.count])).toEqual([['payments', 'amount', 5000], ['payments', 'txn_count', 4900]]);
    const baselinePath = join(dir, 'baseline.json');
    await writeFile(baselinePath, p.out[0]!);

    const stable = await csv('stable.csv', 1000, () => random.normal(1000, 1), () => Math.floor(random.next() * 8));
    const s = capture();
    expect(await runBatchCli(['drift', '--baseline', baselinePath, stable, '--fail-on-drift'], s.io)).toBe(0);
    const stableReport = JSON.parse(s.out[0]!) as DriftReport;
    expect(stableReport.features.map((f) => f.state)).toEqual(['ok', 'ok']);
    expect(stableReport.baselineId).toBe(baseline.id);

    const shifted = await csv('shifted.csv', 1000, () => random.normal(1000.5, 1), () => Math.floor(random.next() * 8));
    const d = capture();
    expect(await runBatchCli(['drift', '--baseline', baselinePath, shifted, '--fail-on-drift'], d.io)).toBe(EXIT_DRIFT);
    const report = JSON.parse(d.out[0]!) as DriftReport;
    const amount = report.features.find((f) => f.feature === 'amount')!;
    expect(amount.state).toBe('drift');
    expect(amount.meanShiftSigma!).toBeGreaterThan(0.3);
    // Same statistics as the library on the reported bins.
    expect(amount.psi).toBe(binnedDrift(amount.bins, 5000).psi);
    expect(report.features.find((f) => f.feature === 'txn_count')!.state).toBe('ok');
    expect(report.features.find((f) => f.feature === 'txn_count')!.nulls).toBe(20);
    expect(report.drift).toBe(true);
  });

  it('names the line and column of a bad cell, never its value, and exits 2', async () => {
    const bad = join(dir, 'bad.csv');
    await writeFile(bad, 'amount,score\n1,2\n3,secret-value-42\n');
    const r = capture();
    expect(await runBatchCli(['profile', bad], r.io)).toBe(2);
    expect(r.err[0]).toContain('line 3, column "score"');
    expect(r.err[0]).not.toContain('secret-value-42');
    expect(() => readValuesCsv('a,b\n1\n')).toThrow(ValuesFileError);
    const u = capture();
    expect(await runBatchCli(['drift', bad], u.io)).toBe(2);
    expect(u.err[0]).toContain('--baseline');
  });
});
