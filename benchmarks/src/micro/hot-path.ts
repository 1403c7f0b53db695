import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { InMemoryFeatureStore, type FeatureStore, type LookupRequest, type UpsertRequest } from '@featurescope/core';
import { deriveSeed } from '@featurescope/test-utils';
import { shuffled } from '../run/run-cell.js';
import { collectGarbage } from '../run/resource-meter.js';
import { checkTelemetry } from '../run/telemetry-check.js';
import { meanConfidenceInterval, welchTTest, type WelchResult } from '../stats/welch.js';
import { setContextPropagation } from '../telemetry/context-switch.js';
import type { ProfilesFactory } from '../variants/profiles-observer.js';
import { beforeVariants, MICRO_VARIANTS, setUpMicroVariant, type CoreBuild, type MicroVariant } from './micro-variants.js';

/** One operation shape of the hot-path loop. */
export interface MicroCase {
  readonly id: 'upsert1' | 'upsert100' | 'lookup10';
  readonly description: string;
  /** Feature values per call (the "per value" denominator). */
  readonly values: number;
  readonly iterations: number;
}

/** Cases at iteration scale 1 (the quick profile); the full profile scales iterations up. */
export function microCases(scale: number): MicroCase[] {
  return [
    { id: 'lookup10', description: 'lookup of 1 entity × 10 features', values: 10, iterations: Math.round(20_000 * scale) },
    { id: 'upsert1', description: 'upsert of 1 row', values: 1, iterations: Math.round(20_000 * scale) },
    { id: 'upsert100', description: 'upsert of 100 rows', values: 100, iterations: Math.round(2_000 * scale) },
  ];
}

export interface MicroResult {
  readonly case: MicroCase['id'];
  readonly variant: string;
  /** Node.js version it ran on. */
  readonly node: string;
  readonly status: 'ok' | 'failed' | 'pending';
  readonly problems: readonly string[];
  readonly nsPerCall: { readonly mean: number; readonly ciLow: number; readonly ciHigh: number; readonly values: readonly number[] };
  /** Added ns per call against raw (Welch over repetitions), and per feature value. */
  readonly overheadNsPerCall: WelchResult | undefined;
  readonly overheadNsPerValue: { readonly mean: number; readonly ciLow: number; readonly ciHigh: number } | undefined;
  /** For an `@before` twin: this variant's ns/call minus its twin's (the change's saving is the negative), Welch. */
  readonly changeNsPerCall?: WelchResult;
}

const GROUP = 'micro_users';
const FEATURES = Array.from({ length: 10 }, (_, i) => `f${i}_amount_avg`);

function requests(microCase: MicroCase): { run: (store: FeatureStore, i: number) => Promise<unknown>; seed: UpsertRequest } {
  const rowsOf = (n: number, offset: number): UpsertRequest => ({
    group: GROUP,
    rows: Array.from({ length: n }, (_, r) => ({ entityId: `u${(offset + r) % 500}`, feature: FEATURES[r % FEATURES.length]!, value: r * 1.5 })),
  });
  const seed: UpsertRequest = { group: GROUP, rows: Array.from({ length: 500 * FEATURES.length }, (_, r) => ({ entityId: `u${r % 500}`, feature: FEATURES[Math.floor(r / 500)]!, value: r })) };
  // A few distinct request objects, as real callers build new ones; precomputed so building them is not measured.
  if (microCase.id === 'lookup10') {
    const lookups: LookupRequest[] = Array.from({ length: 8 }, (_, k) => ({ group: GROUP, entityIds: [`u${k * 37}`], features: FEATURES }));
    return { run: (store, i) => store.lookup(lookups[i & 7]!), seed };
  }
  const upserts = Array.from({ length: 8 }, (_, k) => rowsOf(microCase.values, k * 53));
  return { run: (store, i) => store.upsert(upserts[i & 7]!), seed };
}

/**
 * Process CPU time (user + system, every thread: GC and background export included) per call, in ns.
 * CPU time rather than wall time: on a shared machine the process is descheduled for long stretches,
 * which wall time would count and CPU time does not.
 */
async function loop(store: FeatureStore, run: (store: FeatureStore, i: number) => Promise<unknown>, iterations: number): Promise<number> {
  const started = process.cpuUsage();
  for (let i = 0; i < iterations; i++) {
    await run(store, i);
    // Let timers run (batch export, metric collection) as a server's event loop would; same for every variant.
    if ((i & 63) === 63) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const used = process.cpuUsage(started);
  return ((used.user + used.system) * 1000) / iterations;
}

/** The in-memory store a case runs against, seeded with its entities. */
export async function seededStore(microCase: MicroCase): Promise<FeatureStore> {
  const base = new InMemoryFeatureStore();
  await base.upsert(requests(microCase).seed);
  return base;
}

export async function measureOnce(microCase: MicroCase, variant: MicroVariant, base: FeatureStore, profilesFactory: ProfilesFactory | undefined): Promise<{ ns: number; problems: string[] }> {
  const { run } = requests(microCase);
  try {
    const { store, sdk, profiles } = setUpMicroVariant(variant, base, profilesFactory);
    // A fresh process: enough calls for V8 to optimise the path before the measured loop.
    const warmup = Math.max(2000, Math.round(microCase.iterations / 4));
    await loop(store, run, warmup);
    collectGarbage();
    const ns = await loop(store, run, microCase.iterations);
    await sdk?.finish();
    await profiles?.close();
    const problems = sdk !== undefined && variant.spec !== undefined ? [...checkTelemetry(sdk, variant.spec, warmup + microCase.iterations).problems] : [];
    return { ns, problems };
  } finally {
    setContextPropagation(false);
  }
}

/** Where the child entry point is (compiled next to this file). */
const CHILD = fileURLToPath(new URL('./micro-child.js', import.meta.url));

/** What a child process reports for one variant: per case, ns per call and telemetry problems. */
export interface ChildMeasurement {
  readonly case: MicroCase['id'];
  readonly ns: number;
  readonly problems: readonly string[];
}

/**
 * Measures one variant's cases in a fresh Node process (the same binary, so the same Node line).
 * A service runs one configuration: measuring six of them in one process would leave V8's inline
 * caches in shared code (the instrumented store, the SDK) polymorphic over span and provider types
 * no real deployment mixes, which measured +0.65 µs on a traced lookup here.
 */
function measureInChild(variantId: string, cases: readonly MicroCase[], scale: number, coreBefore: string | undefined): Promise<ChildMeasurement[]> {
  const args = ['--expose-gc', CHILD, '--variant', variantId, '--cases', cases.map((c) => c.id).join(','), '--scale', String(scale)];
  if (coreBefore !== undefined) args.push('--core-before', coreBefore);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error !== null) return reject(new Error(`micro child for ${variantId} failed: ${stderr.trim() || error.message}`));
      try {
        resolve(JSON.parse(stdout) as ChildMeasurement[]);
      } catch {
        reject(new Error(`micro child for ${variantId} printed no result: ${stdout.slice(0, 200)}`));
      }
    });
  });
}

