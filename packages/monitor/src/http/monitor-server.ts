import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { FEATURE_NAME_PATTERN } from '../config/options.js';
import type { CycleSnapshot, FeatureReport, MonitorHealth } from '../monitor/report.js';
import { corsAllowList, corsHeaders, PREFLIGHT_HEADERS } from './cors.js';
import { MonitorEventStream, type EventStreamOptions } from './event-stream.js';
import { FeatureHistory } from './feature-history.js';
import { featureBins, histogramView } from './histogram-view.js';
import { overviewBody } from './overview.js';
import { overviewPage, panelBundle, PANEL_BUNDLE_ROUTE, type StaticAsset } from './static-assets.js';

/** What the HTTP API reads: the monitor's last snapshot and health (never the database). */
export interface MonitorStateReader {
  snapshot(): CycleSnapshot | undefined;
  health(): MonitorHealth;
  /** Finished cycles, for `/api/v1/events` and the history; without it those stay empty. */
  subscribe?(listener: (snapshot: CycleSnapshot) => void): () => void;
}

/** Options of {@link createMonitorServer}. */
export interface MonitorServerOptions {
  /**
   * Origins allowed to read the API from a browser (CORS), e.g. `['https://dash.example.com']`.
   * @default [] (CORS off: only same-origin pages, such as the monitor's own `/`, can read it)
   */
  readonly corsOrigins?: readonly string[];
  /** Serve the overview page at `/` and the panel bundle at `/panel.js`. @default true */
  readonly panel?: boolean;
  /** The `/api/v1/events` stream. */
  readonly events?: EventStreamOptions;
  /** Cycles of PSI and null-rate history kept per feature. @default 60 */
  readonly historyCycles?: number;
}

/** A JSON error body: `{ error, message }`. */
export interface ApiError {
  readonly error: 'bad_request' | 'not_found' | 'method_not_allowed' | 'not_ready' | 'internal';
  readonly message: string;
}

