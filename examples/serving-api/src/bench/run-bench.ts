/**
 * `npm run bench -- [--duration 10] [--connections 16] [--users 1000] [--url http://host:port]`
 *
 * A bounded closed-loop load test on loopback: `connections` workers each send one
 * `GET /v1/features/:user_id` at a time over a kept-alive connection for `duration` seconds (after a
 * 2 s warm-up) and the latency of every request is recorded. Without `--url` it starts the built
 * service itself on the embedded store, seeded with `users` users, with default telemetry.
 */
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { startServiceProcess, type ServiceProcess } from '@featurescope/example-service-kit/testing';

const FEATURES = 'amount_avg_7d,txn_count_24h,chargebacks_90d,risk_score';

interface BenchArgs {
  duration: number;
  connections: number;
  users: number;
  url: string | undefined;
}

function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { duration: 10, connections: 16, users: 1000, url: undefined };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--url' && value) args.url = value;
    else if ((flag === '--duration' || flag === '--connections' || flag === '--users') && value && Number(value) > 0) args[flag.slice(2) as 'duration'] = Number(value);
    else throw new Error(`unknown or invalid option ${flag}; use --duration s, --connections n, --users n, --url base`);
  }
  return args;
}

function get(agent: Agent, base: URL, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: base.hostname, port: base.port, path, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function load(base: URL, args: BenchArgs, seconds: number, latencies: number[] | undefined): Promise<{ requests: number; errors: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: args.connections });
  const until = performance.now() + seconds * 1000;
  let requests = 0;
  let errors = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < until) {
      const user = `user-${next++ % args.users}`;
      const started = performance.now();
      const status = await get(agent, base, `/v1/features/${user}?features=${FEATURES}`).catch(() => 0);
      latencies?.push(performance.now() - started);
      requests++;
      if (status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: args.connections }, worker));
  agent.destroy();
  return { requests, errors };
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let service: ServiceProcess | undefined;
  let base = args.url;
  if (base === undefined) {
    const dir = fileURLToPath(new URL('../..', import.meta.url));
    service = startServiceProcess(dir, ['--import', '@featurescope/otel/register', '--import', '@featurescope/example-service-kit/register-http', 'dist/main.js'], {
      PORT: '0',
      SEED_DEMO_USERS: String(args.users),
      OTEL_METRICS_EXPORTER: process.env.OTEL_METRICS_EXPORTER ?? 'none',
    });
    const listening = await service.waitForLog((line) => line.msg === 'listening', 120_000, 'the service to listen');
    base = `http://127.0.0.1:${String(listening.port)}`;
  }
  try {
    const url = new URL(base);
    await load(url, args, 2, undefined);
    const latencies: number[] = [];
    const { requests, errors } = await load(url, args, args.duration, latencies);
    latencies.sort((a, b) => a - b);
    const ms = (v: number): string => v.toFixed(2);
    console.log(`GET /v1/features/:user_id (4 features), ${args.connections} connections, ${args.duration} s on loopback, node ${process.version}`);
    console.log(`| requests | errors | req/s | p50 ms | p90 ms | p99 ms | max ms |`);
    console.log(`|---|---|---|---|---|---|---|`);
    console.log(`| ${requests} | ${errors} | ${Math.round(requests / args.duration)} | ${ms(quantile(latencies, 0.5))} | ${ms(quantile(latencies, 0.9))} | ${ms(quantile(latencies, 0.99))} | ${ms(latencies.at(-1) ?? NaN)} |`);
    if (errors > 0) process.exitCode = 1;
  } finally {
    await service?.stop();
  }
}

await main();
