#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what the tests need (a Python venv
# for the LSP end-to-end tests), builds the release binary, runs the Rust tests and
# the end-to-end tests against the real binary over stdio.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== format and lint"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --quiet -- -D warnings

echo "== build (release)"
cargo build --release --quiet

echo "== Rust tests"
cargo test --workspace --quiet

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
BYLINE_BIN="$PWD/target/release/byline" "$venv/bin/pytest" -q tests/e2e -p no:cacheprovider
