#!/usr/bin/env bash
# Create the virtualenv. Debian and Ubuntu ship Python without `venv` (package python3-venv):
# install it when we may (root or passwordless sudo), otherwise say what to run.
set -euo pipefail
python=${1:-python3}
venv=${2:-.venv}
if "$python" -m venv "$venv" 2>/dev/null; then
  exit 0
fi
rm -rf "$venv"
version=$("$python" -c 'import sys; print(f"{sys.version_info.major}.{sys.version_info.minor}")')
packages="python3-venv python${version}-venv"
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null 2>&1 \
    || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
else
  echo "Python's venv module is missing: run 'sudo apt-get install python3-venv', then 'make run' again." >&2
  exit 1
fi
"$python" -m venv "$venv"
