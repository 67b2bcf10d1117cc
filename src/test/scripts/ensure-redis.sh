#!/usr/bin/env bash
# Makes sure the shared store the tests start for gateway.store=redis (Debian package "redis-server") is installed.
# Root installs it with apt-get; anyone else is told what to install.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "The tests need the Debian package 'redis-server': run 'sudo apt-get install -y redis-server'." >&2
  exit 1
fi
echo "Installing the test shared store: apt-get install -y redis-server"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends redis-server >/dev/null
# The package starts a system-wide Redis on 6379; the tests start their own on a free port and need no other.
(service redis-server stop || true) >/dev/null 2>&1
