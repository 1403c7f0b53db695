import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { MonitorConfigError } from '../errors.js';
import { corsAllowList } from '../http/cors.js';
import { parseDuration } from './duration.js';
import type { MonitoredFeature, StoreMonitorOptions } from './options.js';

/** A parsed `featurescope.yaml`: connection and server settings plus the monitor's options. */
export interface MonitorFileConfig {
  /** `store:` URL. */
  readonly store?: string;
  /** `port:` of the HTTP API. */
  readonly port?: number;
  /** `corsOrigins:` origins allowed to read the HTTP API from a browser (CORS off without). */
  readonly corsOrigins?: readonly string[];
  /** Everything else, as `createStoreMonitor` options (without `source`). */
  readonly options: Omit<StoreMonitorOptions, 'source'>;
}

const TOP_KEYS = [
  'store', 'port', 'interval', 'window', 'volumeWindow', 'statementTimeout', 'maxAge', 'table', 'columns', 'features',
  'maxFeatures', 'drift', 'sampling', 'histogramBins', 'baselines', 'corsOrigins',
] as const;
const COLUMN_KEYS = ['entityId', 'feature', 'value', 'updatedAt'];
const DRIFT_KEYS = ['alpha', 'warn', 'drift', 'bins', 'minCount'];
const SAMPLING_KEYS = ['maxRows', 'tablesampleAboveRows', 'tablesampleMethod', 'tablesamplePercent', 'tiflash'];
const FEATURE_KEYS = ['name', 'maxAge'];

/** Reads and validates a YAML config file; errors name the file and the key. */
export async function loadMonitorConfigFile(path: string): Promise<MonitorFileConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new MonitorConfigError(path, `cannot read the config file (${(error as Error).message})`, { cause: error });
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new MonitorConfigError(path, `not valid YAML: ${(error as Error).message}`, { cause: error });
  }
  return parseMonitorConfig(doc ?? {});
}

/** Validates a config document (the parsed YAML); {@link MonitorConfigError} names the first bad key. */
export function parseMonitorConfig(doc: unknown): MonitorFileConfig {
  const d = object(doc, '(root)', TOP_KEYS);
  const options: Record<string, unknown> = {};
  const duration = (key: string, target: string): void => {
    if (d[key] !== undefined) options[target] = parseDuration(key, d[key]);
  };
  duration('interval', 'intervalSeconds');
  duration('window', 'windowSeconds');
  duration('volumeWindow', 'volumeWindowSeconds');
  duration('statementTimeout', 'statementTimeoutSeconds');
  duration('maxAge', 'maxAgeSeconds');
  if (d.table !== undefined) options.table = string(d.table, 'table');
  if (d.columns !== undefined) options.columns = object(d.columns, 'columns', COLUMN_KEYS);
  if (d.maxFeatures !== undefined) options.maxFeatures = d.maxFeatures;
  if (d.histogramBins !== undefined) options.histogramBins = d.histogramBins;
  if (d.drift !== undefined) options.drift = object(d.drift, 'drift', DRIFT_KEYS);
  if (d.sampling !== undefined) options.sampling = object(d.sampling, 'sampling', SAMPLING_KEYS);
  if (d.features !== undefined) {
    if (!Array.isArray(d.features)) throw new MonitorConfigError('features', 'must be a list of names or { name, maxAge }');
    options.features = d.features.map((entry: unknown, i): string | MonitoredFeature => {
      if (typeof entry === 'string') return entry;
      const f = object(entry, `features[${i}]`, FEATURE_KEYS);
      return {
        name: f.name as string,
        ...(f.maxAge === undefined ? {} : { maxAgeSeconds: parseDuration(`features[${i}].maxAge`, f.maxAge) }),
      };
    });
  }
  if (d.baselines !== undefined) {
    const b = object(d.baselines, 'baselines', ['table', 'file']);
    if ((b.table === undefined) === (b.file === undefined)) throw new MonitorConfigError('baselines', 'give exactly one of table or file');
    options.baselines = b.file === undefined ? { table: string(b.table, 'baselines.table') } : { file: string(b.file, 'baselines.file') };
  }
  let port: number | undefined;
  if (d.port !== undefined) port = parsePort('port', d.port);
  if (d.corsOrigins !== undefined && !Array.isArray(d.corsOrigins)) throw new MonitorConfigError('corsOrigins', 'must be a list of origins');
  return {
    ...(d.store === undefined ? {} : { store: string(d.store, 'store') }),
    ...(port === undefined ? {} : { port }),
    ...(d.corsOrigins === undefined ? {} : { corsOrigins: [...corsAllowList(d.corsOrigins as string[], 'corsOrigins')] }),
    options,
  };
}

/** A TCP port 0–65535 (0: any free port), from a number or a decimal string. */
export function parsePort(key: string, value: unknown): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 65535) {
    throw new MonitorConfigError(key, `must be a port number 0–65535, got ${JSON.stringify(value)}`);
  }
  return n;
}

function object(value: unknown, key: string, allowed: readonly string[]): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new MonitorConfigError(key, 'must be a mapping');
  const record = value as Record<string, unknown>;
  for (const k of Object.keys(record)) {
    if (!allowed.includes(k)) {
      throw new MonitorConfigError(key === '(root)' ? k : `${key}.${k}`, `unknown key; expected one of ${allowed.join(', ')}`);
    }
  }
  return record;
}

function string(value: unknown, key: string): string {
  if (typeof value !== 'string' || value === '') throw new MonitorConfigError(key, `must be a non-empty string, got ${JSON.stringify(value)}`);
  return value;
}
