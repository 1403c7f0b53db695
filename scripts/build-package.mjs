#!/usr/bin/env node
// Builds the package in the current directory twice from one source tree:
// dist/esm (ESM, the package is "type": "module") and dist/cjs (CommonJS),
// each with its own declarations, so `import` and `require` both get types.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const run = (args) => execFileSync(process.execPath, [tsc, ...args], { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });
run(['-p', 'tsconfig.build.json', '--outDir', 'dist/esm']);
run(['-p', 'tsconfig.build.json', '--outDir', 'dist/cjs', '--module', 'commonjs', '--moduleResolution', 'node10']);
mkdirSync('dist/cjs', { recursive: true });
// Node decides ESM vs CJS by the nearest package.json; this one makes dist/cjs CommonJS.
writeFileSync('dist/cjs/package.json', '{ "type": "commonjs" }\n');
