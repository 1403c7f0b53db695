#!/usr/bin/env bash
# Builds featurescope's OpenTelemetry Collector distribution with the upstream builder (ocb) from
# the Go module proxy: collector/_build/otelcol-featurescope (git-ignored, like the generated main).
# Only the Go module proxy is used; the module cache ($(go env GOMODCACHE)) makes rebuilds fast.
set -euo pipefail
cd "$(dirname "$0")"
export GOFLAGS=-mod=mod
# The module proxy only: no fallback to version-control hosts, which cannot be reached here.
GOPROXY="$(go env GOPROXY | sed -E 's/[,|]direct$//')"
export GOPROXY
start=$(date +%s)
go run go.opentelemetry.io/collector/cmd/builder@v0.161.0 --config builder-config.yaml "$@"
echo "collector built in $(( $(date +%s) - start )) s: $(pwd)/_build/otelcol-featurescope"
