#!/usr/bin/env node
/**
 * Cost of the drift hot path per value, interleaved features, ratios side by side in one run:
 *   loop      — the same loop incrementing a plain counter per feature (the floor)
 *   binner    — RankBinner.binOf (baseline-rank transform) + the bin increment
 *   engine    — QualityEngine.afterUpsert on 100-row batches cycling through the features, with a
 *               baseline installed (profile counters, window moments, rank bin, deviation sums)
 * and the memory per feature with a baseline (heap delta over 1,000 features, --expose-gc).
 * Times are process CPU time per value (wall time on a loaded 2-core machine mostly measures the queue).
 *   npm run build -w @featurescope/benchmarks && node --expose-gc benchmarks/dist/micro/drift-binning.js
 */
import type { UpsertRequest } from '@featurescope/core';
import { BaselineSampler, baselineDocument, createQualityEngine, parseBaseline, RankBinner } from '@featurescope/quality';
import { SeededRandom } from '@featurescope/test-utils';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { trace } from '@opentelemetry/api';

/** CPU time of this process (user + system), ns: less distorted than wall time on a shared machine. */
function cpuNs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) * 1000;
}

const FEATURES = 10;
const VALUES = 200_000;
const REPETITIONS = 7;
const random = new SeededRandom(50);
const names = Array.from({ length: FEATURES }, (_, f) => `f${f}`);

function baselineFor(features: readonly string[]) {
  const docs = features.map((name, f) => {
    const sampler = new BaselineSampler();
    for (let i = 0; i < 10_000; i++) sampler.add(random.normal(f * 100, 1 + f));
    return sampler.build('bench', name)!;
  });
  return baselineDocument(docs, [], { startMs: 0, endMs: 1 });
}

const doc = baselineFor(names);
const parsed = parseBaseline(doc);
// Values interleaved across features: value i belongs to feature i % FEATURES.
const values = Float64Array.from({ length: VALUES }, (_, i) => random.normal((i % FEATURES) * 100, 1 + (i % FEATURES)));

function timeLoop(): number {
  const counts = new Float64Array(FEATURES * 20);
  const started = cpuNs();
  for (let i = 0; i < VALUES; i++) counts[(i % FEATURES) * 20 + (values[i]! > 0 ? 1 : 0)]! += 1;
  return (cpuNs() - started) / VALUES;
}

const binners = parsed.features.map((f) => new RankBinner(f.cdf, 20));
function timeBinner(): number {
  const counts = new Float64Array(FEATURES * 20);
  const started = cpuNs();
  for (let i = 0; i < VALUES; i++) {
    const f = i % FEATURES;
    counts[f * 20 + binners[f]!.binOf(values[i]!)]! += 1;
  }
  return (cpuNs() - started) / VALUES;
}

const engine = createQualityEngine({ meterProvider: new MeterProvider(), drift: { source: 'upsert' }, window: { durationMs: 3_600_000 } });
engine.useBaseline(doc);
const batches: UpsertRequest[] = [];
for (let start = 0; start < VALUES; start += 100) {
  batches.push({ group: 'bench', rows: Array.from({ length: 100 }, (_, r) => ({ entityId: `e${r}`, feature: names[(start + r) % FEATURES]!, value: values[start + r]! })) });
}
const span = trace.getTracer('bench').startSpan('noop');
function timeEngine(): number {
  const now = Date.now();
  const started = cpuNs();
  for (const batch of batches) engine.afterUpsert(batch, span, now);
  return (cpuNs() - started) / VALUES;
}

function memoryPerFeature(): { heapBytes: number; estimatedBytes: number } {
  const many = Array.from({ length: 1000 }, (_, f) => `m${f}`);
  const bigDoc = baselineFor(many.slice(0, 1)); // one table, reused by all features below
  const sharedFeature = bigDoc.features[0]!;
  const manyDoc = baselineDocument(many.map((feature) => ({ ...sharedFeature, feature })), [], { startMs: 0, endMs: 1 });
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const e = createQualityEngine({ meterProvider: new MeterProvider(), drift: { source: 'upsert' }, maxFeatures: 2000 });
  e.useBaseline(manyDoc);
  e.afterUpsert({ group: 'bench', rows: many.map((feature, i) => ({ entityId: `e${i}`, feature, value: 1 })) }, span, Date.now());
  gc?.();
  const heapBytes = (process.memoryUsage().heapUsed - before) / many.length;
  return { heapBytes, estimatedBytes: e.memoryBytes() / many.length };
}

// Warm up, then interleave the variants so machine noise hits all of them alike.
for (let i = 0; i < 3; i++) {
  timeLoop();
  timeBinner();
  timeEngine();
}
const runs: Record<string, number[]> = { loop: [], binner: [], engine: [] };
for (let r = 0; r < REPETITIONS; r++) {
  runs.loop!.push(timeLoop());
  runs.binner!.push(timeBinner());
  runs.engine!.push(timeEngine());
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const memory = memoryPerFeature();
const result = {
  node: process.version,
  featuresInterleaved: FEATURES,
  valuesPerRepetition: VALUES,
  repetitions: REPETITIONS,
  nsPerValueMedian: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, Number(median(v).toFixed(1))])),
  nsPerValueAll: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, v.map((x) => Number(x.toFixed(1)))])),
  memoryPerFeatureWithBaseline: { heapBytesMeasured: Math.round(memory.heapBytes), engineEstimateBytes: Math.round(memory.estimatedBytes) },
};
console.log(JSON.stringify(result, null, 1));
