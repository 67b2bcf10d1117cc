#!/usr/bin/env bash
# Makes sure the second XMPP server the integration tests start (ejabberd, Debian package "ejabberd") is installed.
# Root installs it with apt-get; anyone else is told what to install. The tests start their own ejabberd (see
# Ejabberd.java), so the system-wide one the package starts, and its epmd, are stopped.
set -euo pipefail
if command -v ejabberdctl >/dev/null 2>&1 && command -v erl >/dev/null 2>&1 && command -v openssl >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "The tests need the Debian packages 'ejabberd' and 'openssl': run 'sudo apt-get install -y ejabberd openssl'." >&2
  exit 1
fi
echo "Installing the second test XMPP server: apt-get install -y ejabberd openssl"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends ejabberd openssl >/dev/null
# The package starts a system-wide ejabberd on 5222 (and epmd on 4369); the tests start their own.
(service ejabberd stop || true) >/dev/null 2>&1
(pkill -u ejabberd -x beam.smp || true) >/dev/null 2>&1
(epmd -kill || true) >/dev/null 2>&1
