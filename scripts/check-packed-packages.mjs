#!/usr/bin/env node
// Packs every publishable package, installs the tarballs into a scratch project, and checks that
// each one can be both imported (ESM) and required (CJS) with its declared exports and types.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { npm, packPackages } from './lib/pack-packages.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'featurescope-pack-'));
const packages = packPackages(scratch);
const tarballs = packages.map(({ tarball }) => tarball);

writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'pack-check', private: true, type: 'module' }));
npm(['install', '--no-audit', '--no-fund', '--ignore-scripts', '@opentelemetry/api@^1.9.0', ...tarballs], scratch);

let failures = 0;
for (const { manifest } of packages) {
  const name = manifest.name;
  const subpaths = Object.keys(manifest.exports).filter((key) => key !== './package.json');
  for (const subpath of subpaths) {
    const specifier = subpath === '.' ? name : `${name}/${subpath.slice(2)}`;
    const entry = manifest.exports[subpath];
    const checks = [];
    if (entry.import) checks.push(['import', `const m = await import(${JSON.stringify(specifier)}); if (Object.keys(m).length === 0 && ${subpath === '.'}) throw new Error('no exports');`, 'mjs']);
    if (entry.require) checks.push(['require', `const m = require(${JSON.stringify(specifier)}); if (Object.keys(m).length === 0 && ${subpath === '.'}) throw new Error('no exports');`, 'cjs']);
    for (const [kind, code, ext] of checks) {
      const file = join(scratch, `check.${ext}`);
      writeFileSync(file, code);
      try {
        // Side-effect entries (register) must not keep the process alive or fail on load.
        execFileSync(process.execPath, [file], { cwd: scratch, stdio: 'pipe', timeout: 20_000, env: { ...process.env, OTEL_METRICS_EXPORTER: 'none', OTEL_TRACES_EXPORTER: 'none' } });
        console.log(`ok   ${kind.padEnd(7)} ${specifier}`);
      } catch (error) {
        failures++;
        console.error(`FAIL ${kind.padEnd(7)} ${specifier}\n${error.stderr?.toString() ?? error.message}`);
      }
      for (const condition of [kind === 'import' ? entry.import : entry.require]) {
        const types = typeof condition === 'object' ? condition.types : undefined;
        const pkgDir = join(scratch, 'node_modules', ...name.split('/'));
        if (types && !existsSync(join(pkgDir, types))) {
          failures++;
          console.error(`FAIL types   ${specifier}: ${types} is not in the tarball`);
        }
      }
    }
  }
}
console.log(failures === 0 ? `packed packages: all ${packages.length} import and require cleanly` : `${failures} packed-package check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
