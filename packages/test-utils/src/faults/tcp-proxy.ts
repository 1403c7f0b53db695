import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** A TCP proxy a test controls, to freeze traffic on open connections or black-hole new ones. */
export interface TcpProxy {
  /** Port on 127.0.0.1 the proxy listens on (ephemeral). */
  readonly port: number;
  /** Replaces host:port in a URL by the proxy's address. */
  urlFor(url: string): string;
  /** Stops forwarding on every open connection, both ways, keeping the sockets open (a frozen network). */
  freeze(): void;
  /** New connections are accepted and never answered (nothing reaches the server). */
  blackHole(): void;
  /** Forwards again (open connections and new ones). */
  resume(): void;
  /** Client connections accepted so far, and how many of those are still open. */
  readonly accepted: number;
  readonly open: number;
  close(): Promise<void>;
}

/** Starts a proxy on an ephemeral loopback port in front of `target` (host:port). */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let frozen = false;
  let blackHoled = false;
  let accepted = 0;
  const pairs = new Set<{ client: Socket; upstream: Socket | undefined }>();
  const server: Server = createServer((client) => {
    accepted++;
    const pair: { client: Socket; upstream: Socket | undefined } = { client, upstream: undefined };
    pairs.add(pair);
    client.on('error', () => undefined);
    client.on('close', () => {
      pair.upstream?.destroy();
      pairs.delete(pair);
    });
    if (blackHoled) return;
    const upstream = connect(target.port, target.host);
    pair.upstream = upstream;
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
    // Data is dropped while frozen: the peer waits for an answer that never comes.
    client.on('data', (chunk) => {
      if (!frozen) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!frozen) client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    urlFor: (url) => {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    freeze: () => void (frozen = true),
    blackHole: () => void (blackHoled = true),
    resume: () => {
      frozen = false;
      blackHoled = false;
    },
    get accepted() {
      return accepted;
    },
    get open() {
      let count = 0;
      for (const pair of pairs) if (!pair.client.destroyed) count++;
      return count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const pair of pairs) {
          pair.client.destroy();
          pair.upstream?.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
