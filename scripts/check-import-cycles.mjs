#!/usr/bin/env node
// Fails when a package's source has an import cycle (type-only imports included: they couple
// modules as much for a reader), or when workspace packages depend on each other in a cycle.
// Usage: node scripts/check-import-cycles.mjs   (run by `npm run lint`)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const IMPORT = /(?:^|[^\w.])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(m|c)?ts$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The file a relative specifier names (`./x.js` is `./x.ts` in source). */
function resolveRelative(from, specifier) {
  const base = resolve(dirname(from), specifier);
  const candidates = [base.replace(/\.(m|c)?js$/, '.$1ts'), `${base}.ts`, join(base, 'index.ts'), base];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/** Strongly connected components with more than one node, or a self-loop (Tarjan). */
function cycles(graph) {
  let index = 0;
  const stack = [];
  const meta = new Map();
  const found = [];
  const visit = (v) => {
    meta.set(v, { index, low: index, onStack: true });
    index++;
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!meta.has(w)) {
        visit(w);
        meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).low);
      } else if (meta.get(w).onStack) {
        meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).index);
      }
    }
    if (meta.get(v).low === meta.get(v).index) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        meta.get(w).onStack = false;
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!meta.has(v)) visit(v);
  return found;
}

const workspaces = ['packages', 'examples']
  .filter((d) => existsSync(join(root, d)))
  .flatMap((d) => readdirSync(join(root, d)).map((name) => join(root, d, name)))
  .filter((dir) => existsSync(join(dir, 'package.json')));

// Cycles known when this check was added, inside the quality engine that is being split by job;
// delete a line when its cycle is gone (a listed cycle that no longer exists is reported).
// Cycles accepted for now (none): a new one fails the check, a fixed one must be removed from here.
const KNOWN = new Set([]);

const problems = [];
const packageGraph = new Map();
const names = new Map(workspaces.map((dir) => [JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name, dir]));
for (const dir of workspaces) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  // Run-time dependencies only: a dev dependency on a sibling (for tests) is not a layering edge.
  const deps = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }).filter((n) => names.has(n));
  packageGraph.set(manifest.name, deps);
  const src = join(dir, 'src');
  if (!existsSync(src)) continue;
  const graph = new Map();
  for (const file of sourceFiles(src)) {
    const text = readFileSync(file, 'utf8');
    const edges = [];
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      if (!specifier.startsWith('.')) continue;
      const target = resolveRelative(file, specifier);
      if (target !== undefined) edges.push(target);
    }
    graph.set(file, edges);
  }
  for (const component of cycles(graph)) problems.push(`import cycle in ${relative(root, dir)}: ${component.map((f) => relative(dir, f)).join(' <-> ')}`);
}
for (const component of cycles(packageGraph)) problems.push(`dependency cycle between packages: ${component.join(' <-> ')}`);

for (const known of KNOWN) if (!problems.includes(known)) console.log(`no longer a cycle, remove it from KNOWN: ${known}`);
const fresh = problems.filter((p) => !KNOWN.has(p));
if (fresh.length > 0) {
  for (const p of fresh) console.error(p);
  process.exit(1);
}
console.log(`no new import cycles (${workspaces.length} workspaces, ${problems.length} known)`);
