import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { OTELCOL_DIR } from './paths.js';

export type ComponentKind = 'receivers' | 'processors' | 'exporters' | 'connectors' | 'extensions';
export type SignalType = 'traces' | 'metrics' | 'logs';

export interface Pipeline {
  readonly receivers?: string[];
  readonly processors?: string[];
  readonly exporters?: string[];
}

export interface CollectorConfig {
  readonly receivers?: Record<string, unknown>;
  readonly processors?: Record<string, unknown>;
  readonly exporters?: Record<string, unknown>;
  readonly connectors?: Record<string, unknown>;
  readonly extensions?: Record<string, unknown>;
  readonly service: { readonly extensions?: string[]; readonly pipelines: Record<string, Pipeline> };
}

export interface CollectorFile {
  readonly file: string;
  readonly text: string;
  readonly config: CollectorConfig;
}

/** Every collector configuration shipped in otelcol/. */
export function loadCollectorFiles(): CollectorFile[] {
  return readdirSync(OTELCOL_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(OTELCOL_DIR, file), 'utf8');
      return { file, text, config: parse(text) as CollectorConfig };
    });
}

/** `otlp/traces` → `otlp`: the component type of an id `type[/name]`. */
export function componentType(id: string): string {
  return id.split('/', 1)[0]!;
}

/** The signal of a pipeline id `traces[/name]`. */
export function pipelineSignal(id: string): SignalType {
  const type = componentType(id);
  if (type !== 'traces' && type !== 'metrics' && type !== 'logs') throw new Error(`pipeline ${id}: unknown signal ${type}`);
  return type;
}

/**
 * Which signal a connector type accepts (as an exporter) and emits (as a receiver), for the
 * connectors the files use; from each connector's README "Supported Pipeline Types".
 */
export const CONNECTOR_SIGNALS: Record<string, readonly (readonly [SignalType, SignalType])[]> = {
  forward: [['traces', 'traces'], ['metrics', 'metrics'], ['logs', 'logs']],
  spanmetrics: [['traces', 'metrics']],
  datadog: [['traces', 'metrics'], ['traces', 'traces']],
};

/** Component types of the contrib distribution the files may use, by kind. */
export const KNOWN_TYPES: Record<ComponentKind, readonly string[]> = {
  receivers: ['otlp'],
  processors: ['memory_limiter', 'batch', 'resourcedetection', 'attributes', 'transform', 'filter', 'tail_sampling'],
  exporters: ['prometheus', 'prometheusremotewrite', 'datadog', 'otlp', 'otlphttp', 'debug'],
  connectors: Object.keys(CONNECTOR_SIGNALS),
  extensions: ['health_check'],
};