/**
 * The hot-path micro-benchmark: tight loops over the in-memory store, raw against instrumented,
 * each variant-repetition in its own process, interleaved over repetitions in a shuffled order;
 * reports ns per call and per feature value with 95 % confidence intervals (Welch over repetition means).
 */
export async function runMicroBenchmark(options: {
  readonly repetitions: number;
  readonly scale: number;
  readonly seed: number;
  /** Whether @featurescope/quality is built (the quality variants need it). */
  readonly quality: boolean;
  readonly log: (line: string) => void;
  /** Only these cases; undefined: all. */
  readonly cases?: readonly string[];
  /** Only these variant ids (raw is always included); undefined: all. */
  readonly only?: readonly string[];
  /** Another core build (its dist/esm/index.js): adds an `@before` twin of every instrumented variant. */
  readonly before?: string;
}): Promise<MicroResult[]> {
  const results: MicroResult[] = [];
  const chosen = MICRO_VARIANTS.filter((v) => v.id === 'raw' || options.only === undefined || options.only.includes(v.id));
  const all = [...chosen, ...(options.before === undefined ? [] : beforeVariants(chosen, IGNORED_IN_PARENT))];
  const variants = all.filter((v) => v.spec?.quality !== true || options.quality);
  const cases = microCases(options.scale).filter((c) => options.cases === undefined || options.cases.includes(c.id));
  const key = (caseId: string, variantId: string): string => `${caseId}\u0000${variantId}`;
  const samples = new Map<string, number[]>();
  const problems = new Map<string, string[]>();
  for (const c of cases) for (const v of variants) {
    samples.set(key(c.id, v.id), []);
    problems.set(key(c.id, v.id), []);
  }
  for (let repetition = 0; repetition < options.repetitions; repetition++) {
    for (const variant of shuffled(variants, deriveSeed(options.seed, repetition, 0x3c))) {
      for (const measured of await measureInChild(variant.id, cases, options.scale, options.before)) {
        samples.get(key(measured.case, variant.id))!.push(measured.ns);
        problems.get(key(measured.case, variant.id))!.push(...measured.problems);
      }
    }
  }
  for (const microCase of cases) {
    const raw = samples.get(key(microCase.id, 'raw'))!;
    for (const variant of all) {
      const values = samples.get(key(microCase.id, variant.id));
      if (values === undefined) {
        results.push({ case: microCase.id, variant: variant.id, node: process.version, status: 'pending', problems: ['@featurescope/quality not available'], nsPerCall: { mean: NaN, ciLow: NaN, ciHigh: NaN, values: [] }, overheadNsPerCall: undefined, overheadNsPerValue: undefined });
        continue;
      }
      const twin = variant.id.endsWith('@before') ? undefined : samples.get(key(microCase.id, `${variant.id}@before`));
      const ci = meanConfidenceInterval(values);
      const overhead = variant.id === 'raw' ? undefined : welchTTest(raw, values);
      const found = [...new Set(problems.get(key(microCase.id, variant.id)))];
      results.push({
        case: microCase.id,
        variant: variant.id,
        node: process.version,
        status: found.length === 0 ? 'ok' : 'failed',
        problems: found,
        nsPerCall: { mean: ci.mean, ciLow: ci.low, ciHigh: ci.high, values },
        overheadNsPerCall: overhead,
        overheadNsPerValue: overhead && { mean: overhead.difference / microCase.values, ciLow: overhead.ciLow / microCase.values, ciHigh: overhead.ciHigh / microCase.values },
        changeNsPerCall: twin && welchTTest(twin, values),
      });
      options.log(`  micro ${microCase.id.padEnd(9)} ${variant.id.padEnd(16)} ${ci.mean.toFixed(0).padStart(7)} ns/call${overhead ? `  +${overhead.difference.toFixed(0)} ns [${overhead.ciLow.toFixed(0)}, ${overhead.ciHigh.toFixed(0)}]` : ''}${twin ? `  vs @before ${welchTTest(twin, values).difference.toFixed(0)} ns` : ''}${found.length ? '  ✗ ' + found.join('; ') : ''}`);
    }
  }
  return results;
}

/** The parent only needs the `@before` variants' ids; the child loads the other build itself. */
const IGNORED_IN_PARENT: CoreBuild = {
  instrument: () => {
    throw new Error('the @before build runs in the child process');
  },
  attachHistogramExport: () => () => undefined,
};
