#!/usr/bin/env bash
# The crate graph is the architecture (ARCHITECTURE.md, "Crates and walls"): this
# script fails when a crate reaches past its wall, so a slip fails the build instead of
# waiting for a reviewer. It reads `cargo tree` (normal and build edges: what ships).
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
# forbid CRATE DEPENDENCY... : fails when any DEPENDENCY is in CRATE's shipped tree.
forbid() {
  local crate=$1
  shift
  local tree
  tree=$(cargo tree -p "$crate" -e normal,build --prefix none --offline 2>/dev/null \
    || cargo tree -p "$crate" -e normal,build --prefix none)
  for dependency in "$@"; do
    if awk '{print $1}' <<<"$tree" | grep -qx "$dependency"; then
      echo "crate walls: $crate depends on $dependency (cargo tree -p $crate -i $dependency shows the path)" >&2
      status=1
    fi
  done
}

# Command-line, importer and dump-format crates stay out of the analysis and the server.
front_end_and_import=(clap indicatif annotate-snippets csv flate2 bzip2 yaml_serde serde_yaml serde-saphyr yaml-rust yaml-rust2 byline-kb-import)
forbid byline-core "${front_end_and_import[@]}" tokio tower-lsp-server byline-lsp byline-desk byline-atomic-file tempfile
forbid byline-lsp "${front_end_and_import[@]}"
forbid byline-desk "${front_end_and_import[@]}" tokio tower-lsp-server byline-lsp
forbid byline-kb "${front_end_and_import[@]}" tokio tower-lsp-server byline-core byline-lsp
forbid byline-kb-import clap indicatif tokio tower-lsp-server byline-core byline-lsp

if [ "$status" -eq 0 ]; then
  echo "crate walls: ok (byline-kb, byline-core, byline-desk, byline-lsp, byline-kb-import)"
fi
exit "$status"
