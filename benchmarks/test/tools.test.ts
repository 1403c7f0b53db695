import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The README's profiling and side-by-side commands, run as written (from dist/: `npm test` builds first).
const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(root, '.tools-test-'));
const run = (command: string, args: string[], env: Record<string, string> = {}): string =>
  execFileSync(command, args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('benchmark tools', () => {
  it('profiles the traced lookup with node --cpu-prof and summarises where the time went', () => {
    const dir = join(scratch, 'prof');
    expect(run('node', ['--cpu-prof', `--cpu-prof-dir=${dir}`, 'dist/profile/profile-hot-path.js', '--variant', 'traces', '--case', 'lookup10', '--seconds', '0.3'])).toMatch(/profiled \d+ lookup10 calls of traces/);
    const [file] = readdirSync(dir);
    const summary = run('node', ['dist/profile/profile-hot-path.js', '--summarize', join(dir, file!), '--top', '10']);
    expect(summary).toMatch(/self time by package:/);
    expect(summary).toMatch(/@opentelemetry\/sdk-trace-base/);
    expect(summary).toMatch(/@featurescope\/core/);
  }, 120_000);

  it('measures a core build side by side with a snapshot of it (--core-before)', () => {
    const snapshot = join(scratch, 'core-before');
    run('bash', ['scripts/snapshot-core.sh'], { FSBENCH_CORE_SNAPSHOT: snapshot });
    const out = join(scratch, 'results');
    run('node', ['--expose-gc', 'dist/cli.js', '--micro-only', '--micro-cases', 'lookup10', '--micro-variants', 'metrics', '--micro-reps', '2', '--micro-scale', '0.01', '--node-lines', 'none', '--core-before', join(snapshot, 'dist/esm/index.js'), '--out', out]);
    const report = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as { micro: { variant: string; status: string; changeNsPerCall?: { difference: number } }[] };
    expect(report.micro.map((m) => `${m.variant}:${m.status}`).sort()).toEqual(['metrics:ok', 'metrics@before:ok', 'raw:ok']);
    expect(typeof report.micro.find((m) => m.variant === 'metrics')!.changeNsPerCall?.difference).toBe('number');
    expect(readFileSync(join(out, 'latest.md'), 'utf8')).toMatch(/## Goals \(issue 18\)/);
  }, 120_000);

  it('prices the hot path’s single operations', () => {
    const lines = run('node', ['dist/profile/hot-spots.js', '--reps', '1', '--iterations', '2000']).trim().split('\n');
    expect(lines[0]).toMatch(/CPU ns per operation/);
    expect(lines.length).toBe(12);
    for (const line of lines.slice(1)) expect(line).toMatch(/^\s+\d+ \[\d+, \d+\] {2}\S/);
  }, 120_000);
});
