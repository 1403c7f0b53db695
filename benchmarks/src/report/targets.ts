import type { MicroResult } from '../micro/hot-path.js';
import { linearContrast, type ContrastEstimate, type ContrastTerm } from '../stats/contrast.js';
import type { Figure, VariantSummary } from './analyze.js';

/** A cell's summaries with the identity the goals look for. */
export interface CellSummary {
  readonly id: string;
  /** Node.js version the cell ran on. */
  readonly node: string;
  readonly store: string;
  readonly workload: string;
  readonly concurrency: number;
  readonly tailFraction: number;
  readonly variants: readonly VariantSummary[];
  readonly pending: readonly { readonly variant: string; readonly reason: string }[];
}

/** Whether one goal of issue 18 held in this run, and by how much. */
export interface TargetVerdict {
  readonly id: 'metrics-throughput' | 'metrics-hot-path' | 'traces-hot-path' | 'vs-upstream' | 'quality-lookup' | 'quality-upsert';
  readonly target: string;
  readonly node: string;
  readonly status: 'met' | 'missed' | 'not measured';
  /** The margin's 95 % CI excludes 0 (the verdict is not noise). */
  readonly conclusive: boolean;
  /** The measured quantity. */
  readonly measured: string;
  /** Distance to the limit (positive: inside the goal) with its 95 % CI. */
  readonly margin: string;
  /** Which cell and variants the verdict rests on, and caveats. */
  readonly basis: string;
}

export const GOALS = {
  metricsThroughputRatio: 0.97,
  metricsHotPathNs: 2000,
  tracesHotPathNs: 6000,
  upstreamFraction: 0.25,
  qualityNsPerValue: 50,
} as const;

const fmt = (n: number, digits = 2): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const major = (node: string): number => Number(/^v?(\d+)/.exec(node)?.[1] ?? 0);
const interval = (c: ContrastEstimate, digits: number, unit: string, scale = 1): string =>
  `${c.estimate >= 0 ? '+' : ''}${fmt(c.estimate * scale, digits)}${unit} [95 % CI ${fmt(c.ciLow * scale, digits)}, ${fmt(c.ciHigh * scale, digits)}]`;

function verdict(
  base: Pick<TargetVerdict, 'id' | 'target' | 'node' | 'basis'>,
  margin: ContrastEstimate,
  measured: string,
  marginText: string,
  problems: readonly string[],
): TargetVerdict {
  const conclusive = margin.ciLow > 0 || margin.ciHigh < 0;
  const notes = [...problems, ...(conclusive ? [] : ['the CI of the margin contains 0: not conclusive at this noise level'])];
  return { ...base, status: margin.estimate >= 0 ? 'met' : 'missed', conclusive, measured, margin: marginText, basis: base.basis + (notes.length ? ` ${notes.join('; ').replace(/^./, (c) => c.toUpperCase())}.` : '') };
}

const notMeasured = (base: Pick<TargetVerdict, 'id' | 'target' | 'node' | 'basis'>): TargetVerdict => ({ ...base, status: 'not measured', conclusive: false, measured: 'n/a', margin: 'n/a' });

function cellOf(cells: readonly CellSummary[], node: string, store: string, workload = 'lookup10'): CellSummary | undefined {
  return cells.find((c) => c.node === node && c.store === store && c.workload === workload && c.concurrency === 16 && c.tailFraction === 0);
}

const values = (v: VariantSummary, figure: Figure): readonly number[] => v.estimates[figure].values;
const failures = (...variants: VariantSummary[]): string[] => variants.filter((v) => v.status === 'failed').map((v) => `${v.id} FAILED its telemetry check (${v.problems.join('; ')})`);

function macroGoals(cells: readonly CellSummary[], node: string): TargetVerdict[] {
  const out: TargetVerdict[] = [];
  const cell = cellOf(cells, node, 'mariadb');
  const find = (id: string): VariantSummary | undefined => cell?.variants.find((v) => v.id === id);
  const [raw, metrics, upstream, tracesDriver] = [find('raw'), find('metrics'), find('upstream'), find('traces+driver')];
  const tpBase = { id: 'metrics-throughput', node, target: `Metrics only (the default): ≥ ${GOALS.metricsThroughputRatio * 100} % of raw mysql2 throughput at c = 16`, basis: `${cell?.id ?? 'mariadb/lookup10/c16'}, metrics vs raw (mysql2 called directly), ops/s.` } as const;
  if (raw === undefined || metrics === undefined) out.push(notMeasured({ ...tpBase, basis: 'needs the mariadb/lookup10/c16 cell (MariaDB reachable, @featurescope/mysql2 built)' }));
  else {
    const rawMean = raw.estimates.throughput.mean;
    const margin = linearContrast([{ coefficient: 1, values: values(metrics, 'throughput') }, { coefficient: -GOALS.metricsThroughputRatio, values: values(raw, 'throughput') }]);
    const ratio = linearContrast([{ coefficient: 1, values: values(metrics, 'throughput') }, { coefficient: -1, values: values(raw, 'throughput') }], rawMean);
    out.push(verdict(tpBase, margin, `${fmt((metrics.estimates.throughput.mean / rawMean) * 100, 1)} % of raw [95 % CI ${fmt((ratio.ciLow / rawMean) * 100, 1)}, ${fmt((ratio.ciHigh / rawMean) * 100, 1)} %]`, `${interval(margin, 1, ' points', 100 / rawMean)} (CI of metrics − 0.97·raw, in points of the raw mean)`, failures(raw, metrics)));
  }
  const upBase = { id: 'vs-upstream', node, target: `At c = 16, featurescope's addition on top of upstream instrumentation-mysql2 < ${GOALS.upstreamFraction * 100} % of upstream's own overhead (client CPU per call)`, basis: `${cell?.id ?? 'mariadb/lookup10/c16'}: addition = traces+driver − upstream; upstream's overhead = upstream − raw (both on mysql2 called directly); margin = ¼·(upstream − raw) − (traces+driver − upstream).` } as const;
  if (raw === undefined || upstream === undefined || tracesDriver === undefined) out.push(notMeasured({ ...upBase, basis: 'needs the mariadb/lookup10/c16 cell with raw, upstream and traces+driver' }));
  else {
    const [r, u, t] = [values(raw, 'cpuUsPerCall'), values(upstream, 'cpuUsPerCall'), values(tracesDriver, 'cpuUsPerCall')];
    const f = GOALS.upstreamFraction;
    const terms: ContrastTerm[] = [{ coefficient: 1 + f, values: u }, { coefficient: -f, values: r }, { coefficient: -1, values: t }];
    const margin = linearContrast(terms);
    const own = upstream.estimates.cpuUsPerCall.mean - raw.estimates.cpuUsPerCall.mean;
    const added = tracesDriver.estimates.cpuUsPerCall.mean - upstream.estimates.cpuUsPerCall.mean;
    out.push(verdict(upBase, margin, `featurescope adds +${fmt(added)} µs on top of upstream's +${fmt(own)} µs → ${own > 0 ? fmt((added / own) * 100, 1) : 'n/a'} %`, `${interval(margin, 2, ' µs')}`, [...failures(raw, upstream, tracesDriver), ...(own > 0 ? [] : ['upstream overhead not positive in this run (noise)'])]));
  }
  return out;
}

