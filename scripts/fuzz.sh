#!/usr/bin/env bash
# Runs the cargo-fuzz targets one after another (the machine has 2 cores), each for
# SECONDS (default 600), starting from the committed seeds in fuzz/corpus/<target>/.
# New inputs go to fuzz/target/work-corpus/ (not committed); crashes to
# fuzz/artifacts/<target>/. Needs a nightly toolchain and `cargo install cargo-fuzz`.
# The seeds themselves are replayed on stable by `cargo test --test fuzz_corpus`.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
targets=${TARGETS:-"prose prose_parse kb config positions"}
for target in $targets; do
  work=fuzz/target/work-corpus/$target
  mkdir -p "$work"
  echo "== $target for ${seconds}s"
  cargo +nightly fuzz run --sanitizer none "$target" "$work" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    > "fuzz/target/$target.log" 2>&1 || echo "!! $target stopped on a finding: see fuzz/target/$target.log"
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb)|SUMMARY|panicked" "fuzz/target/$target.log" || true
done
