#!/usr/bin/env node
// Runs before `npm test`: the integration tests need MariaDB, PostgreSQL and Redis. When one does not
// answer, say in one line what to run, instead of letting hundreds of tests fail one by one.
import { Socket } from 'node:net';

const services = [
  ['MariaDB', process.env.FEATURESCOPE_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test', 3306],
  ['PostgreSQL', process.env.FEATURESCOPE_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test', 5432],
  ['Redis', process.env.FEATURESCOPE_REDIS_URL ?? 'redis://127.0.0.1:6379', 6379],
];

const reachable = (url, defaultPort) =>
  new Promise((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = new Socket();
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(Number(port || defaultPort), hostname.replace(/^\[|\]$/g, ''));
  });

const missing = [];
for (const [name, url, port] of services) if (!(await reachable(url, port))) missing.push(`${name} (${new URL(url).host || url})`);
if (missing.length > 0) {
  console.error(`npm test: ${missing.join(', ')} not reachable — run \`scripts/services.sh\` (or \`docker compose up -d mariadb postgres redis\` elsewhere), then npm test again.`);
  process.exit(1);
}
