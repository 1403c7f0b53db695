import { Socket } from 'node:net';

/** Throws a sentence saying how to start the service when its port does not answer within 2 s. */
export async function checkReachable(url: string, defaultPort: number, howToStart: string): Promise<void> {
  const { hostname, port } = new URL(url);
  const reachable = await new Promise<boolean>((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(Number(port || defaultPort), hostname.replace(/^\[|\]$/g, ''));
  });
  if (!reachable) throw new Error(`not reachable at ${url}; start ${howToStart}`);
}
