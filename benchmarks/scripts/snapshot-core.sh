#!/usr/bin/env bash
# Copies the current build of @featurescope/core (packages/core/dist) to benchmarks/.core-before/,
# so a change to core can be measured side by side with the code before it, in one run:
#   npm run build -w @featurescope/core && bash benchmarks/scripts/snapshot-core.sh
#   (edit core, rebuild)
#   npm run bench -w @featurescope/benchmarks -- --micro-only --core-before .core-before/dist/esm/index.js
# The copy resolves @opentelemetry/api from the repository's node_modules, like the real build;
# FSBENCH_CORE_SNAPSHOT sets another directory (it must be inside the repository for that).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dest="${FSBENCH_CORE_SNAPSHOT:-$here/.core-before}"
rm -rf "$dest"
mkdir -p "$dest"
cp -r "$here/../packages/core/dist" "$dest/dist"
printf '{ "type": "module", "private": true }\n' > "$dest/package.json"
echo "snapshot of packages/core/dist ($(git -C "$here" rev-parse --short HEAD)) in $dest"
