import { parseArgs } from 'node:util';
import { loadMonitorConfigFile, parsePort } from '../config/config-file.js';
import { parseDuration } from '../config/duration.js';
import type { StoreMonitorOptions } from '../config/options.js';
import { MonitorConfigError } from '../errors.js';

/** Environment variables the CLI reads (flags win over them, they win over the config file). */
export const MONITOR_ENV = {
  STORE_URL: 'FEATURESCOPE_STORE_URL',
  CONFIG: 'FEATURESCOPE_MONITOR_CONFIG',
  PORT: 'FEATURESCOPE_MONITOR_PORT',
  HOST: 'FEATURESCOPE_MONITOR_HOST',
} as const;

/** Default address of the monitor's HTTP API: loopback only. `--host 0.0.0.0` serves every interface. */
export const DEFAULT_MONITOR_HOST = '127.0.0.1';

/** Default port of the monitor's HTTP API. */
export const DEFAULT_MONITOR_PORT = 9470;

/** Everything a CLI command needs, merged from flags, environment and config file. */
export interface CliSettings {
  readonly command: 'run' | 'baseline-capture' | 'help';
  readonly store: string;
  readonly port: number;
  /** Address the HTTP API binds to. */
  readonly host: string;
  readonly options: Omit<StoreMonitorOptions, 'source'>;
  /** `baseline capture --window`. */
  readonly captureWindowSeconds?: number;
  /** `baseline capture --features a,b`. */
  readonly captureFeatures?: readonly string[];
}

export const USAGE = `Usage:
  featurescope monitor [--store <url>] [--config <file>] [--port <n>] [--host <addr>] [--interval <duration>]
  featurescope monitor baseline capture [--store <url>] [--config <file>] [--window <duration>] [--features a,b]

  --store     mysql://, mariadb://, tidb://, postgres://, pglite:///path   (env ${MONITOR_ENV.STORE_URL})
  --config    YAML config file, e.g. featurescope.yaml                   (env ${MONITOR_ENV.CONFIG})
  --port      HTTP API port, default ${DEFAULT_MONITOR_PORT}                               (env ${MONITOR_ENV.PORT})
  --host      HTTP API address, default ${DEFAULT_MONITOR_HOST} (loopback); 0.0.0.0 for all   (env ${MONITOR_ENV.HOST})
  --interval  time between cycles, default 30s
  --window    baseline capture window, default the statistics window (1h)
  --features  comma-separated features to capture, default all monitored
`;

/** Parses `argv` (after `featurescope`) and merges it with `env` and the config file. */
export async function readCliSettings(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<CliSettings> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new MonitorConfigError('arguments', (error as Error).message, { cause: error });
  }
  const { values, positionals } = parsed;
  if (values.help === true || positionals.length === 0) return { command: 'help', store: '', port: 0, host: DEFAULT_MONITOR_HOST, options: {} };
  const words = positionals.join(' ');
  const command = words === 'monitor' ? 'run' : words === 'monitor baseline capture' ? 'baseline-capture' : undefined;
  if (command === undefined) throw new MonitorConfigError('command', `unknown command "${words}"; expected "monitor" or "monitor baseline capture"`);
  const configPath = values.config ?? env[MONITOR_ENV.CONFIG];
  const file = configPath === undefined || configPath === '' ? undefined : await loadMonitorConfigFile(configPath);
  const store = values.store ?? nonEmpty(env[MONITOR_ENV.STORE_URL]) ?? file?.store;
  if (store === undefined) {
    throw new MonitorConfigError('--store', `no store URL: pass --store, set ${MONITOR_ENV.STORE_URL} or put "store:" in the config file`);
  }
  const envPort = nonEmpty(env[MONITOR_ENV.PORT]);
  const port =
    values.port !== undefined ? parsePort('--port', values.port) : envPort !== undefined ? parsePort(MONITOR_ENV.PORT, envPort) : (file?.port ?? DEFAULT_MONITOR_PORT);
  const host = values.host ?? nonEmpty(env[MONITOR_ENV.HOST]) ?? DEFAULT_MONITOR_HOST;
  const options = { ...(file?.options ?? {}) };
  if (values.interval !== undefined) Object.assign(options, { intervalSeconds: parseDuration('--interval', values.interval) });
  return {
    command,
    store,
    port,
    host,
    options,
    ...(values.window === undefined ? {} : { captureWindowSeconds: parseDuration('--window', values.window) }),
    ...(values.features === undefined ? {} : { captureFeatures: values.features.split(',').map((s) => s.trim()).filter((s) => s !== '') }),
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      store: { type: 'string' },
      config: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      interval: { type: 'string' },
      window: { type: 'string' },
      features: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
