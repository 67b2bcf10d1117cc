#!/usr/bin/env bash
# Makes sure kubectl, which K8sManifestsTest renders k8s/ with ("kubectl kustomize"), is installed (Debian package
# "kubernetes-client"). Root installs it with apt-get; anyone else is told what to install.
set -euo pipefail
if command -v kubectl >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "The tests need kubectl, Debian package 'kubernetes-client': run 'sudo apt-get install -y kubernetes-client'." >&2
  exit 1
fi
echo "Installing kubectl for the manifest test: apt-get install -y kubernetes-client"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends kubernetes-client >/dev/null
