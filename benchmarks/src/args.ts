import { parseArgs as parseFlagsWith } from 'node:util';
import { STORE_KINDS, type StoreKind } from './stores/store-targets.js';
import { WORKLOADS } from './workload/workload-spec.js';

/** Everything the CLI can be told. */
export interface BenchOptions {
  readonly profile: 'quick' | 'full';
  readonly stores: readonly StoreKind[];
  readonly workloads: readonly string[];
  readonly concurrency: readonly number[];
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly repetitions: number;
  readonly seed: number;
  /** Overrides every workload's Zipf exponent when set. */
  readonly zipf: number | undefined;
  /** Extra cells with injected tail latency (fraction 0 = none). */
  readonly tailFraction: number;
  readonly tailMs: number;
  readonly micro: boolean;
  readonly macro: boolean;
  readonly microRepetitions: number;
  readonly microScale: number;
  readonly outDir: string | undefined;
  /** Micro-benchmark cases to run (lookup10, upsert1, upsert100); undefined: all. */
  readonly microCases: readonly string[] | undefined;
  /** Micro-benchmark variant ids to run (raw always runs); undefined: all. */
  readonly microVariants: readonly string[] | undefined;
  /** `dist/esm/index.js` of another @featurescope/core build: micro variants get an `@before` twin. */
  readonly coreBefore: string | undefined;
  /** Other Node.js majors to run the same benchmark on (scripts/with-node.sh), merged into one report. */
  readonly nodeLines: readonly number[];
  /** Internal: run as a child for another Node line and write the partial report here. */
  readonly childJson: string | undefined;
}

export const USAGE = `Usage: npm run bench -- [options]
  --full                 the whole matrix (all stores, workloads lookup10/mixed/upsert100, c=1 and 16, tail cells)
  --store a,b            stores: ${STORE_KINDS.join(', ')}             (quick: memory,mariadb)
  --workload a,b         workloads: ${Object.keys(WORKLOADS).join(', ')}  (quick: lookup10)
  --concurrency 1,16     concurrent workers in this process           (quick: 16)
  --duration <s>         measured seconds per variant repetition      (quick: 1.5)
  --warmup <s>           unmeasured warm-up seconds per repetition    (quick: 0.3)
  --reps <n>             interleaved repetitions (≥ 2 for a CI)       (quick: 4)
  --seed <n>             seed of every random choice                  (default: 1)
  --zipf <s>             Zipf exponent of entity popularity, 0.5–1.2  (default: 0.99)
  --tail-fraction <f>    add cells where this fraction of store calls is delayed (e.g. 0.01)
  --tail-ms <ms>         delay of a delayed call                      (default: 20)
  --no-micro | --micro-only   skip / run only the hot-path micro-benchmark
  --out <dir>            results directory                            (default: benchmarks/results)
  --node-lines 24|none   also run on these Node majors (scripts/with-node.sh), one merged report (default: 24)
  --micro-cases a,b      micro cases: lookup10, upsert1, upsert100     (default: all)
  --micro-variants a,b   micro variants: raw, no-sdk, metrics, metrics+quality, traces, traces-10%  (default: all)
  --micro-reps <n>       micro-benchmark repetitions                  (quick: 6)
  --micro-scale <f>      micro-benchmark iterations × f               (quick: 5)
  --core-before <js>     dist/esm/index.js of another core build: micro variants get an @before twin, side by side`;

const QUICK: BenchOptions = {
  profile: 'quick',
  stores: ['memory', 'mariadb'],
  workloads: ['lookup10'],
  concurrency: [16],
  durationMs: 1500,
  warmupMs: 300,
  repetitions: 4,
  seed: 1,
  zipf: undefined,
  tailFraction: 0,
  tailMs: 20,
  micro: true,
  macro: true,
  microRepetitions: 6,
  microScale: 5,
  outDir: undefined,
  microCases: undefined,
  microVariants: undefined,
  coreBefore: undefined,
  nodeLines: [24],
  childJson: undefined,
};

const FULL: BenchOptions = {
  ...QUICK,
  profile: 'full',
  stores: STORE_KINDS,
  workloads: ['lookup10', 'mixed', 'upsert100'],
  concurrency: [1, 16],
  durationMs: 5000,
  warmupMs: 1000,
  repetitions: 8,
  tailFraction: 0.01,
  microRepetitions: 10,
  microScale: 5,
};

