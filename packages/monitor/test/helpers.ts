import { createServer, Socket, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A real TCP proxy in front of a database: `close()` makes the database unreachable (refused
 * connections, dropped sockets), `open()` brings it back on the same port, `delayMs` slows every
 * chunk from the server (a slow check without touching the monitor).
 */
export class TcpProxy {
  #server: Server | undefined;
  readonly #sockets = new Set<Socket>();
  port = 0;
  delayMs = 0;

  constructor(
    readonly targetHost: string,
    readonly targetPort: number,
  ) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = new Socket();
      this.#sockets.add(client);
      this.#sockets.add(upstream);
      const drop = (): void => {
        client.destroy();
        upstream.destroy();
        this.#sockets.delete(client);
        this.#sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      upstream.connect(this.targetPort, this.targetHost);
      client.on('data', (chunk) => upstream.write(chunk));
      upstream.on('data', (chunk) => {
        if (this.delayMs === 0) client.write(chunk);
        else setTimeout(() => client.write(chunk), this.delayMs);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    const server = this.#server;
    this.#server = undefined;
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Values 1..n. */
export function oneTo(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** numpy-style type-7 quantile of an ascending array, written out for the expected values. */
export function type7(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return lo + 1 >= sorted.length ? sorted[lo]! : sorted[lo]! + (h - lo) * (sorted[lo + 1]! - sorted[lo]!);
}

/** Sum of every point of `name` whose attributes include `where` (from a ResourceMetrics collection). */
export function pointsOf(
  collected: { scopeMetrics: { scope: { name: string }; metrics: { descriptor: { name: string }; dataPoints: { attributes: Record<string, unknown>; value: unknown }[] }[] }[] },
  name: string,
  where: Record<string, unknown> = {},
): { scope: string; attributes: Record<string, unknown>; value: unknown }[] {
  const out: { scope: string; attributes: Record<string, unknown>; value: unknown }[] = [];
  for (const scope of collected.scopeMetrics) {
    for (const metric of scope.metrics) {
      if (metric.descriptor.name !== name) continue;
      for (const point of metric.dataPoints) {
        if (Object.entries(where).every(([k, v]) => point.attributes[k] === v)) out.push({ scope: scope.scope.name, attributes: point.attributes, value: point.value });
      }
    }
  }
  return out;
}
