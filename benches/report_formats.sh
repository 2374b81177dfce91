#!/usr/bin/env bash
# Time of `byline check --format F STORY` (process start to exit, output to /dev/null)
# for every format on one long story of 1, 5 and 20 MB, to show that rendering grows
# linearly with the story. Each story is paragraphs drawn with a fixed seed, as
# benches/throughput.sh draws its synthetic corpus, from the news corpus when present,
# else from the project's own texts (examples/, tests/fixtures/eval/news.jsonl),
# joined into one Markdown file.
# Prints a Markdown table of medians (seconds), the output's size and the findings.
# A run that times out is not repeated.
# Usage: bash benches/report_formats.sh [runs] [sizes in MB...]   (default: 3 1 5 20)
#   BYLINE=path/to/byline   time that binary instead of building the release one
#   TIMEOUT=seconds         give up on a run after this long (default 600; shown as >)
#   FORMATS="json html"     time only these formats
#   BASELINE=path/to/byline a binary to compare with: its runs alternate with the
#                           measured binary's, so both see the same machine load, and
#                           each cell reads "before → after"
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
shift || true
sizes=${*:-1 5 20}
if [ -z "${BYLINE:-}" ]; then
  cargo build --release --quiet
  BYLINE=$PWD/target/release/byline
fi
corpus=${CORPUS:-../shared/data/news/articles.jsonl}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# shellcheck disable=SC2086
python3 - "$BYLINE" "$runs" "$corpus" "$dir" "${TIMEOUT:-600}" $sizes <<'PY'
import json, os, random, statistics, subprocess, sys, time
binary, runs, corpus, out, timeout = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], float(sys.argv[5])
binaries = ([os.environ["BASELINE"]] if os.environ.get("BASELINE") else []) + [binary]
sizes = [float(s) for s in sys.argv[6:]]
formats = os.environ.get("FORMATS", "human json jsonl sarif github html").split()

if os.path.exists(corpus):
    sources = [json.loads(line)["text"] for line in open(corpus, encoding="utf-8")]
    print(f"paragraphs from {corpus}")
else:
    sources = [open(p, encoding="utf-8").read() for p in ("examples/iran-russia-plain.txt", "examples/moscow-talks.md")] + [
        json.loads(line)["text"] for line in open("tests/fixtures/eval/news.jsonl", encoding="utf-8")]
    print("paragraphs from examples/ and tests/fixtures/eval/news.jsonl (no news corpus)")
paragraphs = [p.strip() for text in sources for p in text.split("\n\n") if len(p.split()) >= 5]

def story(megabytes):
    rng = random.Random(7)
    parts, size = [], 0
    while size < megabytes * 1e6:
        p = rng.choice(paragraphs)
        parts.append(p)
        size += len(p.encode("utf-8")) + 2
    path = os.path.join(out, f"story-{megabytes:g}mb.md")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n\n".join(parts) + "\n")
    return path

def run(binary, path, fmt):
    start = time.perf_counter()
    try:
        done = subprocess.run([binary, "check", "--format", fmt, "--color", "never", path],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, 0, None
    assert done.returncode in (0, 1), (fmt, done.returncode)
    return time.perf_counter() - start, len(done.stdout), done.stdout

table = {}
for megabytes in sizes:
    path = story(megabytes)
    actual = os.path.getsize(path) / 1e6
    for fmt in formats:
        samples = {b: [] for b in binaries}
        timed_out = set()
        size, output = 0, None
        for _ in range(runs):
            for b in binaries:
                if b in timed_out:
                    continue
                seconds, size, output = run(b, path, fmt)
                if seconds is None:
                    timed_out.add(b)
                else:
                    samples[b].append(seconds)
        cells = [f"> {timeout:g}" if b in timed_out else f"{statistics.median(samples[b]):.2f}"
                 for b in binaries]
        cell = " → ".join(cells)
        table[(fmt, megabytes)] = cell
        extra = ""
        if fmt == "json" and output:
            summary = json.loads(output)["summary"]
            extra = f", {summary['errors'] + summary['warnings'] + summary['information']} findings"
        print(f"{actual:.2f} MB {fmt:6}: {cell} s (output {size / 1e6:.1f} MB{extra})", flush=True)

print()
print("| format | " + " | ".join(f"{m:g} MB" for m in sizes) + " |")
print("|---|" + "---|" * len(sizes))
for fmt in formats:
    print(f"| `{fmt}` | " + " | ".join(f"{table[(fmt, m)]} s" for m in sizes) + " |")
PY
