#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (Playwright cannot download its own browser on an
# intranet). Install it when it is missing and we may; otherwise say what to do.
set -euo pipefail
if [ -x /usr/bin/chromium ] || [ -n "${PLAYWRIGHT_CHROMIUM:-}" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "The browser tests need Chromium: run 'sudo apt-get install chromium' (or set PLAYWRIGHT_CHROMIUM to a Chromium binary)." >&2
  exit 1
fi
