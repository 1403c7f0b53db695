#!/usr/bin/env node
/**
 * Prices the single operations the traced hot path is made of, in tight loops, interleaved over
 * repetitions (process CPU time, median and range of ns per operation). It ranks the costs the CPU
 * profile points at; on a loaded machine read the ratios between rows, not the absolute ns.
 *
 *   node dist/profile/hot-spots.js [--reps 7] [--iterations 200000]
 */
import { context, ROOT_CONTEXT, SpanKind, trace, type Attributes, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, ParentBasedSampler, TraceIdRatioBasedSampler, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { shuffled } from '../run/run-cell.js';
import { createBenchSdk } from '../telemetry/bench-sdk.js';
import { median } from '../stats/descriptive.js';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Ends spans and drops them: the span's own cost without export. */
const DROP: SpanProcessor = { onStart: () => undefined, onEnd: () => undefined, forceFlush: () => Promise.resolve(), shutdown: () => Promise.resolve() };
const tracerOf = (ratio: number): Tracer =>
  new BasicTracerProvider({ sampler: ratio < 1 ? new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) }) : undefined, spanProcessors: [DROP] }).getTracer('hot-spots');

const operationAttributes: Attributes = Object.freeze({ 'db.system.name': 'mariadb', 'db.operation.name': 'lookup', 'db.collection.name': 'users' });
const traced = tracerOf(1);
const sampledOut = tracerOf(0);
// With a reader (as the harness's SDK has), or the SDK would keep no storage and record nothing.
const metricsSdk = createBenchSdk();
const histogram = metricsSdk.meterProvider.getMeter('hot-spots').createHistogram('d', { unit: 's' });
const als = new AsyncLocalStorageContextManager().enable();
let sink = 0;

/** Each case runs `n` operations; the harness divides by n. */
const CASES: Record<string, (n: number) => void> = {
  'startSpan+end, 5 attributes in a per-call object (before)': (n) => {
    for (let i = 0; i < n; i++) traced.startSpan('lookup users', { kind: SpanKind.CLIENT, attributes: { ...operationAttributes, 'featurescope.entity_count': 1, 'featurescope.feature_count': 10 } }).end();
  },
  'startSpan+end, frozen 3 attributes + 2 setAttribute (after)': (n) => {
    for (let i = 0; i < n; i++) {
      const span = traced.startSpan('lookup users', { kind: SpanKind.CLIENT, attributes: operationAttributes });
      if (span.isRecording()) span.setAttribute('featurescope.entity_count', 1).setAttribute('featurescope.feature_count', 10);
      span.end();
    }
  },
  'sampled-out startSpan+end, per-call object (before)': (n) => {
    for (let i = 0; i < n; i++) sampledOut.startSpan('lookup users', { kind: SpanKind.CLIENT, attributes: { ...operationAttributes, 'featurescope.entity_count': 1, 'featurescope.feature_count': 10 } }).end();
  },
  'sampled-out startSpan+end, frozen attributes (after)': (n) => {
    for (let i = 0; i < n; i++) sampledOut.startSpan('lookup users', { kind: SpanKind.CLIENT, attributes: operationAttributes }).end();
  },
  'lookup summary: setAttributes({5 keys}) (before)': (n) => {
    const span = traced.startSpan('s');
    for (let i = 0; i < n; i++) span.setAttributes({ 'featurescope.lookup.hits': i, 'featurescope.lookup.misses': 0, 'db.response.returned_rows': i, 'featurescope.lookup.age.max': 1.5, 'featurescope.lookup.age.median': 0.5 });
  },
  'lookup summary: 5 × setAttribute (after)': (n) => {
    const span = traced.startSpan('s');
    for (let i = 0; i < n; i++) {
      span.setAttribute('featurescope.lookup.hits', i).setAttribute('featurescope.lookup.misses', 0).setAttribute('db.response.returned_rows', i);
      span.setAttribute('featurescope.lookup.age.max', 1.5).setAttribute('featurescope.lookup.age.median', 0.5);
    }
  },
  'isSpanContextValid (hex checks, before)': (n) => {
    const spanContext = traced.startSpan('s').spanContext();
    for (let i = 0; i < n; i++) sink += trace.isSpanContextValid(spanContext) ? 1 : 0;
  },
  'context.with(setSpan(active, span)), AsyncLocalStorage': (n) => {
    context.setGlobalContextManager(als);
    const span = traced.startSpan('s');
    const fn = (): number => sink++;
    for (let i = 0; i < n; i++) context.with(trace.setSpan(context.active(), span), fn);
    context.disable();
  },
  'context.with(setSpan(active, span)), no context manager': (n) => {
    const span = traced.startSpan('s');
    const fn = (): number => sink++;
    for (let i = 0; i < n; i++) context.with(trace.setSpan(ROOT_CONTEXT, span), fn);
  },
  'SDK Histogram.record, frozen 3 attributes (hashed per call)': (n) => {
    for (let i = 0; i < n; i++) histogram.record(0.001 * (i & 7), operationAttributes);
  },
  'performance.now + Date.now': (n) => {
    for (let i = 0; i < n; i++) sink += performance.now() + Date.now();
  },
};

function cpuNs(run: (n: number) => void, n: number): number {
  const started = process.cpuUsage();
  run(n);
  const used = process.cpuUsage(started);
  return ((used.user + used.system) * 1000) / n;
}

function main(): void {
  const reps = flag('reps', 7);
  const iterations = flag('iterations', 200_000);
  const names = Object.keys(CASES);
  const samples = new Map<string, number[]>(names.map((name) => [name, []]));
  for (const name of names) cpuNs(CASES[name]!, Math.ceil(iterations / 10)); // warm-up and JIT
  for (let rep = 0; rep < reps; rep++) for (const name of shuffled(names, 0x5107 + rep)) samples.get(name)!.push(cpuNs(CASES[name]!, iterations));
  process.stdout.write(`hot-path operations on Node ${process.version}, ${reps} interleaved reps × ${iterations}: CPU ns per operation, median [min, max]\n`);
  for (const name of names) {
    const values = samples.get(name)!;
    process.stdout.write(`  ${median(values).toFixed(0).padStart(6)} [${Math.min(...values).toFixed(0)}, ${Math.max(...values).toFixed(0)}]  ${name}\n`);
  }
  if (sink === -1) process.stdout.write('\n');
}

main();
void metricsSdk.finish();
