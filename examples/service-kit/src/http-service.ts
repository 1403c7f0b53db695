import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import type { JsonLogger } from './json-logger.js';
import { declareRoute, matchRoute, type RouteTemplate } from './route-templates.js';

/** What a route handler answers; `body` is sent as JSON. */
export interface JsonResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RouteRequest {
  readonly request: IncomingMessage;
  readonly params: Readonly<Record<string, string>>;
  readonly url: URL;
}

export interface RouteSpec {
  readonly method: 'GET' | 'POST';
  /** Path template, `:name` for a parameter, e.g. `/v1/features/:user_id`. */
  readonly path: string;
  readonly handle: (request: RouteRequest) => Promise<JsonResponse>;
}

export interface HttpServiceOptions {
  readonly routes: readonly RouteSpec[];
  /** @default 8080 (`PORT`); 0 picks a free port */
  readonly port?: number;
  /** @default '127.0.0.1' (`HOST`) */
  readonly host?: string;
  readonly logger: JsonLogger;
  /** Longest wait for in-flight requests on shutdown before connections are cut, ms. @default 10000 */
  readonly drainTimeoutMs?: number;
  /** Runs after the last request finished: close the store, flush telemetry. Errors are logged. */
  readonly onDrained: () => Promise<void>;
}

export interface RunningHttpService {
  readonly port: number;
  /** Stops accepting, lets in-flight requests finish, then runs `onDrained`. Idempotent. */
  shutdown(reason: string): Promise<void>;
}

/** The error answer when a handler throws something unexpected: no message (it may quote values). */
const INTERNAL_ERROR: JsonResponse = { status: 500, body: { error: 'internal_error' } };

/**
 * Serves JSON routes over `node:http` (instrumented by `register-http`), with graceful shutdown on
 * SIGTERM/SIGINT: no new connections, in-flight requests finish (kept-alive connections are told to
 * close), then `onDrained` runs and the process exits on its own.
 */
export async function startHttpService(options: HttpServiceOptions): Promise<RunningHttpService> {
  const { logger } = options;
  const routes = options.routes.map((spec) => ({ spec, template: declareRoute(spec.method, spec.path) }));
  let draining = false;
  let inFlight = 0;

  const server: Server = createServer((request, response) => {
    inFlight++;
    response.once('close', () => inFlight--);
    void respond(request, response);
  });

  const respond = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    let answer: JsonResponse;
    if (url.pathname === '/healthz') {
      // in_flight excludes this request itself.
      answer = { status: draining ? 503 : 200, body: { status: draining ? 'draining' : 'ok', in_flight: inFlight - 1 } };
    } else {
      const found = findRoute(routes, request.method ?? 'GET', url.pathname);
      if (found === undefined) {
        answer = { status: 404, body: { error: 'not_found' } };
      } else if (found.params === undefined) {
        answer = { status: 405, body: { error: 'method_not_allowed' } };
      } else {
        nameRoute(found.template);
        try {
          answer = await found.spec.handle({ request, params: found.params, url });
        } catch (error) {
          logger.error('unhandled error', { error: error instanceof Error ? error.name : 'unknown' });
          answer = INTERNAL_ERROR;
        }
      }
    }
    const body = JSON.stringify(answer.body);
    // While draining, a kept-alive connection would hold server.close() open until its idle timeout.
    if (draining) response.setHeader('connection', 'close');
    response.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...answer.headers });
    response.end(body);
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? Number(process.env.PORT ?? 8080), options.host ?? process.env.HOST ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> =>
    (stopping ??= (async () => {
      draining = true;
      logger.info('shutting down: draining in-flight requests', { reason, in_flight: inFlight });
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timeoutMs = options.drainTimeoutMs ?? 10_000;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)));
      if (await Promise.race([closed.then(() => false), timedOut])) {
        logger.warn('drain timed out: closing the remaining connections', { in_flight: inFlight, timeout_ms: timeoutMs });
        server.closeAllConnections();
      }
      clearTimeout(timer);
      try {
        await options.onDrained();
      } catch (error) {
        logger.error('shutdown step failed', { error: error instanceof Error ? error.name : 'unknown' });
      }
      logger.info('stopped', { reason });
    })());

  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return { port, shutdown };
}

type BoundRoute = { spec: RouteSpec; template: RouteTemplate };

/** The route for the path: params when the method matches too, `params: undefined` for a 405. */
function findRoute(routes: readonly BoundRoute[], method: string, path: string): (BoundRoute & { params: Record<string, string> | undefined }) | undefined {
  let pathOnly: BoundRoute | undefined;
  for (const route of routes) {
    const params = matchRoute(route.template, path);
    if (params === undefined) continue;
    if (route.spec.method === method) return { ...route, params };
    pathOnly ??= route;
  }
  return pathOnly === undefined ? undefined : { ...pathOnly, params: undefined };
}

/** Tells the HTTP instrumentation the route, so the span is named `POST /v1/ingest` and metrics carry `http.route`. */
function nameRoute(template: RouteTemplate): void {
  const rpc = getRPCMetadata(context.active());
  if (rpc?.type === RPCType.HTTP) rpc.route = template.template;
}

/** Reads a request body as JSON, at most `limitBytes`. */
export async function readJsonBody(request: IncomingMessage, limitBytes: number): Promise<{ ok: true; value: unknown } | { ok: false; response: JsonResponse }> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limitBytes) return { ok: false, response: tooLarge(limitBytes) };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) return { ok: false, response: tooLarge(limitBytes) };
    chunks.push(chunk);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch {
    return { ok: false, response: { status: 400, body: { error: 'invalid_json', message: 'The body is not valid JSON' } } };
  }
}

function tooLarge(limitBytes: number): JsonResponse {
  return { status: 413, body: { error: 'payload_too_large', message: `The body exceeds ${limitBytes} bytes` } };
}
