#!/usr/bin/env bash
# Installs Debian's `prometheus` package (the server and promtool) when either binary is missing.
# The collector-config tests run `promtool check/test` and start a real Prometheus server.
# Needs root (or sudo) and a reachable Debian mirror; does nothing when both binaries exist.
set -euo pipefail

if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then
  echo "prometheus: $(prometheus --version 2>&1 | head -n 1)"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "ensure-prometheus: need root or sudo to install the 'prometheus' package" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
# --no-install-recommends: the server and promtool only, not the node exporter or the web assets' extras.
$SUDO apt-get install -y --no-install-recommends prometheus

# The package's postinst may start a system service on :9090; the tests start their own server,
# so stop it where a service manager exists (containers usually have none).
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prometheus 2>/dev/null; then
  $SUDO systemctl stop prometheus || true
fi

echo "prometheus: $(prometheus --version 2>&1 | head -n 1)"
