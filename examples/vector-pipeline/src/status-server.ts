import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Serves `GET /status` (the JSON `status()` returns) and `GET /healthz` on loopback. */
export async function startStatusServer(port: number, host: string, status: () => unknown): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const body = request.url === '/status' ? JSON.stringify(status()) : request.url === '/healthz' ? '{"status":"ok"}' : undefined;
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    response.end(body ?? '{"error":"not_found"}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
