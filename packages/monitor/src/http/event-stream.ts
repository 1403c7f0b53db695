import type { ServerResponse } from 'node:http';
import type { CycleSnapshot, FeatureReport } from '../monitor/report.js';

/** Options of the `/api/v1/events` stream. */
export interface EventStreamOptions {
  /** Most concurrent streams; more are refused with 503. @default 64 */
  readonly maxClients?: number;
  /** Interval of `: ping` comments that keep proxies from closing an idle stream. @default 15000 */
  readonly heartbeatMs?: number;
  /** Reconnection delay sent to browsers (`retry:`). @default 2000 */
  readonly retryMs?: number;
}

const MAX_BUFFERED_BYTES = 1 << 20;

/** `event: state` data: a feature's drift state or staleness changed in `cycle`. */
export interface StateChangeEvent {
  readonly cycle: number;
  readonly name: string;
  readonly kind: 'drift' | 'stale';
  readonly from: string | boolean | null;
  readonly to: string | boolean | null;
}

/**
 * Server-Sent Events of the monitor: one `cycle` event per finished cycle (`id:` is the cycle
 * number) preceded by one `state` event per feature whose drift state or staleness changed. A new
 * stream gets the last cycle at once. Streams never query the database; bodies are small and the
 * same for every client.
 */
export class MonitorEventStream {
  readonly #clients = new Set<ServerResponse>();
  readonly #maxClients: number;
  readonly #retryMs: number;
  readonly #heartbeat: NodeJS.Timeout;
  #last: CycleSnapshot | undefined;

  constructor(options: EventStreamOptions = {}) {
    this.#maxClients = options.maxClients ?? 64;
    this.#retryMs = options.retryMs ?? 2000;
    this.#heartbeat = setInterval(() => this.#write(': ping\n\n'), options.heartbeatMs ?? 15_000);
    this.#heartbeat.unref(); // never keeps the process alive
  }

  /** Streams connected now. */
  get clients(): number {
    return this.#clients.size;
  }

  /** Starts a stream on `response` (false when the client cap is reached: the caller answers 503). */
  open(response: ServerResponse, headers: Readonly<Record<string, string>>): boolean {
    if (this.#clients.size >= this.#maxClients) return false;
    response.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    response.socket?.setNoDelay(true);
    this.#clients.add(response);
    response.on('close', () => this.#clients.delete(response));
    response.write(`retry: ${this.#retryMs}\n\n`);
    if (this.#last !== undefined) response.write(cycleEvent(this.#last));
    return true;
  }

  /** Sends a finished cycle to every stream. */
  publish(snapshot: CycleSnapshot): void {
    const previous = this.#last;
    this.#last = snapshot;
    let chunk = '';
    if (previous !== undefined) for (const change of stateChanges(previous, snapshot)) chunk += `event: state\ndata: ${JSON.stringify(change)}\n\n`;
    this.#write(chunk + cycleEvent(snapshot));
  }

  /** Ends every stream and stops the heartbeat (the server is closing). */
  close(): void {
    clearInterval(this.#heartbeat);
    for (const client of this.#clients) client.end();
    this.#clients.clear();
  }

  #write(chunk: string): void {
    for (const client of this.#clients) {
      // A client that stopped reading is dropped (its browser reconnects) rather than buffered for.
      if (client.writableLength > MAX_BUFFERED_BYTES) client.destroy();
      else client.write(chunk);
    }
  }
}

function cycleEvent(snapshot: CycleSnapshot): string {
  let drifting = 0;
  let stale = 0;
  for (const f of snapshot.features.values()) {
    if (f.statistics?.drift?.state === 'drift') drifting++;
    if (f.freshness?.stale === true) stale++;
  }
  const data = {
    cycle: snapshot.cycle,
    cycleStartedAt: snapshot.startedAt,
    durationSeconds: snapshot.durationSeconds,
    status: snapshot.errors.length === 0 ? 'ok' : 'degraded',
    errors: snapshot.errors.length,
    features: snapshot.features.size,
    drifting,
    stale,
  };
  return `id: ${snapshot.cycle}\nevent: cycle\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Drift-state and staleness changes between two snapshots (features new in `next` count from null). */
export function stateChanges(previous: CycleSnapshot, next: CycleSnapshot): StateChangeEvent[] {
  const changes: StateChangeEvent[] = [];
  const driftOf = (f: FeatureReport | undefined): string | null => f?.statistics?.drift?.state ?? null;
  const staleOf = (f: FeatureReport | undefined): boolean | null => f?.freshness?.stale ?? null;
  for (const [name, feature] of next.features) {
    const before = previous.features.get(name);
    if (driftOf(before) !== driftOf(feature)) changes.push({ cycle: next.cycle, name, kind: 'drift', from: driftOf(before), to: driftOf(feature) });
    if (staleOf(before) !== staleOf(feature)) changes.push({ cycle: next.cycle, name, kind: 'stale', from: staleOf(before), to: staleOf(feature) });
  }
  return changes;
}
