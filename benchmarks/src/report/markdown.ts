import type { MicroResult } from '../micro/hot-path.js';
import type { Comparison, Estimate, VariantSummary } from './analyze.js';
import type { MachineInfo } from './machine.js';
import type { CellSummary, TargetVerdict } from './targets.js';

/** Everything a report file holds. */
export interface BenchReport {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly profile: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly machine: MachineInfo;
  /** Node.js versions measured (the first is this process's; others ran under scripts/with-node.sh). */
  readonly nodes: readonly string[];
  readonly targets: readonly TargetVerdict[];
  readonly cells: readonly CellSummary[];
  readonly micro: readonly MicroResult[];
  /** Stores or variants that could not run, and why. */
  readonly pending: readonly string[];
}

const num = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const signed = (n: number, digits = 1): string => (Number.isFinite(n) ? (n >= 0 ? '+' : '') + n.toFixed(digits) : 'n/a');
const est = (e: Estimate, digits = 1): string => `${num(e.mean, digits)} ± ${num((e.ciHigh - e.ciLow) / 2, digits)}`;
const pval = (p: number): string => (!Number.isFinite(p) ? 'n/a' : p < 0.001 ? '<0.001' : p.toFixed(3));
const diff = (c: Comparison | undefined, digits = 1): string => (c === undefined ? '—' : `${signed(c.difference, digits)} [${num(c.ciLow, digits)}, ${num(c.ciHigh, digits)}] p=${pval(c.p)}`);

function cellTable(cell: CellSummary): string[] {
  const lines = [
    `### Node ${cell.node} — ${cell.id}`,
    '',
    '| variant | status | ops/s (mean ± CI) | × raw | Δ ops/s [95 % CI] p | CPU µs/call | Δ CPU µs/call [95 % CI] p | heap B/call | p50 µs | p95 µs | p99 µs | Δ p99 µs [CI] p | fs spans/call | driver spans/call | metric points/rep |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const v of cell.variants as VariantSummary[]) {
    const e = v.estimates;
    lines.push(
      `| ${v.id} | ${v.status === 'ok' ? 'ok' : '**FAILED**'} | ${est(e.throughput, 0)} | ${v.vsRaw ? num(v.vsRaw.throughput.ratio, 3) : '1'} | ${diff(v.vsRaw?.throughput, 0)} | ${est(e.cpuUsPerCall)} | ${diff(v.vsRaw?.cpuUsPerCall, 2)} | ${num(e.allocBytesPerCall.mean, 0)} | ${num(e.p50Us.mean, 0)} | ${num(e.p95Us.mean, 0)} | ${num(e.p99Us.mean, 0)} | ${diff(v.vsRaw?.p99Us, 0)} | ${num(v.spansPerCall, 3)} | ${num(v.driverSpansPerCall, 3)} | ${num(v.metricPointsPerRepetition, 0)} |`,
    );
  }
  for (const v of cell.variants) if (v.status === 'failed') lines.push('', `- **${v.id} failed**: ${v.problems.join('; ')}`);
  for (const p of cell.pending) lines.push('', `- ${p.variant}: pending — ${p.reason}`);
  if (cell.tailFraction > 0) lines.push('', `- injected tail latency: ${cell.variants.map((v) => `${v.id} ${v.delayedCalls} delayed calls`).join(', ')}`);
  lines.push('', `![${cell.id}](${chartName(cell.id, cell.node)})`, '');
  return lines;
}

/** File name of a cell's chart, relative to the results directory. */
export function chartName(cellId: string, node: string): string {
  return `charts/node${/^v?(\d+)/.exec(node)?.[1] ?? ''}-${cellId.replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '')}.svg`;
}

function microTable(results: readonly MicroResult[]): string[] {
  if (results.length === 0) return [];
  const lines = [
    '## Hot-path micro-benchmark (in-memory store, tight loop, process CPU time per call)',
    '',
    '| Node | case | variant | status | CPU ns/call (mean ± CI) | added ns/call [95 % CI] p | added ns/value [95 % CI] | vs @before ns/call [95 % CI] |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const o = r.overheadNsPerCall;
    const v = r.overheadNsPerValue;
    lines.push(
      `| ${r.node} | ${r.case} | ${r.variant} | ${r.status === 'ok' ? 'ok' : `**${r.status.toUpperCase()}**`} | ${r.status === 'pending' ? 'n/a' : `${num(r.nsPerCall.mean, 0)} ± ${num((r.nsPerCall.ciHigh - r.nsPerCall.ciLow) / 2, 0)}`} | ${o ? `${signed(o.difference, 0)} [${num(o.ciLow, 0)}, ${num(o.ciHigh, 0)}] p=${pval(o.p)}` : '—'} | ${v ? `${signed(v.mean, 1)} [${num(v.ciLow, 1)}, ${num(v.ciHigh, 1)}]` : '—'} | ${r.changeNsPerCall ? `${signed(r.changeNsPerCall.difference, 0)} [${num(r.changeNsPerCall.ciLow, 0)}, ${num(r.changeNsPerCall.ciHigh, 0)}]` : '—'} |`,
    );
  }
  for (const r of results) if (r.status !== 'ok') lines.push('', `- ${r.case}/${r.variant}: ${r.problems.join('; ')}`);
  lines.push('');
  return lines;
}

/** Renders the report as markdown (tables GitHub displays). */
export function renderMarkdown(report: BenchReport): string {
  const m = report.machine;
  const lines = [
    '# featurescope benchmark results',
    '',
    `Profile **${report.profile}**, ${report.startedAt} → ${report.finishedAt}.`,
    '',
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; Node ${report.nodes.join(' and ')} (first: V8 ${m.v8}); load average at start ${m.loadAverageAtStart}.`,
    '',
    `Settings: ${Object.entries(report.settings).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}.`,
    '',
    `Packages: ${Object.entries(m.packages).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    '',
    '> Figures are means over interleaved repetitions with 95 % confidence intervals; Δ columns compare each variant with raw',
    '> (Welch\'s t-test, two-sided p). A difference whose interval contains 0 is not distinguishable from noise in this run.',
    '> A **FAILED** variant lost telemetry or saw errors: its speed must not be compared. See benchmarks/README.md.',
    '',
    '## Goals (issue 18)',
    '',
    '> margin = distance to the limit, positive inside the goal, with its 95 % CI (a linear contrast of the variants\' repetition means,',
    '> Welch–Satterthwaite df). "conclusive" means the CI excludes 0. Variants are interleaved within each Node line\'s process.',
    '',
    '| Node | goal | status | conclusive | measured | margin [95 % CI] | basis |',
    '|---|---|---|---|---|---|---|',
    ...report.targets.map((t) => `| ${t.node} | ${t.target} | **${t.status}** | ${t.status === 'not measured' ? '—' : t.conclusive ? 'yes' : 'no'} | ${t.measured} | ${t.margin} | ${t.basis} |`),
    '',
  ];
  if (report.pending.length > 0) lines.push('## Pending', '', ...report.pending.map((p) => `- ${p}`), '');
  lines.push('## Workload cells', '');
  for (const cell of report.cells) lines.push(...cellTable(cell));
  lines.push(...microTable(report.micro));
  return lines.join('\n');
}
