import { spawn, type ChildProcess } from 'node:child_process';

/** A service started as `npm start` runs it, with its JSON log lines collected. */
export interface ServiceProcess {
  readonly child: ChildProcess;
  /** Parsed JSON log lines from stdout, in order. */
  readonly logs: Record<string, unknown>[];
  /** Non-JSON stdout and all stderr. */
  readonly otherOutput: string[];
  /** Resolves with the first log line `probe` accepts; rejects after `timeoutMs` or when the process exits. */
  waitForLog(probe: (line: Record<string, unknown>) => boolean, timeoutMs?: number, description?: string): Promise<Record<string, unknown>>;
  /** Resolves with the exit code (or the signal name). */
  readonly exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<number | string>;
}

/** Spawns `node <args>` in `cwd` with `env` added to this process's environment. */
export function startServiceProcess(cwd: string, args: readonly string[], env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: Record<string, unknown>[] = [];
  const otherOutput: string[] = [];
  const waiters = new Set<() => void>();
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        otherOutput.push(line);
      }
    }
    for (const wake of waiters) wake();
  });
  child.stderr.on('data', (chunk: Buffer) => otherOutput.push(chunk.toString()));
  let exitedAlready = false;
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      exitedAlready = true;
      for (const wake of waiters) wake();
      resolve(code ?? signal ?? 'unknown');
    }),
  );

  const waitForLog = (probe: (line: Record<string, unknown>) => boolean, timeoutMs = 60_000, description = 'log line'): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = logs.find(probe);
        if (found !== undefined) return finish(() => resolve(found));
        if (exitedAlready) finish(() => reject(new Error(`process exited before ${description}; output:\n${otherOutput.join('')}\n${JSON.stringify(logs.slice(-5))}`)));
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`no ${description} within ${timeoutMs} ms; output:\n${otherOutput.join('')}\n${JSON.stringify(logs.slice(-5))}`))), timeoutMs);
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        waiters.delete(check);
        settle();
      };
      waiters.add(check);
      check();
    });

  return {
    child,
    logs,
    otherOutput,
    waitForLog,
    exited,
    async stop(graceMs = 15_000) {
      if (exitedAlready) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Polls `probe` every 50 ms until it returns something other than `undefined`/`false`. */
export async function waitUntil<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs: number, description: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const result = await probe();
      if (result !== undefined && result !== false) return result;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`${description}: not reached within ${timeoutMs} ms${lastError ? ` (last error: ${lastError instanceof Error ? lastError.message : JSON.stringify(lastError)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
