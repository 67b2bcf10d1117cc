#!/usr/bin/env bash
# Makes sure the XMPP server the integration tests start (Prosody, Debian package "prosody") is installed.
# Root installs it with apt-get; anyone else is told what to install.
set -euo pipefail
if command -v prosody >/dev/null 2>&1 && command -v prosodyctl >/dev/null 2>&1 && command -v openssl >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "The tests need the Debian packages 'prosody' and 'openssl': run 'sudo apt-get install -y prosody openssl'." >&2
  exit 1
fi
echo "Installing the test XMPP server: apt-get install -y prosody openssl"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends prosody openssl >/dev/null
# The package starts a system-wide Prosody on 5222; the tests start their own on a free port and need no other.
(service prosody stop || pkill -x prosody || true) >/dev/null 2>&1
