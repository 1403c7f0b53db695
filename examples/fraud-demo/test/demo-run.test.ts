import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const demoDir = fileURLToPath(new URL('..', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs the built demo as `npm run demo` does, scraping /metrics while it runs. */
async function runDemo(seconds: number, env: Record<string, string>, onRunning?: (stdout: () => string) => Promise<void>): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const child = spawn(process.execPath, ['--import', '@featurescope/otel/register', 'dist/main.js', '--duration', String(seconds), '--summary-every', '2', '--users', '300', '--drift-after', '0'], {
    cwd: demoDir,
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (onRunning) {
    try {
      await onRunning(() => stdout);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
  }
  const code = await exited;
  return { stdout, stderr, code };
}

async function scrapeWhenReady(url: string, mustContain: string, deadlineMs: number): Promise<string> {
  const deadline = Date.now() + deadlineMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      last = await (await fetch(url)).text();
      if (last.includes(mustContain)) return last;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${url} never showed ${mustContain}; last body:\n${last.slice(0, 2000)}`);
}

describe('npm run demo (embedded PGlite store)', () => {
  it('serves the documented metrics on the configured port, prints live summaries and exits cleanly', { timeout: 90_000 }, async () => {
    const port = await freePort();
    let body = '';
    let panelPage = '';
    const run = await runDemo(14, { OTEL_EXPORTER_PROMETHEUS_PORT: String(port), OTEL_SERVICE_NAME: 'fraud-demo-test', FEATURESCOPE_MONITOR_PORT: '0' }, async (stdout) => {
      body = await scrapeWhenReady(`http://127.0.0.1:${port}/metrics`, 'featurescope_values_read', 60_000);
      // The panel URL the demo prints serves the monitor's overview page.
      const panelUrl = /panel: (http:\/\/localhost:\d+\/)#feature=amount_avg_7d/.exec(stdout())![1]!;
      panelPage = await scrapeWhenReady(panelUrl.replace('localhost', '127.0.0.1'), '<feature-monitor-overview>', 30_000);
    });
    expect(panelPage).toContain('<script type="module" src="/panel.js"></script>');
    expect(run.stderr).not.toMatch(/Error|error/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`metrics: http://localhost:${port}/metrics`);
    expect(run.stdout).toMatch(/lookups +\d+\/s p99 [\d.]+ ms/);
    expect(run.stdout).toMatch(/stopping after \d+s/);
    for (const name of [
      'db_client_operation_duration_bucket',
      'featurescope_rows_written_total',
      'featurescope_values_read_total',
      'featurescope_vectors_written_total',
      'db_operation_name="lookup"',
      'db_collection_name="user_transactions"',
      'featurescope_feature_name="amount_avg_7d"',
      'service_name="fraud-demo-test"',
    ]) {
      expect(body).toContain(name);
    }
    // Entity ids never become metric labels.
    expect(body).not.toMatch(/user-\d{6}/);
  });
});
