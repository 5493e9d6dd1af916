#!/usr/bin/env bash
# Installs sentry-cli 3.8.0 from npm (the binary ships inside @sentry/cli-<platform>); a no-op when present.
# --ignore-scripts: the postinstall would try a CDN this network cannot reach, and is not needed.
set -euo pipefail
cd "$(dirname "$0")"
if [[ -x node_modules/.bin/sentry-cli ]] && node_modules/.bin/sentry-cli --version 2>/dev/null | grep -q '3.8.0'; then
  exit 0
fi
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
