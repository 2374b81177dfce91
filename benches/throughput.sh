#!/usr/bin/env bash
# Batch throughput of the release binary on the shared news corpus: writes every
# article of ../shared/data/news/articles.jsonl to a temporary directory as a .txt file,
# then times `byline check --format json DIR` (process start to exit, KB load included)
# with 1 thread and with all cores (rayon, RAYON_NUM_THREADS).
# Usage: bash benches/throughput.sh [runs] [corpus.jsonl]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
corpus=${2:-../shared/data/news/articles.jsonl}
if [ ! -f "$corpus" ]; then
  echo "no corpus at $corpus (the shared news corpus); nothing to measure" >&2
  exit 0
fi
cargo build --release --quiet
bin=$PWD/target/release/byline
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$bin" "$runs" "$corpus" "$dir" <<'PY'
import json, os, statistics, subprocess, sys, time
binary, runs, corpus, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
words = files = 0
with open(corpus, encoding="utf-8") as lines:
    for n, line in enumerate(lines):
        text = json.loads(line)["text"]
        with open(os.path.join(out, f"{n:05d}.txt"), "w", encoding="utf-8") as f:
            f.write(text)
        words += len(text.split())
        files += 1
print(f"corpus: {files} articles, {words:,} words")
for threads in ["1", str(os.cpu_count())]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        run = subprocess.run([binary, "check", "--format", "json", out],
                             env=dict(os.environ, RAYON_NUM_THREADS=threads),
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
        assert run.returncode in (0, 1), run.returncode
    median = statistics.median(samples)
    summary = json.loads(run.stdout)["summary"]
    print(f"{threads} thread(s): median {median:.3f} s  ->  {words / median:,.0f} words/s, "
          f"{files / median:,.0f} files/s  ({summary['warnings']} warnings, {summary['information']} information)")
PY
