#!/usr/bin/env bash
# Keystroke, semantic-token and hover latency of the release server over stdio, on a
# 5,000-word story (see benches/lsp_latency.py).
# Usage: bash benches/lsp_latency.sh [edits] [corpus.jsonl]
set -euo pipefail
cd "$(dirname "$0")/.."
edits=${1:-200}
corpus=${2:-../shared/data/news/articles.jsonl}
cargo build --release --quiet
python3 benches/lsp_latency.py "$PWD/target/release/byline" "$edits" "$corpus"