function list(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

function number(flag: string, value: string | undefined, check: (n: number) => boolean): number {
  const n = Number(value);
  if (value === undefined || !Number.isFinite(n) || !check(n)) throw new RangeError(`${flag}: invalid value ${String(value)}`);
  return n;
}

const FLAGS = {
  full: { type: 'boolean' },
  store: { type: 'string' },
  workload: { type: 'string' },
  concurrency: { type: 'string' },
  duration: { type: 'string' },
  warmup: { type: 'string' },
  reps: { type: 'string' },
  seed: { type: 'string' },
  zipf: { type: 'string' },
  'tail-fraction': { type: 'string' },
  'tail-ms': { type: 'string' },
  'no-micro': { type: 'boolean' },
  'micro-only': { type: 'boolean' },
  out: { type: 'string' },
  'node-lines': { type: 'string' },
  'micro-reps': { type: 'string' },
  'micro-scale': { type: 'string' },
  'micro-cases': { type: 'string' },
  'micro-variants': { type: 'string' },
  'core-before': { type: 'string' },
  'child-json': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses CLI flags (node:util parseArgs) over the quick (or --full) profile. Throws a RangeError naming the bad flag. */
export function parseArgs(argv: readonly string[]): BenchOptions | 'help' {
  let values: ReturnType<typeof parseFlags>['values'];
  try {
    ({ values } = parseFlags(argv));
  } catch (error) {
    throw new RangeError(`${(error as Error).message}\n${USAGE}`, { cause: error });
  }
  if (values.help === true) return 'help';
  const options: { -readonly [K in keyof BenchOptions]: BenchOptions[K] } = { ...(values.full === true ? FULL : QUICK) };
  if (values.store !== undefined) {
    const stores = list(values.store);
    for (const s of stores) if (!STORE_KINDS.includes(s as StoreKind)) throw new RangeError(`--store: unknown store ${s} (known: ${STORE_KINDS.join(', ')})`);
    options.stores = stores as StoreKind[];
  }
  if (values.workload !== undefined) {
    const workloads = list(values.workload);
    for (const w of workloads) if (WORKLOADS[w] === undefined) throw new RangeError(`--workload: unknown workload ${w} (known: ${Object.keys(WORKLOADS).join(', ')})`);
    options.workloads = workloads;
  }
  if (values.concurrency !== undefined) options.concurrency = list(values.concurrency).map((c) => number('--concurrency', c, (n) => Number.isInteger(n) && n >= 1 && n <= 1024));
  if (values.duration !== undefined) options.durationMs = number('--duration', values.duration, (n) => n > 0) * 1000;
  if (values.warmup !== undefined) options.warmupMs = number('--warmup', values.warmup, (n) => n >= 0) * 1000;
  if (values.reps !== undefined) options.repetitions = number('--reps', values.reps, (n) => Number.isInteger(n) && n >= 1);
  if (values.seed !== undefined) options.seed = number('--seed', values.seed, Number.isInteger);
  if (values.zipf !== undefined) options.zipf = number('--zipf', values.zipf, (n) => n >= 0.5 && n <= 1.2);
  if (values['tail-fraction'] !== undefined) options.tailFraction = number('--tail-fraction', values['tail-fraction'], (n) => n >= 0 && n <= 1);
  if (values['tail-ms'] !== undefined) options.tailMs = number('--tail-ms', values['tail-ms'], (n) => n >= 0);
  if (values['no-micro'] === true) options.micro = false;
  if (values['micro-only'] === true) options.macro = false;
  if (values.out !== undefined) options.outDir = values.out;
  const lines = values['node-lines'];
  if (lines !== undefined) options.nodeLines = lines === 'none' ? [] : list(lines).map((n) => number('--node-lines', n, (x) => x === 22 || x === 24));
  if (values['micro-reps'] !== undefined) options.microRepetitions = number('--micro-reps', values['micro-reps'], (n) => Number.isInteger(n) && n >= 1);
  if (values['micro-scale'] !== undefined) options.microScale = number('--micro-scale', values['micro-scale'], (n) => n > 0);
  if (values['micro-cases'] !== undefined) options.microCases = list(values['micro-cases']);
  if (values['micro-variants'] !== undefined) options.microVariants = list(values['micro-variants']);
  if (values['core-before'] !== undefined) options.coreBefore = values['core-before'];
  if (values['child-json'] !== undefined) {
    // The re-executed child of another Node line: it reports JSON and runs no further lines.
    options.childJson = values['child-json'];
    options.nodeLines = [];
  }
  if (options.concurrency.length === 0) throw new RangeError('--concurrency: give at least one value');
  return options;
}

function parseFlags(argv: readonly string[]) {
  return parseFlagsWith({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false });
}
