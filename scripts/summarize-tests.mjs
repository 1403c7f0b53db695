#!/usr/bin/env node
// Adds up every vitest "Tests  N passed | M failed | K skipped (T)" line of a turbo test log into
// one closing line, so a reader (or CI) sees the whole monorepo's count at a glance.
import { readFileSync } from 'node:fs';

const strip = (line) => line.replace(/\u001b\[[0-9;]*m/g, '');
let passed = 0;
let failed = 0;
let skipped = 0;
let failedFiles = 0;
for (const line of readFileSync(process.argv[2], 'utf8').split('\n').map(strip)) {
  // A file that fails outside a test (a hook, an import) counts no failed test: count it here.
  const files = /\bTest Files\s+(\d+) failed/.exec(line);
  if (files) failedFiles += Number(files[1]);
  const match = /\bTests\s+(.*)\(\d+\)\s*$/.exec(line);
  if (!match) continue;
  for (const [, count, kind] of match[1].matchAll(/(\d+) (passed|failed|skipped)/g)) {
    if (kind === 'passed') passed += Number(count);
    else if (kind === 'failed') failed += Number(count);
    else skipped += Number(count);
  }
}
failed = Math.max(failed, failedFiles);
console.log(`tests: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
