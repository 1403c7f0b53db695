import { loadCollectorFiles, type CollectorConfig } from './otelcol-config.js';
import { onLoopback, withoutUnavailable, type Components } from './otelcol-template.js';

export interface PipelinePorts {
  readonly otlpGrpc: number;
  readonly otlpHttp: number;
  readonly prometheus: number;
  /** Base URL of the OTLP/HTTP receiver that captures the sampled traces. */
  readonly traceCapture: string;
}

/**
 * A shipped collector file made runnable in a test: components outside the distribution removed,
 * listeners on loopback ports, the sampled traces sent over OTLP/HTTP to a capturing receiver
 * instead of the OTLP/gRPC backend, and the time-based settings shortened (decision_wait 10 s → 2 s,
 * spanmetrics flush 15 s → 1 s). Processors, policies, OTTL and the entity-id guard are the shipped ones.
 */
export function runnablePipeline(file: string, components: Components, ports: PipelinePorts): CollectorConfig {
  const shipped = loadCollectorFiles().find((f) => f.file === file);
  if (!shipped) throw new Error(`no collector file ${file}`);
  const config = onLoopback(withoutUnavailable(shipped.config, components).config, ports) as CollectorConfig & {
    processors: Record<string, Record<string, unknown>>;
    connectors: Record<string, Record<string, unknown>>;
    exporters: Record<string, unknown>;
  };
  config.processors.tail_sampling!.decision_wait = '2s';
  config.connectors.spanmetrics!.metrics_flush_interval = '1s';
  delete config.exporters['otlp/traces'];
  config.exporters['otlphttp/traces'] = { endpoint: ports.traceCapture, sending_queue: { batch: { flush_timeout: '500ms' } } };
  for (const pipeline of Object.values(config.service.pipelines) as { exporters?: string[] }[]) {
    pipeline.exporters = pipeline.exporters?.map((e) => (e === 'otlp/traces' ? 'otlphttp/traces' : e));
  }
  return config;
}
