import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A real Milvus Lite server (pip package `milvus-lite`) this test file started. */
export interface MilvusLite {
  /** `127.0.0.1:<port>`, for `new MilvusClient({ address })`. */
  readonly address: string;
  stop(): Promise<void>;
}

const launcher = fileURLToPath(new URL('./fixtures/milvus-lite-server.py', import.meta.url));
const PYTHON = process.env.FEATURESCOPE_PYTHON ?? 'python3';

/**
 * Starts Milvus Lite's gRPC server on an ephemeral loopback port with a fresh data directory, and
 * waits until it prints the port it listens on. Fails with install instructions when the Python
 * package is missing (`pip install -r requirements.txt`).
 */
export async function startMilvusLite(timeoutMs = 60_000): Promise<MilvusLite> {
  const dataDir = mkdtempSync(join(tmpdir(), 'featurescope-milvus-'));
  const child: ChildProcess = spawn(PYTHON, [launcher, join(dataDir, 'db')], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`Milvus Lite did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /LISTENING (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error) => fail(error));
    child.once('exit', (code) => fail(new Error(`Milvus Lite exited with ${code} before listening (pip install -r requirements.txt installs it):\n${output}`)));
  });
  return {
    address: `127.0.0.1:${port}`,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // Closing stdin stops the server gracefully; SIGKILL if it has not exited 10 s later.
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
