import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const HOW_TO_INSTALL = 'install Debian\'s prometheus package with `bash collector-config/scripts/ensure-prometheus.sh` (apt-get install prometheus)';

/** Absolute path of a binary on PATH; fails with how to install it (tests must not skip silently). */
export function requireBinary(name: 'prometheus' | 'promtool'): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  throw new Error(`${name} not found on PATH: ${HOW_TO_INSTALL}`);
}

export interface RunResult {
  readonly code: number;
  readonly output: string;
}

/** Runs promtool; resolves with its exit code and combined output (never rejects on a non-zero exit). */
export function runPromtool(args: readonly string[], cwd: string): Promise<RunResult> {
  const promtool = requireBinary('promtool');
  return new Promise((resolve) => {
    execFile(promtool, args, { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}
