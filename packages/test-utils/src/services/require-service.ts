import { Socket } from 'node:net';

/** Where each test service is, from env vars with this machine's defaults. */
export const SERVICE_URLS = {
  mysql: process.env.FEATURESCOPE_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test',
  postgres: process.env.FEATURESCOPE_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  redis: process.env.FEATURESCOPE_REDIS_URL ?? 'redis://127.0.0.1:6379',
} as const;

const HOW_TO_START: Record<keyof typeof SERVICE_URLS, string> = {
  mysql: 'MariaDB: run `scripts/services.sh` (or `docker compose up -d mariadb`, or set FEATURESCOPE_MYSQL_URL)',
  postgres: 'PostgreSQL: run `scripts/services.sh` (or `docker compose up -d postgres`, or set FEATURESCOPE_POSTGRES_URL)',
  redis: 'Redis: run `scripts/services.sh` (or `docker compose up -d redis`, or set FEATURESCOPE_REDIS_URL)',
};

/**
 * Returns the service's URL after checking its port answers; otherwise throws an error that says
 * how to start it, so an integration test fails loudly instead of skipping.
 */
export async function requireService(service: keyof typeof SERVICE_URLS): Promise<string> {
  const url = SERVICE_URLS[service];
  const defaultPort = { mysql: 3306, postgres: 5432, redis: 6379 }[service];
  if (!(await isPortReachable(url, defaultPort))) throw new Error(`${service} is not reachable at ${url}. Start ${HOW_TO_START[service]}.`);
  return url;
}

/** Whether the URL's host accepts a TCP connection on its port (or `defaultPort`) within 2 s. */
export async function isPortReachable(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise<boolean>((resolve) => {
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
}
