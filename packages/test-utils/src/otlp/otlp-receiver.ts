import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { decodeMetricsRequest } from './decode-metrics.js';
import { decodeTraceRequest } from './decode-traces.js';
import type { OtlpAttributes, OtlpMetric, OtlpMetricsRequest, OtlpScope, OtlpSpan, OtlpTraceRequest } from './otlp-types.js';

/** One request the receiver answered. */
export interface OtlpRequestInfo {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** 200 when decoded; 400, 404 or 415 otherwise. */
  readonly status: number;
}

/** A span with the resource and scope it was exported under. */
export interface ReceivedSpan extends OtlpSpan {
  readonly resource: OtlpAttributes;
  readonly scope: OtlpScope;
}

/** A metric with the resource and scope it was exported under. */
export interface ReceivedMetric extends OtlpMetric {
  readonly resource: OtlpAttributes;
  readonly scope: OtlpScope;
}

export interface OtlpReceiver {
  /** Base URL for `OTEL_EXPORTER_OTLP_ENDPOINT` (exporters append `/v1/traces`, `/v1/metrics`). */
  readonly url: string;
  readonly port: number;
  /** Decoded ExportTraceServiceRequest bodies, in arrival order. */
  readonly traces: OtlpTraceRequest[];
  /** Decoded ExportMetricsServiceRequest bodies, in arrival order. */
  readonly metrics: OtlpMetricsRequest[];
  /** Every request, including rejected ones. */
  readonly requests: OtlpRequestInfo[];
  /** Bodies that failed to decode, with the reason. */
  readonly errors: Error[];
  /** Every span received so far, flattened. */
  spans(): ReceivedSpan[];
  /** Every metric received so far, flattened (one entry per export of a metric). */
  receivedMetrics(): ReceivedMetric[];
  /** Polls `probe` until it returns something other than `undefined`/`false`; rejects after `timeoutMillis`. */
  waitFor<T>(probe: () => T | undefined | false, timeoutMillis?: number, description?: string): Promise<T>;
  /** Forgets everything received. */
  clear(): void;
  close(): Promise<void>;
}

export interface OtlpReceiverOptions {
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
}

const PROTOBUF = 'application/x-protobuf';

/**
 * A real OTLP/HTTP receiver for tests: accepts protobuf bodies (optionally gzip-compressed) on
 * `/v1/traces` and `/v1/metrics`, decodes them with a small wire-format decoder and keeps plain
 * objects. `/v1/logs` is accepted and ignored. JSON bodies get 415: the decoder is protobuf only.
 */
export async function startOtlpReceiver(options: OtlpReceiverOptions = {}): Promise<OtlpReceiver> {
  const traces: OtlpTraceRequest[] = [];
  const metrics: OtlpMetricsRequest[] = [];
  const requests: OtlpRequestInfo[] = [];
  const errors: Error[] = [];

  const respond = (request: IncomingMessage, response: ServerResponse, status: number, path: string): void => {
    requests.push({ path, headers: request.headers, status });
    response.statusCode = status;
    if (status === 200) response.setHeader('content-type', PROTOBUF);
    // An empty body is a valid (empty) Export*ServiceResponse.
    response.end();
  };

  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || !['/v1/traces', '/v1/metrics', '/v1/logs'].includes(path)) return respond(request, response, 404, path);
      if (!(request.headers['content-type'] ?? '').startsWith(PROTOBUF)) return respond(request, response, 415, path);
      try {
        let body = Buffer.concat(chunks);
        if (request.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
        const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
        if (path === '/v1/traces') traces.push(decodeTraceRequest(bytes));
        else if (path === '/v1/metrics') metrics.push(decodeMetricsRequest(bytes));
        respond(request, response, 200, path);
      } catch (error) {
        errors.push(error instanceof Error ? error : new Error(String(error)));
        respond(request, response, 400, path);
      }
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    traces,
    metrics,
    requests,
    errors,
    spans: () =>
      traces.flatMap((request) =>
        request.resourceSpans.flatMap((resourceSpans) =>
          resourceSpans.scopeSpans.flatMap((scopeSpans) =>
            scopeSpans.spans.map((span) => ({ ...span, resource: resourceSpans.resource.attributes, scope: scopeSpans.scope })),
          ),
        ),
      ),
    receivedMetrics: () =>
      metrics.flatMap((request) =>
        request.resourceMetrics.flatMap((resourceMetrics) =>
          resourceMetrics.scopeMetrics.flatMap((scopeMetrics) =>
            scopeMetrics.metrics.map((metric) => ({ ...metric, resource: resourceMetrics.resource.attributes, scope: scopeMetrics.scope })),
          ),
        ),
      ),
    async waitFor(probe, timeoutMillis = 10_000, description = 'condition') {
      const deadline = Date.now() + timeoutMillis;
      for (;;) {
        const result = probe();
        if (result !== undefined && result !== false) return result;
        if (Date.now() > deadline) {
          throw new Error(`OTLP receiver: ${description} not met within ${timeoutMillis} ms (${traces.length} trace and ${metrics.length} metric requests received)`);
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    clear() {
      traces.length = 0;
      metrics.length = 0;
      requests.length = 0;
      errors.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Exporters keep connections alive; drop them so close() does not wait for their timeout.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
