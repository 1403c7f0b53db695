import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'yaml';
import { REPO_DIR } from './paths.js';
import { freePort } from './prometheus-server.js';

/** featurescope's collector distribution, built by collector/build.sh (git-ignored). */
export const COLLECTOR_BINARY = join(REPO_DIR, 'collector', '_build', 'otelcol-featurescope');

/** The binary's path; fails with how to build it (the tests never skip silently). */
export function requireCollector(): string {
  try {
    accessSync(COLLECTOR_BINARY, constants.X_OK);
    return COLLECTOR_BINARY;
  } catch {
    throw new Error(`${COLLECTOR_BINARY} is missing: build it with \`bash collector/build.sh\` (Go and the Go module proxy)`);
  }
}

export interface RunResult {
  readonly code: number;
  readonly output: string;
}

/** Runs the collector binary with `args`; resolves with the exit code and combined output. */
export function runCollector(args: readonly string[], env: Record<string, string> = {}): Promise<RunResult> {
  const binary = requireCollector();
  return new Promise((resolve) => {
    execFile(binary, args, { timeout: 60_000, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/**
 * v0.161 renamed some component types; the old names still load as deprecated aliases, which the
 * shipped files keep so they also run on otelcol-contrib 0.139 (docker-compose.yml's image).
 * `components` lists only the new names.
 */
const DEPRECATED_ALIASES: Record<string, Record<string, string[]>> = {
  exporters: { otlp_grpc: ['otlp'], otlp_http: ['otlphttp'], load_balancing: ['loadbalancing'], prometheus_remote_write: ['prometheusremotewrite'] },
  connectors: { span_metrics: ['spanmetrics'] },
};

/** The component types compiled into the distribution (`otelcol-featurescope components`), with deprecated aliases. */
export async function distributionComponents(): Promise<Record<'receivers' | 'processors' | 'exporters' | 'connectors' | 'extensions', string[]>> {
  const { code, output } = await runCollector(['components']);
  if (code !== 0) throw new Error(`components failed: ${output}`);
  const { parse } = await import('yaml');
  const parsed = parse(output) as Record<string, { name: string }[] | undefined>;
  const names = (kind: string): string[] => (parsed[kind] ?? []).flatMap((c) => [c.name, ...(DEPRECATED_ALIASES[kind]?.[c.name] ?? [])]);
  return { receivers: names('receivers'), processors: names('processors'), exporters: names('exporters'), connectors: names('connectors'), extensions: names('extensions') };
}

/** A running collector on loopback ports with its own config file, for one test file. */
export class CollectorProcess {
  readonly healthUrl: string;
  readonly #process: ChildProcess;
  readonly #dir: string;
  #log = '';

  private constructor(healthUrl: string, child: ChildProcess, dir: string) {
    this.healthUrl = healthUrl;
    this.#process = child;
    this.#dir = dir;
    child.stdout?.on('data', (chunk: Buffer) => this.#append(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.#append(chunk));
  }

  /**
   * Starts the collector on `config`, with health_check on a free port (set here), and waits until
   * it reports healthy. Every other endpoint must already be a loopback address in `config`.
   */
  static async start(config: object, env: Record<string, string> = {}): Promise<CollectorProcess> {
    const binary = requireCollector();
    const healthPort = await freePort();
    const base = structuredClone(config) as { extensions?: object; service: { extensions?: string[]; telemetry?: unknown } };
    const withHealth = { ...base, extensions: { ...base.extensions, health_check: { endpoint: `127.0.0.1:${healthPort}` } } };
    const service = withHealth.service;
    service.extensions = [...new Set([...(service.extensions ?? []), 'health_check'])];
    // The collector's own metrics endpoint defaults to :8888: keep it off, other tests run in parallel.
    service.telemetry = { metrics: { level: 'none' }, logs: { level: 'warn' } };
    const dir = mkdtempSync(join(tmpdir(), 'featurescope-otelcol-'));
    const file = join(dir, 'config.yaml');
    writeFileSync(file, stringify(withHealth));
    const child = spawn(binary, [`--config=${file}`], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const collector = new CollectorProcess(`http://127.0.0.1:${healthPort}/`, child, dir);
    await collector.#waitHealthy();
    return collector;
  }

  get log(): string {
    return this.#log;
  }

  #append(chunk: Buffer): void {
    this.#log = (this.#log + chunk.toString()).slice(-20_000);
  }

  async #waitHealthy(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.#process.exitCode !== null) throw new Error(`collector exited with ${this.#process.exitCode}:\n${this.#log}`);
      try {
        if ((await fetch(this.healthUrl)).ok) return;
      } catch {
        // Not listening yet.
      }
      await sleep(200);
    }
    throw new Error(`collector not healthy after 60 s:\n${this.#log}`);
  }

  async stop(): Promise<void> {
    if (this.#process.exitCode === null) {
      const exited = new Promise((resolve) => this.#process.once('exit', resolve));
      this.#process.kill('SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
      if (this.#process.exitCode === null) this.#process.kill('SIGKILL');
    }
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
