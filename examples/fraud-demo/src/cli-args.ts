import { parseArgs as parseFlags } from 'node:util';

/** Demo options from the command line; every flag has a default so `npm run demo` needs none. */
export interface DemoArgs {
  /** Seconds to run; 0 runs until Ctrl-C. */
  readonly durationSeconds: number;
  readonly users: number;
  /** Seconds between live summary lines. */
  readonly summaryEverySeconds: number;
  /** Seconds after which one feature's distribution shifts, to show drift detection; 0 = never. */
  readonly driftAfterSeconds: number;
  readonly seed: number;
}

export const USAGE = `featurescope fraud demo

  npm run demo [-- --duration <seconds>] [--users <n>] [--summary-every <seconds>] [--drift-after <seconds>] [--seed <n>]

  --duration       run this long, then exit (default: until Ctrl-C)
  --users          users whose features are written and served (default 3000)
  --summary-every  seconds between summary lines (default 5)
  --drift-after    seconds until the demo shifts amount_avg_7d to show drift detection (default 40; 0 = never)
  --seed           random seed (default 42)

Environment: FEATURESCOPE_STORE_URL (default pglite://memory; postgres://…, mysql://… or redis://…),
FEATURESCOPE_REDIS_KEY_PREFIX (default fs:), OTEL_EXPORTER_PROMETHEUS_PORT (default 9464) and the other OTEL_* variables,
FEATURESCOPE_MONITOR_PORT (the panel's port, default 9470; 0 = any free port).`;

/** A flag with a bad value: the message names the flag. */
export class DemoArgsError extends Error {
  override readonly name = 'DemoArgsError';
}

const FLAGS: Record<string, keyof DemoArgs> = {
  duration: 'durationSeconds',
  users: 'users',
  'summary-every': 'summaryEverySeconds',
  'drift-after': 'driftAfterSeconds',
  seed: 'seed',
};

/** Parses the flags with node:util parseArgs; throws a {@link DemoArgsError} naming the bad flag. */
export function parseArgs(argv: readonly string[]): DemoArgs | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseFlags({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: { help: { type: 'boolean', short: 'h' }, ...Object.fromEntries(Object.keys(FLAGS).map((name) => [name, { type: 'string' as const }])) },
    }));
  } catch (error) {
    throw new DemoArgsError(`${(error as Error).message}\n\n${USAGE}`, { cause: error });
  }
  if (values.help === true) return 'help';
  const args: { -readonly [K in keyof DemoArgs]: number } = { durationSeconds: 0, users: 3000, summaryEverySeconds: 5, driftAfterSeconds: 40, seed: 42 };
  for (const [name, key] of Object.entries(FLAGS)) {
    const raw = values[name];
    if (raw === undefined) continue;
    const value = Number(raw);
    if (typeof raw !== 'string' || raw === '' || !Number.isFinite(value) || value < 0) throw new DemoArgsError(`--${name} needs a non-negative number, got ${String(raw)}`);
    args[key] = value;
  }
  if (args.users < 1 || !Number.isInteger(args.users)) throw new DemoArgsError(`--users needs a positive integer, got ${args.users}`);
  if (args.summaryEverySeconds <= 0) throw new DemoArgsError('--summary-every must be greater than 0');
  return args;
}
