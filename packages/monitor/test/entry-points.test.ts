import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const lister = fileURLToPath(new URL('fixtures/list-loaded-modules.mjs', import.meta.url));

/** Module files a fresh Node process loads for `import(specifier)`, resolved from this package. */
function modulesLoadedBy(specifier: string): string[] {
  const run = spawnSync(process.execPath, ['--import', lister, '--input-type=module', '-e', `await import(${JSON.stringify(specifier)});`], {
    cwd: packageDir,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.status, run.stderr).toBe(0);
  return run.stderr.split('\n').filter((line) => line !== '');
}

describe('entry points', { timeout: 120_000 }, () => {
  it('the library loads no OpenTelemetry SDK module; the CLI entry does', () => {
    const library = modulesLoadedBy('@featurescope/monitor');
    expect(library.some((m) => m.includes('/@featurescope/monitor/') || m.includes('/packages/monitor/'))).toBe(true);
    expect(library.filter((m) => /@opentelemetry\/sdk-/.test(m))).toEqual([]);
    const cli = modulesLoadedBy('@featurescope/monitor/cli');
    expect(cli.some((m) => /@opentelemetry\/sdk-node/.test(m))).toBe(true);
  });

  it('the committed bin shim is executable and prints the usage', () => {
    const staged = execFileSync('git', ['ls-files', '-s', 'bin/featurescope.mjs'], { cwd: packageDir, encoding: 'utf8' });
    expect(staged.split(' ')[0]).toBe('100755');
    const help = spawnSync(`${packageDir}/bin/featurescope.mjs`, ['monitor', '--help'], { encoding: 'utf8', timeout: 60_000 });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/featurescope monitor \[--store <url>\]/);
  });
});