function microGoals(micro: readonly MicroResult[], node: string): TargetVerdict[] {
  const out: TargetVerdict[] = [];
  const find = (caseId: string, id: string): MicroResult | undefined => micro.find((m) => m.node === node && m.case === caseId && m.variant === id && m.status !== 'pending');
  const ns = (m: MicroResult): readonly number[] => m.nsPerCall.values;
  const problems = (...ms: MicroResult[]): string[] => ms.filter((m) => m.status === 'failed').map((m) => `${m.variant} FAILED (${m.problems.join('; ')})`);
  const hotPath = (id: TargetVerdict['id'], variant: string, limitNs: number, target: string): void => {
    const raw = find('lookup10', 'raw');
    const v = find('lookup10', variant);
    const base = { id, node, target, basis: `micro lookup10 (1 entity × 10 features, in-memory store), ${variant} − raw, ns per call.` };
    if (raw === undefined || v === undefined) return void out.push(notMeasured(base));
    const margin = linearContrast([{ coefficient: -1, values: ns(v) }, { coefficient: 1, values: ns(raw) }], limitNs);
    const floor = variant === 'traces' ? find('lookup10', 'span-floor') : undefined;
    if (floor !== undefined) {
      // Splits the traced cost: what any one SDK span per call costs, and what featurescope adds above it.
      const sdk = linearContrast([{ coefficient: 1, values: ns(floor) }, { coefficient: -1, values: ns(raw) }]);
      const own = linearContrast([{ coefficient: 1, values: ns(v) }, { coefficient: -1, values: ns(floor) }]);
      base.basis += ` Of this, one bare SDK span per call (span-floor − raw) costs ${interval(sdk, 2, ' µs', 1 / 1000)}; featurescope's own share (traces − span-floor) is ${interval(own, 2, ' µs', 1 / 1000)}.`;
    }
    out.push(verdict(base, margin, `+${fmt((v.nsPerCall.mean - raw.nsPerCall.mean) / 1000)} µs per lookup`, interval(margin, 2, ' µs', 1 / 1000), problems(raw, v)));
  };
  hotPath('metrics-hot-path', 'metrics', GOALS.metricsHotPathNs, `Metrics only: ≤ ${GOALS.metricsHotPathNs / 1000} µs per 10-feature lookup on the hot path`);
  hotPath('traces-hot-path', 'traces', GOALS.tracesHotPathNs, `Traces + metrics + quality: ≤ ${GOALS.tracesHotPathNs / 1000} µs per 10-feature lookup on the hot path${major(node) >= 24 ? '' : ' (the goal is for Node 24; shown for comparison)'}`);
  for (const [id, caseId] of [['quality-lookup', 'lookup10'], ['quality-upsert', 'upsert100']] as const) {
    const metrics = find(caseId, 'metrics');
    const quality = find(caseId, 'metrics+quality');
    const perValue = caseId === 'lookup10' ? 10 : 100;
    const base = { id, node, target: `Quality: ≤ ${GOALS.qualityNsPerValue} ns per value through the store, features interleaved (${caseId === 'lookup10' ? 'lookups' : 'upserts'})`, basis: `micro ${caseId}, (metrics+quality − metrics) / ${perValue} values.` };
    if (metrics === undefined || quality === undefined) {
      out.push(notMeasured(base));
      continue;
    }
    const margin = linearContrast([{ coefficient: -1 / perValue, values: ns(quality) }, { coefficient: 1 / perValue, values: ns(metrics) }], GOALS.qualityNsPerValue);
    out.push(verdict(base, margin, `${fmt((quality.nsPerCall.mean - metrics.nsPerCall.mean) / perValue, 1)} ns per value`, interval(margin, 1, ' ns'), problems(metrics, quality)));
  }
  return out;
}

/** Evaluates every goal of issue 18 on every Node line in the report. */
export function evaluateTargets(cells: readonly CellSummary[], micro: readonly MicroResult[]): TargetVerdict[] {
  const nodes = [...new Set([...cells.map((c) => c.node), ...micro.map((m) => m.node)])].sort((a, b) => major(a) - major(b));
  return nodes.flatMap((node) => [...macroGoals(cells, node), ...microGoals(micro, node)]);
}
