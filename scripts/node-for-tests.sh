#!/usr/bin/env bash
# Prints the path of a Node binary of the given major version (20, 22, 24, ...) for the CLI lane of
# the Node matrix in scripts/test-all.sh: the Node on PATH when it is that major, else the `node`
# package of the npm registry (it ships the binary), installed once into .cache/node/MAJOR/
# (git-ignored; delete it to fetch the latest release of that major again).
set -euo pipefail
major=${1:?usage: node-for-tests.sh MAJOR}
root=$(cd "$(dirname "$0")/.." && pwd)
if [[ $(node -p 'process.versions.node.split(".")[0]') == "$major" ]]; then
  command -v node
  exit 0
fi
dir="$root/.cache/node/$major"
bin="$dir/node_modules/.bin/node"
if ! "$bin" --version >/dev/null 2>&1; then
  rm -rf "$dir"
  mkdir -p "$dir"
  echo "node-for-tests: installing node@$major from the npm registry into $dir" >&2
  npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node@$major" >&2
fi
got=$("$bin" -p 'process.versions.node.split(".")[0]')
if [[ "$got" != "$major" ]]; then
  echo "node-for-tests: $bin is Node $got, not $major" >&2
  exit 1
fi
echo "$bin"
