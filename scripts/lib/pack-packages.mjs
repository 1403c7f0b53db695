// Packs every publishable workspace package (packages/*, not private) into a folder, for the checks
// that install featurescope the way a user does: from tarballs, not from the workspace links.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..', '..');

/** Runs npm in `cwd` and returns what it printed on stdout. */
export const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

/** The publishable packages: `{ dir, manifest }` for each non-private packages/* folder. */
export function publishablePackages() {
  return readdirSync(join(repoRoot, 'packages'))
    .map((dir) => join(repoRoot, 'packages', dir))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private);
}

/** Packs each publishable package into `destination`; returns `{ name, tarball }` per package. */
export function packPackages(destination) {
  return publishablePackages().map(({ dir, manifest }) => {
    const [info] = JSON.parse(npm(['pack', '--json', '--pack-destination', destination], dir));
    return { name: manifest.name, manifest, tarball: join(destination, info.filename) };
  });
}
