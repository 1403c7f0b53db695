#!/usr/bin/env node
// The public API report: every export of every package entry point (value or type), compared with
// the committed list in <package>/api/<entry>.txt so that exports change only on purpose.
// Usage: node scripts/check-api.mjs            (run by `npm run lint`; fails on any difference)
//        node scripts/check-api.mjs --update   (rewrites the lists after an intended change)
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

const ts = createRequire(import.meta.url)('typescript');
const root = resolve(import.meta.dirname, '..');
const update = process.argv.includes('--update');

/** `./dist/esm/cli/index.js` → `src/cli/index.ts` (or `.mts`). */
function sourceOf(dir, target) {
  const stem = target.replace(/^\.\/dist\/esm\//, 'src/').replace(/\.(m)?js$/, '');
  return [`${stem}.ts`, `${stem}.mts`].map((f) => join(dir, f)).find((f) => existsSync(f));
}

function entriesOf(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (manifest.private === true || manifest.exports === undefined) return [];
  const out = [];
  for (const [subpath, spec] of Object.entries(manifest.exports)) {
    const target = typeof spec === 'string' ? spec : (spec.import?.default ?? spec.import ?? spec.default);
    if (typeof target !== 'string' || !target.startsWith('./dist/esm/')) continue;
    const source = sourceOf(dir, target);
    if (source !== undefined) out.push({ subpath, source });
  }
  return out;
}

const packages = readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name)).filter((dir) => existsSync(join(dir, 'package.json')));
const entries = packages.flatMap((dir) => entriesOf(dir).map((entry) => ({ dir, ...entry })));
const program = ts.createProgram(
  entries.map((e) => e.source),
  { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true, skipLibCheck: true, strict: true },
);
const checker = program.getTypeChecker();

/** `value name` or `type name` per export, sorted. */
function exportsOf(source) {
  const file = program.getSourceFile(source);
  const moduleSymbol = file === undefined ? undefined : checker.getSymbolAtLocation(file);
  if (moduleSymbol === undefined) return [];
  return checker
    .getExportsOfModule(moduleSymbol)
    .map((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const isValue = (target.flags & ts.SymbolFlags.Value) !== 0;
      return `${isValue ? 'value' : 'type'} ${symbol.getName()}`;
    })
    .sort();
}

let differences = 0;
for (const { dir, subpath, source } of entries) {
  const listFile = join(dir, 'api', `${subpath === '.' ? 'index' : subpath.replace(/^\.\//, '').replace(/\//g, '-')}.txt`);
  const actual = exportsOf(source);
  const text = `${actual.join('\n')}\n`;
  if (update) {
    mkdirSync(join(dir, 'api'), { recursive: true });
    writeFileSync(listFile, text);
    continue;
  }
  const expected = existsSync(listFile) ? readFileSync(listFile, 'utf8').split('\n').filter((l) => l !== '') : [];
  const added = actual.filter((l) => !expected.includes(l));
  const removed = expected.filter((l) => !actual.includes(l));
  if (added.length + removed.length === 0) continue;
  differences++;
  console.error(`${relative(root, listFile)} (${relative(root, source)}):`);
  for (const l of added) console.error(`  + ${l}`);
  for (const l of removed) console.error(`  - ${l}`);
}
if (differences > 0) {
  console.error('The public API changed: if on purpose, run `node scripts/check-api.mjs --update` and commit the lists.');
  process.exit(1);
}
console.log(update ? `wrote ${entries.length} API lists` : `public API unchanged (${entries.length} entry points)`);
