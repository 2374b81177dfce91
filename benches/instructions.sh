#!/usr/bin/env bash
# Instructions executed by `byline check` (process start to exit), counted by
# valgrind's callgrind: unlike wall time, the count does not move with other load on the
# machine, so two builds compare on a busy machine (this VM exposes no hardware
# counters to `perf stat`). Two inputs: the example story (start-up dominates) and the
# news corpus repeated to 1 MB as one document (the project's own texts when ../shared
# is absent).
# Usage: bash benches/instructions.sh [BINARY...]   (default: target/release/byline)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 2; }
if [ $# -eq 0 ]; then
  cargo build --release --quiet
  set -- target/release/byline
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir/1mb.txt" <<'PY'
import json, pathlib, sys
shared = pathlib.Path("../shared/data/news/articles.jsonl")
own = pathlib.Path("tests/fixtures/eval/news.jsonl")
source = shared if shared.exists() else own
texts = [json.loads(line)["text"] for line in source.open(encoding="utf-8") if line.strip()]
out, i = [], 0
while sum(len(t.encode()) + 2 for t in out) < 1_000_000:
    out.append(texts[i % len(texts)])
    i += 1
pathlib.Path(sys.argv[1]).write_text("\n\n".join(out), encoding="utf-8")
PY
printf '%-40s %18s %18s\n' binary "moscow-talks.md" "1 MB of news"
for binary in "$@"; do
  counts=()
  for input in examples/moscow-talks.md "$dir/1mb.txt"; do
    valgrind --tool=callgrind --callgrind-out-file="$dir/out" "$binary" check "$input" \
      >/dev/null 2>"$dir/log" || true
    counts+=("$(grep -o 'Collected : [0-9]*' "$dir/log" | grep -o '[0-9]*$')")
  done
  printf '%-40s %18s %18s\n' "$binary" "${counts[0]}" "${counts[1]}"
done
