import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'yaml';
import { requireBinary } from './prometheus-binaries.js';

/** A free loopback TCP port (bound then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface PromSample {
  readonly metric: Record<string, string>;
  readonly value: [number, string];
}

/** A real Prometheus server on a loopback port with its own config and storage, for one test file. */
export class PrometheusServer {
  readonly url: string;
  readonly #process: ChildProcess;
  readonly #dir: string;
  #log = '';

  private constructor(url: string, child: ChildProcess, dir: string) {
    this.url = url;
    this.#process = child;
    this.#dir = dir;
    child.stdout?.on('data', (chunk: Buffer) => this.#append(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.#append(chunk));
  }

  /** Writes `config` (and `files`, e.g. rule files) to a temp dir and starts `prometheus` on it (with `extraArgs`). */
  static async start(config: object, files: Record<string, string> = {}, extraArgs: readonly string[] = []): Promise<PrometheusServer> {
    const binary = requireBinary('prometheus');
    const dir = mkdtempSync(join(tmpdir(), 'featurescope-prometheus-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, 'prometheus.yml'), stringify(config));
    const port = await freePort();
    const child = spawn(binary, [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
      ...extraArgs,
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    const server = new PrometheusServer(`http://127.0.0.1:${port}`, child, dir);
    await server.#waitReady();
    return server;
  }

  #append(chunk: Buffer): void {
    this.#log = (this.#log + chunk.toString()).slice(-8000);
  }

  async #waitReady(): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (this.#process.exitCode !== null) throw new Error(`prometheus exited with ${this.#process.exitCode}:\n${this.#log}`);
      try {
        if ((await fetch(`${this.url}/-/ready`)).ok) return;
      } catch {
        // Not listening yet.
      }
      await sleep(200);
    }
    throw new Error(`prometheus not ready after 30 s:\n${this.#log}`);
  }

  /** An instant query; throws on a Prometheus error. */
  async query(expr: string, time?: number): Promise<PromSample[]> {
    const params = new URLSearchParams({ query: expr });
    if (time !== undefined) params.set('time', String(time));
    const response = await fetch(`${this.url}/api/v1/query?${params.toString()}`);
    const body = (await response.json()) as { status: string; error?: string; data?: { resultType: string; result: unknown } };
    if (body.status !== 'success' || body.data === undefined) throw new Error(`query ${expr} failed: ${body.error ?? response.status}`);
    if (body.data.resultType === 'scalar') {
      const [t, v] = body.data.result as [number, string];
      return [{ metric: {}, value: [t, v] }];
    }
    return body.data.result as PromSample[];
  }

  /** The single value of a query that must return exactly one sample. */
  async value(expr: string, time?: number): Promise<number> {
    const samples = await this.query(expr, time);
    if (samples.length !== 1) throw new Error(`query ${expr} returned ${samples.length} samples, expected 1: ${JSON.stringify(samples)}`);
    return Number(samples[0]!.value[1]);
  }

  /** Polls `expr` until `accept(samples)` holds; returns the accepted samples. */
  async waitFor(expr: string, accept: (samples: PromSample[]) => boolean, timeoutMs = 30_000): Promise<PromSample[]> {
    const deadline = Date.now() + timeoutMs;
    let last: PromSample[] = [];
    while (Date.now() < deadline) {
      last = await this.query(expr);
      if (accept(last)) return last;
      await sleep(500);
    }
    throw new Error(`timed out waiting on ${expr}; last result ${JSON.stringify(last)}\nprometheus log:\n${this.#log}`);
  }

  /** Active targets and their health, e.g. to explain a failed scrape. */
  async targets(): Promise<{ health: string; lastError: string; scrapeUrl: string }[]> {
    const body = (await (await fetch(`${this.url}/api/v1/targets`)).json()) as { data: { activeTargets: { health: string; lastError: string; scrapeUrl: string }[] } };
    return body.data.activeTargets;
  }

  async stop(): Promise<void> {
    if (this.#process.exitCode === null) {
      const exited = new Promise((resolve) => this.#process.once('exit', resolve));
      this.#process.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (this.#process.exitCode === null) this.#process.kill('SIGKILL');
    }
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
