import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { BaselineSampler, RankBinner, baselineDocument, binnedDrift, parseBaseline } from '@featurescope/quality';
import { SeededRandom } from '@featurescope/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROMETHEUS_DIR } from './support/paths.js';
import { PrometheusServer } from './support/prometheus-server.js';

// 8 replicas (processes) each see 1/8 of the traffic and serve /metrics; a real Prometheus scrapes
// all 8 with the shipped fleet-drift rules. Its PSI / chi-square / KS / state must equal the
// library's on the pooled counts, and find a 0.5 σ shift no single pod has enough values to judge.

const PODS = 8;
const PER_POD = 80; // < minCount 100: every pod alone is "insufficient"; the fleet has 640 values
const POD_SCRIPT = fileURLToPath(new URL('./support/fleet-pod.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), `featurescope-fleet-${process.pid}-`));
const random = new SeededRandom(8080);

interface Pod {
  child: ChildProcess;
  lines: Interface;
  port: number;
  next(): Promise<Record<string, unknown>>;
}

async function startPod(baselinePath: string, index: number): Promise<Pod> {
  const child = spawn(process.execPath, [POD_SCRIPT, baselinePath, String(index)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const queue: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => (waiting.length > 0 ? waiting.shift()!(line) : queue.push(line)));
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`pod ${index} did not answer in 60 s`)), 60_000);
      const take = (line: string) => {
        clearTimeout(timer);
        resolve(JSON.parse(line) as Record<string, unknown>);
      };
      if (queue.length > 0) take(queue.shift()!);
      else waiting.push(take);
    });
  const first = await next();
  return { child, lines, port: first.port as number, next };
}

let pods: Pod[] = [];
let prometheus: PrometheusServer;
let binner: RankBinner;
let baselineN: number;
const pooled: Record<string, number[]> = {};
const perPod: Record<string, Float64Array[]> = {};

beforeAll(async () => {
  const sampler = new BaselineSampler();
  for (let i = 0; i < 10_000; i++) sampler.add(random.normal(0, 1));
  const doc = baselineDocument([sampler.build('fleet', 'stable')!, sampler.build('fleet', 'shifted')!], [], { startMs: 0, endMs: 1 });
  const baselinePath = join(dir, 'baseline.json');
  writeFileSync(baselinePath, JSON.stringify(doc));
  const parsed = parseBaseline(doc);
  binner = new RankBinner(parsed.features[0]!.cdf, 20);
  baselineN = parsed.features[0]!.count;

  pods = await Promise.all(Array.from({ length: PODS }, (_, i) => startPod(baselinePath, i)));
  prometheus = await PrometheusServer.start(
    {
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: ['featurescope-drift.yml'],
      scrape_configs: [{ job_name: 'fleet', static_configs: [{ targets: pods.map((p) => `127.0.0.1:${p.port}`) }] }],
    },
    { 'featurescope-drift.yml': readFileSync(join(PROMETHEUS_DIR, 'rules', 'featurescope-drift.yml'), 'utf8') },
  );
  for (const [feature, mean] of [['stable', 0], ['shifted', 0.5]] as const) {
    pooled[feature] = new Array(20).fill(0);
    perPod[feature] = [];
    for (const pod of pods) {
      const values = Array.from({ length: PER_POD }, () => random.normal(mean, 1));
      const own = new Float64Array(20);
      for (const v of values) own[binner.binOf(v)]! += 1;
      own.forEach((c, i) => (pooled[feature]![i]! += c));
      perPod[feature].push(own);
      pod.child.stdin!.write(`${JSON.stringify({ feature, values })}\n`);
      expect((await pod.next()).done).toBe(PER_POD);
    }
  }
  // Every pod's last write is in Prometheus, and the rules have run on it.
  for (const feature of ['stable', 'shifted']) {
    await prometheus.waitFor(`featurescope:drift_values:total{featurescope_feature_name="${feature}"}`, (s) => s.length === 1 && Number(s[0]!.value[1]) === PODS * PER_POD, 60_000);
  }
  await prometheus.waitFor('featurescope:drift_state:total', (s) => s.length === 2, 30_000);
}, 180_000);

afterAll(async () => {
  for (const pod of pods) {
    pod.child.stdin!.end();
    pod.child.kill();
  }
  await prometheus?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));

describe('fleet drift: 8 pods scraped by a real Prometheus with the shipped rules', () => {
  it('scrapes all 8 pods, each exporting all 20 bins of both features', async () => {
    expect(await prometheus.value('count(up{job="fleet"} == 1)')).toBe(PODS);
    expect(await prometheus.value('count(featurescope_drift_bin_values_total)')).toBe(PODS * 2 * 20);
  });

  for (const feature of ['stable', 'shifted']) {
    it(`${feature}: PSI, chi-square, binned KS and state equal the library's on the pooled counts`, async () => {
      const library = binnedDrift(pooled[feature]!, baselineN);
      const sel = `{featurescope_feature_name="${feature}"}`;
      close(await prometheus.value(`featurescope:drift_psi:total${sel}`), library.psi);
      close(await prometheus.value(`featurescope:drift_chi_square:total${sel}`), library.chiSquare);
      close(await prometheus.value(`featurescope:drift_ks_binned:total${sel}`), library.ksBinned);
      expect(await prometheus.value(`featurescope:drift_state:total${sel}`)).toBe(library.state);
      expect(library.state).toBe(feature === 'shifted' ? 2 : 0);
    });
  }

  it('needs the fleet: every pod alone has too few values for a verdict on the 0.5 σ shift', () => {
    for (const own of perPod.shifted!) expect(binnedDrift(own, baselineN).state).toBe(3);
  });

  it('gives the fleet mean shift in baseline σ from the deviation sums', async () => {
    const shift = await prometheus.value('featurescope:feature_mean_shift_sigma:total{featurescope_feature_name="shifted"}');
    expect(shift).toBeGreaterThan(0.3);
    expect(shift).toBeLessThan(0.7);
  });
});
