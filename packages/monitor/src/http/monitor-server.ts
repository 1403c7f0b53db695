import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { FEATURE_NAME_PATTERN } from '../config/options.js';
import type { CycleSnapshot, FeatureReport, MonitorHealth } from '../monitor/report.js';

/** What the HTTP API reads: the monitor's last snapshot and health (never the database). */
export interface MonitorStateReader {
  snapshot(): CycleSnapshot | undefined;
  health(): MonitorHealth;
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
}

const FEATURES = '/api/v1/features';
const FEATURE_ROUTE = /^\/api\/v1\/features\/([^/]*)\/(stats|histogram)$/;

/**
 * Creates (does not start) the monitor's HTTP server: `GET /api/v1/features`,
 * `/api/v1/features/{name}/stats`, `/api/v1/features/{name}/histogram` and `/healthz`. Bodies are
 * JSON built from the last cycle's snapshot and cached until the next cycle.
 */
export function createMonitorServer(monitor: MonitorStateReader): Server {
  const cache = new WeakMap<CycleSnapshot, Map<string, Reply>>();
  return createServer((request, response) => {
    let reply: Reply;
    try {
      reply = route(monitor, cache, request);
    } catch {
      reply = error(500, 'internal', 'internal error');
    }
    send(response, reply);
  });
}

function route(monitor: MonitorStateReader, cache: WeakMap<CycleSnapshot, Map<string, Reply>>, request: IncomingMessage): Reply {
  const path = (request.url ?? '/').split('?')[0]!;
  const isRead = request.method === 'GET' || request.method === 'HEAD';
  if (path === '/healthz') {
    if (!isRead) return error(405, 'method_not_allowed', `${request.method} is not allowed on ${path}`, 'GET, HEAD');
    const health = monitor.health();
    // Error messages can name the database user, host and port: only the check, type and feature leave.
    const lastErrors = health.lastErrors.map(({ check, type, feature }) => (feature === undefined ? { check, type } : { check, type, feature }));
    return { status: health.status === 'ok' ? 200 : 503, body: JSON.stringify({ ...health, lastErrors }) };
  }
  const match = FEATURE_ROUTE.exec(path);
  if (path !== FEATURES && match === null) return error(404, 'not_found', 'no such route');
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
  const key = match === null ? FEATURES : `${match[2]!}\u0000${name!}`;
  let reply = replies.get(key);
  if (reply === undefined) {
    reply = build(snapshot, match?.[2], name);
    // Bounded: one entry per monitored feature and route, dropped with the snapshot.
    if (reply.status === 200) replies.set(key, reply);
  }
  return reply;
}

function build(snapshot: CycleSnapshot, view: string | undefined, name: string | undefined): Reply {
  if (view === undefined) return ok(featureList(snapshot));
  const feature = snapshot.features.get(name!);
  if (feature === undefined) return error(404, 'not_found', `feature "${name!}" is not monitored`);
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
  return {
    name: f.name,
    table: snapshot.table,
    cycle: snapshot.cycle,
    statisticsCycle: s?.cycle ?? null,
    windowSeconds: s?.windowSeconds ?? null,
    count: s?.sampling.values ?? 0,
    sampling: s?.sampling ?? null,
    bins: s?.histogram ?? [],
  };
}

function ok(body: unknown): Reply {
  return { status: 200, body: JSON.stringify(body) };
}

function error(status: number, code: ApiError['error'], message: string, allow?: string): Reply {
  const body: ApiError = { error: code, message };
  return { status, body: JSON.stringify(body), ...(allow === undefined ? {} : { allow }) };
}

function send(response: ServerResponse, reply: Reply): void {
  response.statusCode = reply.status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.setHeader('cache-control', 'no-store');
  response.setHeader('x-content-type-options', 'nosniff');
  if (reply.allow !== undefined) response.setHeader('allow', reply.allow);
  response.end(reply.body);
}
