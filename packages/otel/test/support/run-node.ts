import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Directory of the child-process fixtures; children run with it as cwd. */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export interface NodeRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The object the fixture printed on its `RESULT ` line, if any. */
  readonly result: Record<string, unknown> | undefined;
}

/**
 * Runs `node <args>` in the fixtures directory with a clean OTEL_* environment plus `env`,
 * so the runner's own variables never leak into what a test asserts.
 */
export function runNode(args: readonly string[], env: Record<string, string>, timeoutMillis = 30_000): Promise<NodeRun> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OTEL_') && !key.startsWith('NODE_OPTIONS')));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args], { cwd: FIXTURES, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`node ${args.join(' ')} did not exit within ${timeoutMillis} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMillis);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('RESULT '));
      resolve({ code, stdout, stderr, result: line === undefined ? undefined : (JSON.parse(line.slice('RESULT '.length)) as Record<string, unknown>) });
    });
  });
}

/** Lines this package printed (they all start with its prefix). */
export function packageLines(output: string): string[] {
  return output.split('\n').filter((line) => line.includes('[@featurescope/otel]'));
}
