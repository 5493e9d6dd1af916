#!/usr/bin/env bash
# Installs the Sentry SDK for Node.js (@sentry/node 11.12.0) from npm, for the test that runs the
# dashboard's Node.js setup snippet as a user pastes it; a no-op when present.
# --ignore-scripts: nothing of it needs an install script, and none may reach past the npm registry.
set -euo pipefail
cd "$(dirname "$0")"
if [[ -f node_modules/@sentry/node/package.json ]] \
    && grep -q '"version": "11.12.0"' node_modules/@sentry/node/package.json; then
  exit 0
fi
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
