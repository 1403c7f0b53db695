import { mean } from '../stats/descriptive.js';
import { meanConfidenceInterval, welchTTest, type WelchResult } from '../stats/welch.js';
import type { RepetitionResult } from '../run/run-repetition.js';
import type { VariantSpec } from '../variants/variants.js';

/** Mean over repetitions with its 95 % confidence interval. */
export interface Estimate {
  readonly mean: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly values: readonly number[];
}

/** A variant against raw: Welch's t-test over repetition values, and the relative change. */
export interface Comparison extends WelchResult {
  /** mean(variant) / mean(raw). */
  readonly ratio: number;
}

/** The figures the report shows per variant. */
export const FIGURES = ['throughput', 'cpuUsPerCall', 'allocBytesPerCall', 'p50Us', 'p95Us', 'p99Us'] as const;
export type Figure = (typeof FIGURES)[number];

export interface VariantSummary {
  readonly id: string;
  readonly description: string;
  /** `failed` when any repetition lost telemetry or saw errors: its speed is not comparable. */
  readonly status: 'ok' | 'failed';
  readonly problems: readonly string[];
  readonly repetitions: number;
  readonly estimates: Readonly<Record<Figure, Estimate>>;
  /** Against raw; undefined for raw itself or when raw is missing. */
  readonly vsRaw: Readonly<Record<Figure, Comparison>> | undefined;
  readonly spansPerCall: number;
  readonly driverSpansPerCall: number;
  readonly metricPointsPerRepetition: number;
  readonly profilePointsPerRepetition: number;
  readonly gcPauseMsPerSecond: number;
  readonly delayedCalls: number;
  /** Latency quantiles over all repetitions pooled (µs), for the chart. */
  readonly pooled: { readonly quantiles: readonly number[]; readonly latenciesUs: readonly number[] };
}

/** Quantiles the chart plots: 0 … 99.9 % on a "nines" scale. */
export const CHART_QUANTILES: readonly number[] = Array.from({ length: 31 }, (_, i) => 1 - 10 ** (-i / 10)).map((q, i) => (i === 0 ? 0.001 : q));

const estimate = (values: number[]): Estimate => {
  const ci = meanConfidenceInterval(values);
  return { mean: ci.mean, ciLow: ci.low, ciHigh: ci.high, values };
};

function pooledQuantiles(results: readonly RepetitionResult[]): number[] {
  let total = 0;
  for (const r of results) total += r.sortedLatenciesUs.length;
  const all = new Float64Array(total);
  let offset = 0;
  for (const r of results) {
    all.set(r.sortedLatenciesUs, offset);
    offset += r.sortedLatenciesUs.length;
  }
  all.sort();
  return CHART_QUANTILES.map((q) => (all.length === 0 ? Number.NaN : all[Math.min(all.length - 1, Math.max(0, Math.ceil(q * all.length) - 1))]!));
}

/** Summarises every variant of a cell and compares each with raw. */
export function summarizeCell(variants: readonly VariantSpec[], results: readonly RepetitionResult[]): VariantSummary[] {
  const byVariant = (id: string): RepetitionResult[] => results.filter((r) => r.variant === id);
  const raw = byVariant('raw');
  return variants
    .filter((variant) => byVariant(variant.id).length > 0)
    .map((variant) => {
      const reps = byVariant(variant.id);
      const figure = (name: Figure, of: readonly RepetitionResult[]): number[] => of.map((r) => r[name]);
      const estimates = Object.fromEntries(FIGURES.map((name) => [name, estimate(figure(name, reps))])) as Record<Figure, Estimate>;
      const vsRaw =
        variant.id === 'raw' || raw.length === 0
          ? undefined
          : (Object.fromEntries(
              FIGURES.map((name) => {
                const base = figure(name, raw);
                const test = welchTTest(base, figure(name, reps));
                return [name, { ...test, ratio: mean(figure(name, reps)) / mean(base) }];
              }),
            ) as Record<Figure, Comparison>);
      const problems = [...new Set(reps.flatMap((r) => [...r.telemetry.problems, ...(r.errors > 0 ? [`${r.errors} errors: ${r.firstError ?? ''}`] : [])]))];
      const totalCalls = reps.reduce((s, r) => s + r.telemetry.calls, 0);
      const wallSeconds = reps.reduce((s, r) => s + r.wallMs, 0) / 1000;
      return {
        id: variant.id,
        description: variant.description,
        status: problems.length === 0 ? 'ok' : 'failed',
        problems,
        repetitions: reps.length,
        estimates,
        vsRaw,
        spansPerCall: reps.reduce((s, r) => s + r.telemetry.featurescopeSpans, 0) / totalCalls,
        driverSpansPerCall: reps.reduce((s, r) => s + r.telemetry.driverSpans, 0) / totalCalls,
        metricPointsPerRepetition: mean(reps.map((r) => r.telemetry.metricPoints)),
        profilePointsPerRepetition: mean(reps.map((r) => r.telemetry.profilePoints)),
        gcPauseMsPerSecond: reps.reduce((s, r) => s + r.gcPauseMs, 0) / wallSeconds,
        delayedCalls: reps.reduce((s, r) => s + r.delayedCalls, 0),
        pooled: { quantiles: CHART_QUANTILES, latenciesUs: pooledQuantiles(reps) },
      } satisfies VariantSummary;
    });
}
