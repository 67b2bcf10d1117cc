#!/usr/bin/env bash
# Makes sure the reference sender of the component benchmark (SendThroughputBench --transport component), slixmpp's
# ComponentXMPP (Debian package "python3-slixmpp"), is installed. The benchmark runs it; no test needs it, so the
# build does not. It is Debian's Python (/usr/bin/python3) that has it, whatever python3 comes first on the PATH.
# Root installs it with apt-get; anyone else is told what to install.
set -euo pipefail
if /usr/bin/python3 -c 'import slixmpp' >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "The component benchmark needs the Debian package 'python3-slixmpp': run 'sudo apt-get install -y python3-slixmpp'." >&2
  exit 1
fi
echo "Installing the component benchmark's reference sender: apt-get install -y python3-slixmpp"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends python3-slixmpp >/dev/null
