/**
 * Seeded detection and false-alarm trials through the engine's own drift accumulator (FeatureDrift:
 * baseline sampler → CDF table → rank bins → shared rule). Used by error-rates.test.ts, which also
 * checks that the table in docs/data-quality.md is the one these trials produce.
 */
import { BaselineSampler, RankBinner, parseBaseline, baselineDocument } from '../../src/index.js';
import { SeededRandom } from '@featurescope/test-utils';
import { FeatureDrift } from '../../src/binned/feature-drift.js';
import { DEFAULT_BINNED_RULE } from '../../src/binned/binned-drift.js';

export const TRIALS = 200;
const BASELINE_N = 10_000;
const BINS = 20;

type Draw = (r: SeededRandom) => number | null;

export interface TrialCase {
  readonly name: string;
  /** `detect`: a real change (target ≥ 95 % drift); `stable`: none (target ≤ 5 % drift). */
  readonly kind: 'detect' | 'stable' | 'report';
  readonly baseline: Draw;
  readonly window: Draw;
  readonly n?: number;
  /** Values appended to every window (the outlier cases). */
  readonly extra?: readonly number[];
}

const poisson = (r: SeededRandom, lambda: number) => {
  let k = 0;
  let p = Math.exp(-lambda);
  let s = p;
  const u = r.next();
  while (u > s) {
    k++;
    p *= lambda / k;
    s += p;
  }
  return k;
};
const binomial = (r: SeededRandom, n: number, p: number) => {
  let k = 0;
  for (let i = 0; i < n; i++) if (r.next() < p) k++;
  return k;
};
const powerOfTwo = (r: SeededRandom, weights: readonly number[]) => {
  const u = r.next();
  let s = 0;
  for (let i = 0; i < weights.length; i++) if (u < (s += weights[i]!)) return 2 ** i;
  return 2 ** (weights.length - 1);
};

export const CASES: readonly TrialCase[] = [
  { name: 'N(0,1) → N(0.5,1)', kind: 'detect', baseline: (r) => r.normal(0, 1), window: (r) => r.normal(0.5, 1) },
  { name: 'N(1000,1) → N(1000.5,1)', kind: 'detect', baseline: (r) => r.normal(1000, 1), window: (r) => r.normal(1000.5, 1) },
  { name: 'N(0,1e6) → N(5e5,1e6)', kind: 'detect', baseline: (r) => r.normal(0, 1e6), window: (r) => r.normal(5e5, 1e6) },
  { name: 'Poisson(3) → Poisson(3 + 0.5·√3)', kind: 'detect', baseline: (r) => poisson(r, 3), window: (r) => poisson(r, 3 + 0.5 * Math.sqrt(3)) },
  { name: 'Bin(5,0.3) → Bin(5,0.402) (0.5 σ)', kind: 'detect', baseline: (r) => binomial(r, 5, 0.3), window: (r) => binomial(r, 5, 0.3 + 0.5 * Math.sqrt(1.05) / 5) },
  { name: 'constant 7 → constant 8', kind: 'detect', baseline: () => 7, window: () => 8 },
  { name: 'variance only: N(0,1) → N(0,1.5²)', kind: 'detect', baseline: (r) => r.normal(0, 1), window: (r) => r.normal(0, 1.5) },
  { name: 'N(0,1), no shift', kind: 'stable', baseline: (r) => r.normal(0, 1), window: (r) => r.normal(0, 1) },
  { name: 'N(1000,1), no shift', kind: 'stable', baseline: (r) => r.normal(1000, 1), window: (r) => r.normal(1000, 1) },
  { name: 'LN(0,2), no shift', kind: 'stable', baseline: (r) => Math.exp(r.normal(0, 2)), window: (r) => Math.exp(r.normal(0, 2)) },
  { name: 'LN(0,2.5), no shift', kind: 'stable', baseline: (r) => Math.exp(r.normal(0, 2.5)), window: (r) => Math.exp(r.normal(0, 2.5)) },
  { name: 'N(0,1) + one outlier 1e4', kind: 'stable', baseline: (r) => r.normal(0, 1), window: (r) => r.normal(0, 1), n: 999, extra: [1e4] },
  { name: 'N(0,1) + one outlier −1e6', kind: 'stable', baseline: (r) => r.normal(0, 1), window: (r) => r.normal(0, 1), n: 999, extra: [-1e6] },
  { name: 'N(0,1) + one outlier 1e6', kind: 'stable', baseline: (r) => r.normal(0, 1), window: (r) => r.normal(0, 1), n: 999, extra: [1e6] },
  { name: 'powers of two {1,2,4,8}, no shift', kind: 'stable', baseline: (r) => powerOfTwo(r, [0.4, 0.3, 0.2, 0.1]), window: (r) => powerOfTwo(r, [0.4, 0.3, 0.2, 0.1]) },
  { name: 'powers of two, weights shifted', kind: 'detect', baseline: (r) => powerOfTwo(r, [0.4, 0.3, 0.2, 0.1]), window: (r) => powerOfTwo(r, [0.25, 0.3, 0.25, 0.2]) },
  { name: 'Poisson(3), no shift', kind: 'stable', baseline: (r) => poisson(r, 3), window: (r) => poisson(r, 3) },
  { name: 'Bin(5,0.3), no shift', kind: 'stable', baseline: (r) => binomial(r, 5, 0.3), window: (r) => binomial(r, 5, 0.3) },
  { name: 'constant 7, no shift', kind: 'stable', baseline: () => 7, window: () => 7 },
  { name: '50 % nulls in the window, no shift', kind: 'stable', baseline: (r) => r.normal(0, 1), window: (r) => (r.next() < 0.5 ? null : r.normal(0, 1)) },
  { name: 'windows of 30 values, 0.5 σ shift', kind: 'report', baseline: (r) => r.normal(0, 1), window: (r) => r.normal(0.5, 1), n: 30 },
];

