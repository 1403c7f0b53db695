import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A TCP proxy a test controls: `down()` cuts every connection and resets new ones until `up()`. */
export interface TcpProxy {
  readonly port: number;
  /** Rewrites `url` (mysql://…, postgres://…) to go through the proxy. */
  urlFor(url: string): string;
  down(): void;
  up(): void;
  readonly connections: number;
  close(): Promise<void>;
}

/** Starts a proxy on a free loopback port in front of `targetHost:targetPort`. */
export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let reachable = true;
  let accepted = 0;
  const server: Server = createServer((client) => {
    accepted++;
    if (!reachable) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    open.add(client).add(upstream);
    const cut = (): void => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', cut).on('close', cut);
    upstream.on('error', cut).on('close', cut);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    urlFor(url) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    down() {
      reachable = false;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    up() {
      reachable = true;
    },
    get connections() {
      return accepted;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
