#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine (Debian packages for the real
# registry, daemons and builders; npm packages), builds, and runs every test; then the CLI lane
# (the built CLI as a user runs it: test/cli, the explorer in tmux) again on each other Node
# version the package supports (engines), Node 22 and 24 taken from the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh
npm ci --no-audit --no-fund
npm run build
npm run typecheck
npm run lint
npm test -- "$@"

CLI_LANE=(test/cli test/tui/e2e-tmux.test.ts)
running=$(node -p 'process.versions.node.split(".")[0]')
for major in 20 22 24; do
  if [[ "$major" == "$running" ]]; then continue; fi # the whole suite above ran on it
  node_bin=$(bash scripts/node-for-tests.sh "$major")
  echo "test-all: the CLI lane on $("$node_bin" --version) ($node_bin)"
  LAYERLINT_TEST_NODE="$node_bin" npm test -- "$@" "${CLI_LANE[@]}"
done
