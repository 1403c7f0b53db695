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
  --micro-reps <n>       micro-benchmark repetitions                  (quick: 5)
  --micro-scale <f>      micro-benchmark iterations × f               (quick: 1)
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
  microRepetitions: 5,
  microScale: 1,
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

/** Parses CLI flags over the quick (or --full) profile. Throws a RangeError naming the bad flag. */
export function parseArgs(argv: readonly string[]): BenchOptions | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  const options: { -readonly [K in keyof BenchOptions]: BenchOptions[K] } = { ...(argv.includes('--full') ? FULL : QUICK) };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string | undefined => argv[++i];
    switch (flag) {
      case '--full':
        break;
      case '--store': {
        const stores = list(value() ?? '');
        for (const s of stores) if (!STORE_KINDS.includes(s as StoreKind)) throw new RangeError(`--store: unknown store ${s} (known: ${STORE_KINDS.join(', ')})`);
        options.stores = stores as StoreKind[];
        break;
      }
      case '--workload': {
        const workloads = list(value() ?? '');
        for (const w of workloads) if (WORKLOADS[w] === undefined) throw new RangeError(`--workload: unknown workload ${w} (known: ${Object.keys(WORKLOADS).join(', ')})`);
        options.workloads = workloads;
        break;
      }
      case '--concurrency':
        options.concurrency = list(value() ?? '').map((c) => number(flag, c, (n) => Number.isInteger(n) && n >= 1 && n <= 1024));
        break;
      case '--duration':
        options.durationMs = number(flag, value(), (n) => n > 0) * 1000;
        break;
      case '--warmup':
        options.warmupMs = number(flag, value(), (n) => n >= 0) * 1000;
        break;
      case '--reps':
        options.repetitions = number(flag, value(), (n) => Number.isInteger(n) && n >= 1);
        break;
      case '--seed':
        options.seed = number(flag, value(), Number.isInteger);
        break;
      case '--zipf':
        options.zipf = number(flag, value(), (n) => n >= 0.5 && n <= 1.2);
        break;
      case '--tail-fraction':
        options.tailFraction = number(flag, value(), (n) => n >= 0 && n <= 1);
        break;
      case '--tail-ms':
        options.tailMs = number(flag, value(), (n) => n >= 0);
        break;
      case '--no-micro':
        options.micro = false;
        break;
      case '--micro-only':
        options.macro = false;
        break;
      case '--out':
        options.outDir = value();
        break;
      case '--node-lines': {
        const lines = value() ?? '';
        options.nodeLines = lines === 'none' ? [] : list(lines).map((n) => number(flag, n, (x) => x === 22 || x === 24));
        break;
      }
      case '--micro-reps':
        options.microRepetitions = number(flag, value(), (n) => Number.isInteger(n) && n >= 1);
        break;
      case '--micro-scale':
        options.microScale = number(flag, value(), (n) => n > 0);
        break;
      case '--micro-cases':
        options.microCases = list(value() ?? '');
        break;
      case '--micro-variants':
        options.microVariants = list(value() ?? '');
        break;
      case '--core-before':
        options.coreBefore = value();
        break;
      case '--child-json':
        options.childJson = value();
        options.nodeLines = [];
        break;
      default:
        throw new RangeError(`unknown option ${flag}\n${USAGE}`);
    }
  }
  if (options.concurrency.length === 0) throw new RangeError('--concurrency: give at least one value');
  return options;
}
