import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
    // Nor any database driver or backend: the monitor reaches the database only through an inspector it is given.
    expect(library.filter((m) => /\/node_modules\/(mysql2|pg|@electric-sql\/pglite)\/|\/packages\/(mysql2|postgres)\//.test(m))).toEqual([]);
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

  it('holds no SQL text and imports no database driver: the backends own both', () => {
    const src = join(packageDir, 'src');
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(join(src, file), 'utf8');
      expect(text, file).not.toMatch(/\b(SELECT\s[\s\S]{0,200}?\sFROM|INSERT\s+INTO|CREATE\s+(TABLE|INDEX)|UPDATE\s+\S+\s+SET)\b/);
      expect(text, file).not.toMatch(/from '(mysql2|mysql2\/promise|pg|@electric-sql\/pglite)'|import\('(mysql2|mysql2\/promise|pg|@electric-sql\/pglite)'\)/);
    }
  });
});
