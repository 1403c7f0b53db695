import { componentType, type CollectorConfig, type ComponentKind } from './otelcol-config.js';

export type Components = Record<ComponentKind, string[]>;

/**
 * Component types the shipped files use that featurescope's distribution cannot contain: their
 * modules are not served by the Go module proxy (collector-config/README.md, "Building the collector").
 */
export const NOT_IN_DISTRIBUTION: Readonly<Partial<Record<ComponentKind, readonly string[]>>> = {
  exporters: ['datadog'],
  connectors: ['datadog'],
};

const KINDS: ComponentKind[] = ['receivers', 'processors', 'exporters', 'connectors', 'extensions'];

/**
 * A deep copy of `config` without the components whose type `available` lacks: removed from their
 * section and every pipeline; a pipeline left without a receiver is removed, one left without an
 * exporter gets the `debug` exporter.
 * Returns the removed component ids, e.g. `exporters/datadog`.
 */
export function withoutUnavailable(config: CollectorConfig, available: Components): { config: CollectorConfig; removed: string[] } {
  const copy = structuredClone(config) as { -readonly [K in keyof CollectorConfig]: CollectorConfig[K] } & Record<ComponentKind, Record<string, unknown> | undefined>;
  const removed: string[] = [];
  const gone = new Set<string>();
  for (const kind of KINDS) {
    for (const id of Object.keys(copy[kind] ?? {})) {
      if (!available[kind].includes(componentType(id))) {
        delete copy[kind]![id];
        removed.push(`${kind}/${id}`);
        gone.add(id);
      }
    }
  }
  const pipelines = copy.service.pipelines as Record<string, { receivers?: string[]; processors?: string[]; exporters?: string[] }>;
  for (const [id, pipeline] of Object.entries(pipelines)) {
    for (const key of ['receivers', 'processors', 'exporters'] as const) {
      if (pipeline[key]) pipeline[key] = pipeline[key].filter((c) => !gone.has(c));
    }
    if (!pipeline.receivers?.length) {
      delete pipelines[id];
    } else if (!pipeline.exporters?.length) {
      // Keep the pipeline (its processors and connectors still get validated): debug stands in.
      pipeline.exporters = ['debug'];
      copy.exporters = { ...copy.exporters, debug: { verbosity: 'basic' } };
    }
  }
  return { config: copy, removed: removed.sort() };
}

/** Loopback endpoints for a test run (ports from freePort()). */
export interface TestEndpoints {
  readonly otlpGrpc: number;
  readonly otlpHttp: number;
  readonly prometheus?: number;
  /** OTLP/gRPC trace backend the sampled traces go to. */
  readonly tracesOtlp?: string;
}

/** Points a shipped config's listeners and backends at loopback test ports. */
export function onLoopback(config: CollectorConfig, endpoints: TestEndpoints): CollectorConfig {
  const copy = structuredClone(config) as CollectorConfig & { receivers: Record<string, unknown>; exporters: Record<string, Record<string, unknown>> };
  copy.receivers.otlp = { protocols: { grpc: { endpoint: `127.0.0.1:${endpoints.otlpGrpc}` }, http: { endpoint: `127.0.0.1:${endpoints.otlpHttp}` } } };
  if (copy.exporters.prometheus && endpoints.prometheus !== undefined) copy.exporters.prometheus.endpoint = `127.0.0.1:${endpoints.prometheus}`;
  if (copy.exporters['otlp/traces'] && endpoints.tracesOtlp !== undefined) copy.exporters['otlp/traces'].endpoint = endpoints.tracesOtlp;
  delete (copy as { extensions?: unknown }).extensions;
  (copy.service as { extensions?: string[] }).extensions = [];
  return copy;
}
