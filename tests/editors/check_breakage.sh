#!/usr/bin/env bash
# Shows that the editor tests catch a broken server: runs the Neovim test and the VS
# Code extension's node:test suite once per BYLINE_BREAK mode of broken_server.py and
# prints which checks failed. Every mode must make both suites fail; the script exits
# non-zero if one does not. By hand, after `bash scripts/test.sh` has installed things:
#
#   bash tests/editors/check_breakage.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
nvim=${NVIM:-target/e2e-venv/bin/nvim}
export BYLINE_REAL_BIN="$root/target/release/byline"
export BYLINE_BIN="$root/tests/editors/broken_server.py"
modes=(no-diagnostics wrong-code no-hover token-types no-fix-all partial-fix partial-rename ignore-settings crash)
missed=0
for mode in "${modes[@]}"; do
  export BYLINE_BREAK=$mode
  nvim_out=$("$nvim" --headless --clean -l tests/editors/neovim_test.lua 2>/dev/null)
  nvim_rc=$?
  node_out=$(cd editors/vscode && node --test --test-reporter=spec out/test/ 2>&1)
  node_rc=$?
  echo "== $mode"
  echo "  neovim (exit $nvim_rc): $(grep -c '^not ok' <<<"$nvim_out") failed"
  grep '^not ok' <<<"$nvim_out" | sed 's/^/    /'
  echo "  node:test (exit $node_rc): $(grep -E '^ℹ fail' <<<"$node_out" | cut -d' ' -f3) failed, $(grep -E '^ℹ cancelled' <<<"$node_out" | cut -d' ' -f3) cancelled"
  sed -n '/failing tests:/,$p' <<<"$node_out" | grep -E '^✖ ' | grep -v 'failing tests:' | sort -u | sed 's/^/    /'
  if [ "$nvim_rc" -eq 0 ] || [ "$node_rc" -eq 0 ]; then
    echo "  !! a suite passed against a broken server"
    missed=1
  fi
done
exit $missed
