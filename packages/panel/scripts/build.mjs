#!/usr/bin/env node
// Builds @featurescope/panel: the browser bundle (one minified ES module with Lit inside, made by
// esbuild), its declarations, and the small Node entry that tells servers where the bundle is.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
await build({
  entryPoints: ['src/components.ts'],
  outfile: 'dist/featurescope-panel.js',
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  legalComments: 'eof',
  logLevel: 'warning',
});
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
copyFileSync('entry/index.js', 'dist/index.js');
copyFileSync('entry/index.cjs', 'dist/index.cjs');
copyFileSync('entry/index.d.ts', 'dist/index.d.ts');
copyFileSync('entry/index.d.ts', 'dist/index.d.cts');