export interface TrialRow {
  readonly name: string;
  readonly kind: TrialCase['kind'];
  /** Shares of trials in each state: ok, warn, drift, insufficient. */
  readonly states: readonly [number, number, number, number];
  /** Trials whose state differed from the same window without its extra values (outlier cases). */
  readonly changedByExtra: number;
  /** True when any statistic was NaN or ±Infinity in any trial. */
  readonly nonFinite: boolean;
}

export function runCase(c: TrialCase, seed: number): TrialRow {
  const random = new SeededRandom(seed);
  const states: [number, number, number, number] = [0, 0, 0, 0];
  let changedByExtra = 0;
  let nonFinite = false;
  for (let t = 0; t < TRIALS; t++) {
    const sampler = new BaselineSampler(BASELINE_N);
    for (let i = 0; i < BASELINE_N; i++) sampler.add(c.baseline(random));
    const baseline = parseBaseline(baselineDocument([sampler.build('g', 'f')!], [], { startMs: 0, endMs: 0 }));
    const f = baseline.features[0]!;
    // Two binners with the same seed: the same tie draws, so only the extra values can differ.
    const drift = new FeatureDrift(f, baseline.id, new RankBinner(f.cdf, BINS, 77 + t), {});
    const withoutExtra = new FeatureDrift(f, baseline.id, new RankBinner(f.cdf, BINS, 77 + t), {});
    for (let i = 0; i < (c.n ?? 1000); i++) {
      const v = c.window(random);
      if (v === null) continue; // nulls are counted apart, never ranked
      drift.add(v);
      withoutExtra.add(v);
    }
    for (const v of c.extra ?? []) drift.add(v);
    const result = drift.closeWindow(DEFAULT_BINNED_RULE);
    states[result.state as 0 | 1 | 2 | 3]++;
    if (c.extra !== undefined && withoutExtra.closeWindow(DEFAULT_BINNED_RULE).state !== result.state) changedByExtra++;
    if (Object.values(result).some((v) => !Number.isFinite(v))) nonFinite = true;
  }
  return { name: c.name, kind: c.kind, states: states.map((s) => s / TRIALS) as [number, number, number, number], changedByExtra, nonFinite };
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** The markdown table of docs/data-quality.md. */
export function markdownTable(rows: readonly TrialRow[]): string {
  const lines = ['| case (200 trials, 1,000 values per window unless stated, baseline N = 10,000) | drift | warn | ok | insufficient | target |', '|---|---|---|---|---|---|'];
  for (const r of rows) {
    const target = r.kind === 'detect' ? '≥ 95 % drift' : r.kind === 'stable' ? (r.changedByExtra === 0 && r.name.includes('outlier') ? '≤ 5 % drift; state unchanged by the outlier in 200/200' : '≤ 5 % drift') : 'never drift below minCount';
    lines.push(`| ${r.name} | ${pct(r.states[2])} | ${pct(r.states[1])} | ${pct(r.states[0])} | ${pct(r.states[3])} | ${target} |`);
  }
  return lines.join('\n');
}
