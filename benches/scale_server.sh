#!/usr/bin/env bash
# The release server and `byline check` with a 1,000,000-entity KB file: the synthetic
# KB of benches/scale.rs, written once to target/scale/ (about 2 minutes to build) and
# mapped by the server as a user's compiled KB (`byline kb compile`) would be.
# Prints `byline check`'s time and peak memory on the example story, then the LSP
# latency figures of benches/lsp_latency.py and the server's resident memory.
# Usage: bash benches/scale_server.sh [edits] [entities]
set -euo pipefail
cd "$(dirname "$0")/.."
edits=${1:-50}
entities=${2:-1000000}
kb=$PWD/target/scale/$entities.kb
mkdir -p target/scale
cargo build --release --quiet
bin=$PWD/target/release/byline
# Built again when missing or written by an older format version.
if ! "$bin" kb stats --no-default-kb --kb "$kb" >/dev/null 2>&1; then
  BYLINE_SCALE_ENTITIES=$entities BYLINE_SCALE_OUT=$kb cargo bench --bench scale -- --test >&2
fi
echo "KB: $kb ($(du -h "$kb" | cut -f1))"
python3 - "$bin" "$kb" <<'PY'
import resource, statistics, subprocess, sys, time
binary, kb = sys.argv[1:]
times = []
for _ in range(5):
    start = time.perf_counter()
    subprocess.run([binary, "check", "--kb", kb, "examples/moscow-talks.md"], stdout=subprocess.DEVNULL)
    times.append(time.perf_counter() - start)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"byline check with the KB: median {statistics.median(times) * 1000:.1f} ms, peak RSS {peak:.1f} MB")
PY
BYLINE_BENCH_KB=$kb python3 benches/lsp_latency.py "$bin" "$edits" ../shared/data/news/articles.jsonl
