import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createMonitorServer, createStoreMonitor, type StoreMonitor } from '@featurescope/monitor';
import { postgresStoreInspector } from '@featurescope/postgres';

/** n evenly spaced quantiles of a normal distribution (a smooth, deterministic sample). */
export function normalSample(n: number, mean: number, sd: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(mean + sd * inverseNormal((i + 0.5) / n));
  return out;
}

// Acklam's rational approximation (|error| < 1.2e-9): only the sample's shape matters here.
function inverseNormal(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number): number => (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/**
 * A real monitor on an in-memory PGlite feature table, scheduled every `intervalSeconds`, with its
 * HTTP server on an ephemeral port that can be stopped and started again on the same port.
 */
export class LiveMonitor {
  readonly table: string;
  db!: PGlite;
  monitor!: StoreMonitor;
  port = 0;
  #server: Server | undefined;
  #dir = mkdtempSync(join(tmpdir(), 'fs-panel-browser-'));

  constructor(
    readonly options: { readonly intervalSeconds: number; readonly corsOrigins?: readonly string[]; readonly table?: string },
  ) {
    this.table = options.table ?? `panel_browser_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Creates the table with `amount_avg_7d` (normal, the drift subject), `txn_count_24h` (10% NULL) and a stale `clicks_5m`, captures baselines. */
  async start(): Promise<void> {
    this.db = await PGlite.create();
    await this.db.exec(
      `CREATE TABLE ${this.table} (entity_id text NOT NULL, feature_name text NOT NULL, value double precision, updated_at timestamptz(6) NOT NULL, ` +
        `PRIMARY KEY (entity_id, feature_name)); CREATE INDEX ON ${this.table} (feature_name, updated_at DESC);`,
    );
    await this.write('amount_avg_7d', normalSample(400, 50, 10));
    await this.write('txn_count_24h', Array.from({ length: 300 }, (_, i) => (i % 10 === 0 ? null : (i * 7) % 23)));
    await this.write('clicks_5m', Array.from({ length: 50 }, (_, i) => i % 5), 7200);
    this.monitor = createStoreMonitor({
      source: postgresStoreInspector(this.db),
      table: this.table,
      intervalSeconds: this.options.intervalSeconds,
      maxAgeSeconds: 3600,
      baselines: { file: join(this.#dir, 'baselines.json') },
      log: () => {},
    });
    await this.monitor.captureBaseline();
    await this.startServer();
    this.monitor.start();
  }

  /** Replaces a feature's rows with `values` written `agoSeconds` ago. */
  async write(feature: string, values: (number | null)[], agoSeconds = 1): Promise<void> {
    await this.db.query(`DELETE FROM ${this.table} WHERE feature_name = $1`, [feature]);
    await this.db.query(
      `INSERT INTO ${this.table} SELECT 'e' || i, $1, v, now() - make_interval(secs => $3) FROM unnest($2::float8[]) WITH ORDINALITY AS u(v, i)`,
      [feature, values, agoSeconds],
    );
  }

  async startServer(): Promise<void> {
    const server = createMonitorServer(this.monitor, { corsOrigins: this.options.corsOrigins ?? [] });
    server.listen(this.port, '127.0.0.1');
    await once(server, 'listening');
    this.port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  /** The monitor's HTTP side goes away: listening stops and every open connection is cut. */
  async stopServer(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (server === undefined) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  async close(): Promise<void> {
    await this.stopServer();
    await this.monitor?.close();
    await this.db?.close();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
