import { readFile } from 'node:fs/promises';
import { FeatureStoreError } from '@featurescope/core';
import { readBaselineSource } from '../baseline/baseline-file.js';
import { driftOfColumns, profileColumns } from './batch-commands.js';
import { readValuesCsv } from './values-csv.js';

export const BATCH_USAGE = `featurescope profile <values.csv> [--group <name>] [--resolution <knots>]
  Writes a baseline artifact (JSON) for every column of the CSV to stdout.
featurescope drift --baseline <file|url> <values.csv> [--group <name>] [--bins <B>] [--fail-on-drift]
  Prints the binned drift statistics, bins and state of every column as JSON; with --fail-on-drift
  exits 3 when any feature is in state "drift".
Exit codes: 0 done, 2 bad arguments or input (a typed error naming the line and column), 3 drift.`;

/** Exit code when `--fail-on-drift` is given and a feature drifted. */
export const EXIT_DRIFT = 3;

interface Io {
  out(text: string): void;
  err(text: string): void;
}

const processIo: Io = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };

/** True for the argv of a batch command (`profile`, `drift`). */
export function isBatchCommand(argv: readonly string[]): boolean {
  return argv[0] === 'profile' || argv[0] === 'drift';
}

/** Runs `featurescope profile|drift …`; resolves the exit code. */
export async function runBatchCli(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    const { positional, flags } = parse(argv.slice(1));
    if (positional.length !== 1) throw new UsageError(`expected one values file, got ${positional.length}`);
    const columns = readValuesCsv(await readFile(positional[0]!, 'utf8'));
    if (argv[0] === 'profile') {
      const resolution = flags.resolution === undefined ? undefined : integer(flags.resolution, 'resolution');
      io.out(JSON.stringify(profileColumns(columns, flags.group ?? 'default', resolution)));
      return 0;
    }
    if (flags.baseline === undefined) throw new UsageError('drift needs --baseline <file|url>');
    const report = driftOfColumns(await readBaselineSource(flags.baseline), columns, {
      ...(flags.group === undefined ? {} : { group: flags.group }),
      ...(flags.bins === undefined ? {} : { bins: integer(flags.bins, 'bins') }),
    });
    io.out(JSON.stringify(report, null, 1));
    return flags['fail-on-drift'] !== undefined && report.drift ? EXIT_DRIFT : 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof FeatureStoreError) {
      io.err(`featurescope ${argv[0]}: ${error.message}\n\n${BATCH_USAGE}`);
      return 2;
    }
    io.err(`featurescope ${argv[0]}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

class UsageError extends Error {}

function parse(args: readonly string[]): { positional: string[]; flags: Record<string, string | undefined> } {
  const positional: string[] = [];
  const flags: Record<string, string | undefined> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--fail-on-drift') flags['fail-on-drift'] = 'true';
    else if (arg === '--baseline' || arg === '--group' || arg === '--bins' || arg === '--resolution') {
      const value = args[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      flags[arg.slice(2)] = value;
    } else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  return { positional, flags };
}

function integer(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 2) throw new UsageError(`--${name} must be an integer ≥ 2`);
  return n;
}
