import { describe, expect, it } from 'vitest';
import type { MicroResult } from '../src/micro/hot-path.js';
import { summarizeCell } from '../src/report/analyze.js';
import { evaluateTargets, type CellSummary, type TargetVerdict } from '../src/report/targets.js';
import type { RepetitionResult } from '../src/run/run-repetition.js';
import { VARIANTS } from '../src/variants/variants.js';

const NODE = 'v24.22.3';
const jitter = [-0.01, 0.004, 0.012, -0.006];

function repetitions(variant: string, throughput: number, cpuUs: number): RepetitionResult[] {
  return jitter.map((j, repetition) => ({
    variant, repetition, position: 0, calls: 1000, values: 10_000, errors: 0, firstError: undefined, wallMs: 1000,
    throughput: throughput * (1 + j), cpuUsPerCall: cpuUs * (1 + j), allocBytesPerCall: 0, gcCount: 0, gcPauseMs: 0,
    p50Us: 100, p95Us: 200, p99Us: 300, p999Us: 400, maxUs: 500, delayedCalls: 0,
    telemetry: { featurescopeSpans: 0, driverSpans: 0, metricPoints: 0, profilePoints: 0, durationSamples: 0, calls: 1000, problems: [] },
    sortedLatenciesUs: new Float64Array([100, 200, 300]),
  }));
}

function micro(caseId: MicroResult['case'], variant: string, ns: number): MicroResult {
  const values = jitter.map((j) => ns * (1 + j / 10));
  return { case: caseId, variant, node: NODE, status: 'ok', problems: [], nsPerCall: { mean: ns, ciLow: ns, ciHigh: ns, values }, overheadNsPerCall: undefined, overheadNsPerValue: undefined };
}

const byId = (verdicts: TargetVerdict[], id: TargetVerdict['id']): TargetVerdict => verdicts.find((v) => v.id === id)!;

describe('evaluateTargets (the goals of issue 18)', () => {
  const results = [
    ...repetitions('raw', 20_000, 40),
    ...repetitions('metrics', 19_800, 41),
    ...repetitions('upstream', 16_000, 60),
    ...repetitions('traces+driver', 15_000, 63),
  ];
  const cell: CellSummary = { id: 'mariadb/lookup10/c16', node: NODE, store: 'mariadb', workload: 'lookup10', concurrency: 16, tailFraction: 0, variants: summarizeCell(VARIANTS, results), pending: [] };
  const microResults = [
    micro('lookup10', 'raw', 1000), micro('lookup10', 'metrics', 2500), micro('lookup10', 'metrics+quality', 3200), micro('lookup10', 'traces', 9000),
    micro('upsert100', 'metrics', 20_000), micro('upsert100', 'metrics+quality', 24_000),
  ];
  const verdicts = evaluateTargets([cell], microResults);

  it('judges throughput and the upstream share from the MariaDB cell, with the margin’s sign and CI', () => {
    const throughput = byId(verdicts, 'metrics-throughput');
    expect(throughput).toMatchObject({ status: 'met', conclusive: true, node: NODE });
    expect(throughput.measured).toMatch(/^99\.0 % of raw/);
    expect(throughput.margin).toMatch(/^\+2\.0 points/);
    const upstream = byId(verdicts, 'vs-upstream');
    // ¼·(60 − 40) − (63 − 60) = +2 µs
    expect(upstream).toMatchObject({ status: 'met', conclusive: true });
    const [estimate, low, high] = /^\+([\d.]+) µs \[95 % CI ([\d.-]+), ([\d.-]+)\]/.exec(upstream.margin)!.slice(1).map(Number);
    expect(estimate).toBeCloseTo(2, 2);
    expect(low).toBeGreaterThan(0);
    expect(high).toBeGreaterThan(2);
  });

  it('judges the hot-path and per-value goals from the micro-benchmark', () => {
    expect(byId(verdicts, 'metrics-hot-path')).toMatchObject({ status: 'met', measured: '+1.50 µs per lookup' });
    expect(byId(verdicts, 'traces-hot-path')).toMatchObject({ status: 'missed', conclusive: true, measured: '+8.00 µs per lookup' });
    expect(byId(verdicts, 'quality-lookup')).toMatchObject({ status: 'missed', measured: '70.0 ns per value' });
    expect(byId(verdicts, 'quality-upsert')).toMatchObject({ status: 'met', measured: '40.0 ns per value' });
  });

  it('splits the traced hot path into the SDK floor and featurescope\'s own share when span-floor ran', () => {
    const withFloor = evaluateTargets([], [...microResults, micro('lookup10', 'span-floor', 6000)]);
    const basis = byId(withFloor, 'traces-hot-path').basis;
    expect(basis).toMatch(/\(span-floor − raw\) costs \+5\.00 µs \[95 % CI/);
    expect(basis).toMatch(/\(traces − span-floor\) is \+3\.00 µs \[95 % CI/);
    expect(byId(verdicts, 'traces-hot-path').basis).not.toMatch(/span-floor/);
  });

  it('says what is not measured instead of guessing', () => {
    const none = evaluateTargets([], [micro('lookup10', 'raw', 1000)]);
    expect(none.map((v) => v.status)).toEqual(Array(6).fill('not measured'));
  });
});
