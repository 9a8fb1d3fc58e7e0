#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine (Debian packages for the real
# registry, daemons and builders; npm packages), builds, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh
npm ci --no-audit --no-fund
npm run build
npm run typecheck
npm run lint
npm test -- "$@"