interface Reply {
  readonly status: number;
  readonly body: string;
  readonly allow?: string;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const FEATURES = '/api/v1/features';
const OVERVIEW = '/api/v1/overview';
const EVENTS = '/api/v1/events';
const FEATURE_ROUTE = /^\/api\/v1\/features\/([^/]*)\/(stats|histogram|history)$/;

/**
 * Creates (does not start) the monitor's HTTP server: `GET /api/v1/features`, `/api/v1/overview`,
 * `/api/v1/features/{name}/stats|histogram|history`, the `/api/v1/events` stream, `/healthz`, and
 * the panel (`/`, `/panel.js`). Bodies are JSON built from the last cycle's snapshot and cached
 * until the next cycle. `server.close()` also ends the event streams.
 */
export function createMonitorServer(monitor: MonitorStateReader, options: MonitorServerOptions = {}): Server {
  const cache = new WeakMap<CycleSnapshot, Map<string, Reply>>();
  const allowed = corsAllowList(options.corsOrigins);
  const history = new FeatureHistory(options.historyCycles);
  const events = new MonitorEventStream(options.events);
  const context: RouteContext = { monitor, cache, history, panel: options.panel ?? true };
  const current = monitor.snapshot();
  if (current !== undefined) {
    history.record(current);
    events.publish(current);
  }
  const unsubscribe = monitor.subscribe?.((snapshot) => {
    history.record(snapshot);
    events.publish(snapshot);
  });
  const server = createServer((request, response) => {
    const cors = corsHeaders(allowed, request.headers.origin);
    let reply: Reply;
    try {
      const path = (request.url ?? '/').split('?')[0]!;
      if (request.method === 'OPTIONS' && 'access-control-allow-origin' in cors) {
        reply = { status: 204, body: '', headers: PREFLIGHT_HEADERS };
      } else if (path === EVENTS && request.method === 'GET') {
        if (events.open(response, cors)) return;
        reply = error(503, 'not_ready', 'too many event streams');
      } else {
        reply = route(context, request);
      }
    } catch {
      reply = error(500, 'internal', 'internal error');
    }
    send(response, reply, cors);
  });
  const close = server.close.bind(server);
  server.close = (callback?: (err?: Error) => void): Server => {
    unsubscribe?.();
    events.close();
    return close(callback);
  };
  return server;
}

interface RouteContext {
  readonly monitor: MonitorStateReader;
  readonly cache: WeakMap<CycleSnapshot, Map<string, Reply>>;
  readonly history: FeatureHistory;
  readonly panel: boolean;
}

function route(context: RouteContext, request: IncomingMessage): Reply {
  const { monitor, cache } = context;
  const path = (request.url ?? '/').split('?')[0]!;
  const isRead = request.method === 'GET' || request.method === 'HEAD';
  if (context.panel && (path === '/' || path === PANEL_BUNDLE_ROUTE)) {
    if (!isRead) return error(405, 'method_not_allowed', `${request.method} is not allowed on ${path}`, 'GET, HEAD');
    const asset = path === '/' ? overviewPage() : panelBundle();
    if (path !== '/' && request.headers['if-none-match'] === asset.headers.etag) return { status: 304, body: '', headers: asset.headers };
    return asset200(asset);
  }
  if (path === EVENTS) return error(405, 'method_not_allowed', `${request.method} is not allowed on ${path}`, 'GET');
  if (path === '/healthz') {
    if (!isRead) return error(405, 'method_not_allowed', `${request.method} is not allowed on ${path}`, 'GET, HEAD');
    const health = monitor.health();
    // Error messages can name the database user, host and port: only the check, type and feature leave.
    const lastErrors = health.lastErrors.map(({ check, type, feature }) => (feature === undefined ? { check, type } : { check, type, feature }));
    return { status: health.status === 'ok' ? 200 : 503, body: JSON.stringify({ ...health, lastErrors }) };
  }
  const match = FEATURE_ROUTE.exec(path);
  if (path !== FEATURES && path !== OVERVIEW && match === null) return error(404, 'not_found', 'no such route');
  if (!isRead) return error(405, 'method_not_allowed', `${request.method} is not allowed on ${path}`, 'GET, HEAD');
  let name: string | undefined;
  if (match !== null) {
    try {
      name = decodeURIComponent(match[1]!);
    } catch {
      return error(400, 'bad_request', 'the feature name is not valid percent-encoding');
    }
    if (!FEATURE_NAME_PATTERN.test(name)) return error(400, 'bad_request', `feature names match ${String(FEATURE_NAME_PATTERN)}`);
  }
  const snapshot = monitor.snapshot();
  if (snapshot === undefined) return error(503, 'not_ready', 'the first monitor cycle has not finished yet');
  let replies = cache.get(snapshot);
  if (replies === undefined) {
    replies = new Map();
    cache.set(snapshot, replies);
  }
  const key = match === null ? path : `${match[2]!}\u0000${name!}`;
  let reply = replies.get(key);
  if (reply === undefined) {
    reply = path === OVERVIEW ? ok(overviewBody(snapshot)) : build(snapshot, context.history, match?.[2], name);
    // Bounded: one entry per monitored feature and route, dropped with the snapshot.
    if (reply.status === 200) replies.set(key, reply);
  }
  return reply;
}

function build(snapshot: CycleSnapshot, history: FeatureHistory, view: string | undefined, name: string | undefined): Reply {
  if (view === undefined) return ok(featureList(snapshot));
  const feature = snapshot.features.get(name!);
  if (feature === undefined) return error(404, 'not_found', `feature "${name!}" is not monitored`);
  if (view === 'history') return ok({ name: feature.name, table: snapshot.table, cycle: snapshot.cycle, limit: history.limit, points: history.points(feature.name) });
  return ok(view === 'stats' ? featureStats(snapshot, feature) : featureHistogram(snapshot, feature));
}

function featureList(snapshot: CycleSnapshot): unknown {
  return {
    cycle: snapshot.cycle,
    cycleStartedAt: snapshot.startedAt,
    table: snapshot.table,
    system: snapshot.system,
    featuresTruncated: snapshot.featuresTruncated,
    features: [...snapshot.features.values()].map((f) => ({
      name: f.name,
      stalenessSeconds: f.freshness?.stalenessSeconds ?? null,
      stale: f.freshness?.stale ?? null,
      updatedRows: f.freshness?.updatedRows ?? null,
      count: f.statistics?.count ?? null,
      driftState: f.statistics?.drift?.state ?? null,
      hasBaseline: f.hasBaseline,
    })),
  };
}

function featureStats(snapshot: CycleSnapshot, f: FeatureReport): unknown {
  const s = f.statistics;
  const q = s?.quantiles ?? null;
  return {
    name: f.name,
    table: snapshot.table,
    cycle: snapshot.cycle,
    statisticsCycle: s?.cycle ?? null,
    freshnessCycle: f.freshness?.cycle ?? null,
    windowSeconds: s?.windowSeconds ?? null,
    rows: s?.rows ?? null,
    count: s?.count ?? null,
    mean: s?.mean ?? null,
    std: s?.std ?? null,
    min: s?.min ?? null,
    p01: q?.p01 ?? null,
    p25: q?.p25 ?? null,
    p50: q?.p50 ?? null,
    p75: q?.p75 ?? null,
    p99: q?.p99 ?? null,
    max: s?.max ?? null,
    nullRatio: s?.nullRatio ?? null,
    lastWriteTime: f.freshness?.lastWriteTime ?? null,
    stalenessSeconds: f.freshness?.stalenessSeconds ?? null,
    maxAgeSeconds: f.freshness?.maxAgeSeconds ?? null,
    stale: f.freshness?.stale ?? null,
    updatedRows: f.freshness?.updatedRows ?? null,
    volumeWindowSeconds: f.freshness?.volumeWindowSeconds ?? null,
    sampling: s?.sampling ?? null,
    hasBaseline: f.hasBaseline,
    drift: s?.drift ?? null,
  };
}

function featureHistogram(snapshot: CycleSnapshot, f: FeatureReport): unknown {
  const s = f.statistics;
  const view = histogramView(featureBins(f));
  return {
    name: f.name,
    table: snapshot.table,
    cycle: snapshot.cycle,
    statisticsCycle: s?.cycle ?? null,
    windowSeconds: s?.windowSeconds ?? null,
    count: s?.sampling.values ?? 0,
    sampling: s?.sampling ?? null,
    hasBaseline: f.hasBaseline,
    baselineCapturedAt: s?.drift?.baselineCapturedAt ?? null,
    total: view.total,
    baselineTotal: view.baselineTotal,
    bins: view.bins,
  };
}

function ok(body: unknown): Reply {
  return { status: 200, body: JSON.stringify(body) };
}

function error(status: number, code: ApiError['error'], message: string, allow?: string): Reply {
  const body: ApiError = { error: code, message };
  return { status, body: JSON.stringify(body), ...(allow === undefined ? {} : { allow }) };
}

function asset200(asset: StaticAsset): Reply {
  return { status: 200, body: asset.body, contentType: asset.contentType, headers: asset.headers };
}

function send(response: ServerResponse, reply: Reply, cors: Readonly<Record<string, string>>): void {
  response.statusCode = reply.status;
  if (reply.status !== 204 && reply.status !== 304) response.setHeader('content-type', reply.contentType ?? 'application/json; charset=utf-8');
  response.setHeader('cache-control', 'no-store');
  response.setHeader('x-content-type-options', 'nosniff');
  for (const [header, value] of Object.entries({ ...reply.headers, ...cors })) response.setHeader(header, value);
  if (reply.allow !== undefined) response.setHeader('allow', reply.allow);
  response.end(reply.body);
}
